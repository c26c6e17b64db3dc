using System.Globalization;
using System.Text;
using GreenApi.Benchmarks.Decoding;
using GreenApi.Benchmarks.Scenarios;

namespace GreenApi.Benchmarks;

/// <summary>The one table run.sh prints (and the README's Performance section shows): figures, ratios, targets.</summary>
public static class Report
{
    public static string Table(BenchResults results)
    {
        var text = new StringBuilder();
        text.AppendLine($"Measured {results.Date:yyyy-MM-dd} on {results.Machine}.");
        text.AppendLine();
        text.AppendLine("| Measurement | GreenApi.Generated | Compared with (same run) | Ratio | Target | Met |");
        text.AppendLine("|---|---|---|---|---|---|");
        if (results.Generator is { } generator)
        {
            var nswagMs = results.GeneratorProcess?.NSwagProcessMs ?? double.NaN;
            foreach (var row in generator)
            {
                var ms = row.MeanNs / 1e6;
                Row(text, $"1. {Capital(row.Benchmark)}, in-process (whole spec)", $"{Ms(ms)}, {Bytes(row.AllocatedBytes)} allocated",
                    $"NSwag CLI, wall time: {Ms(nswagMs)}", Ratio(ms / nswagMs), "≤ 0.20×", Met(ms / nswagMs <= 0.2));
            }
        }

        if (results.GeneratorProcess is { } process)
        {
            Row(text, "1. Generator as a process (start, read YAML, generate, write files; JIT included)",
                $"{Ms(process.GeneratorProcessMs)}, {process.GeneratorFiles} files", $"NSwag CLI, wall time: {Ms(process.NSwagProcessMs)}",
                Ratio(process.GeneratorProcessMs / process.NSwagProcessMs), "—", "—");
            Row(text, "1. Output compiles",
                Compiles(process.GeneratorCompiles),
                $"NSwag: {Compiles(process.NSwagCompiles)}; with case-variant enum values removed from its input: {Compiles(process.NSwagCompilableCompiles)}",
                "—", "—", "—");
        }

        if (results.DecoderChecks is { } checks)
        {
            Row(text, "2. Corpus notifications decoded to the right case",
                string.Join(", ", checks.Where(c => c.Decoder == "generated").Select(c => $"{c.Decoded} of {c.Payloads}")),
                string.Join("; ", checks.Where(c => c.Decoder != "generated").Select(c => $"{Name(c.Decoder)}: {c.Decoded} of {c.Payloads}")),
                "—", "—", "—");
        }

        if (results.Decoding is { } decoding)
        {
            foreach (var set in decoding.Select(r => r.Set).Distinct())
            {
                var rows = decoding.Where(r => r.Set == set).ToList();
                var ours = rows.Single(r => r.Benchmark == "generated decoder");
                var stj = rows.Single(r => r.Benchmark.StartsWith("System.Text.Json", StringComparison.Ordinal));
                var floor = rows.Single(r => r.Benchmark.StartsWith("Utf8JsonReader", StringComparison.Ordinal));
                var label = set == "traffic" ? "traffic mix" : "whole corpus";
                Row(text, $"2. Decoding, {label}: vs System.Text.Json [JsonPolymorphic]", PerItem(ours), PerItem(stj), Ratio(ours.MeanNs / stj.MeanNs), "≤ 1.2×", Met(ours.MeanNs / stj.MeanNs <= 1.2));
                if (rows.SingleOrDefault(r => r.Benchmark == "NSwag types") is { } nswag)
                {
                    Row(text, $"2. Decoding, {label}: vs NSwag's types", PerItem(ours), PerItem(nswag), $"NSwag {Ratio(nswag.MeanNs / ours.MeanNs)} slower", "≥ 8× slower", Met(nswag.MeanNs / ours.MeanNs >= 8));
                }

                Row(text, $"2. Decoding, {label}: vs the floor (Utf8JsonReader walk)", PerItem(ours), PerItem(floor), Ratio(ours.MeanNs / floor.MeanNs), "—", "—");
            }
        }

        if (results.ClientOverhead is { } overhead)
        {
            var ours = overhead.Single(r => r.Benchmark == "generated client");
            var raw = overhead.Single(r => r.Benchmark.StartsWith("raw HttpClient", StringComparison.Ordinal));
            Row(text, "3. Client's own cost of one sendMessage (in-memory handler, no network)", PerCall(ours), PerCall(raw), Ratio(ours.MeanNs / raw.MeanNs), "—", "—");
        }

        if (results.Client is { } client)
        {
            var where = results.ClientPinned ? "server pinned to one core, clients to the other" : "client and server share the cores";
            foreach (var concurrency in client.Select(c => c.Concurrency).Distinct())
            {
                var ours = client.Single(c => c.Concurrency == concurrency && c.Client == "generated client");
                var raw = client.Single(c => c.Concurrency == concurrency && c.Client == "raw HttpClient");
                Row(text, $"3. sendMessage round trips, {concurrency} in flight ({where}): vs raw HttpClient", PerSecond(ours.MedianPerSecond), PerSecond(raw.MedianPerSecond),
                    Ratio(ours.MedianPerSecond / raw.MedianPerSecond), "≥ 0.95×", Met(ours.MedianPerSecond / raw.MedianPerSecond >= 0.95));
                if (client.SingleOrDefault(c => c.Concurrency == concurrency && c.Client == "official JS SDK") is { } js)
                {
                    Row(text, $"3. sendMessage round trips, {concurrency} in flight ({where}): vs the official JS SDK", PerSecond(ours.MedianPerSecond), PerSecond(js.MedianPerSecond),
                        Ratio(ours.MedianPerSecond / js.MedianPerSecond), "≥ 2×", Met(ours.MedianPerSecond / js.MedianPerSecond >= 2));
                }
            }
        }

        if (results.RateLimit is { } limit)
        {
            Row(text, $"4. {limit.Calls:N0} sendMessage, server enforcing {limit.DocumentedPerSecond:0}/s",
                $"{limit.Answered429} × 429; {limit.AchievedPerSecond:F1}/s achieved ({limit.Seconds:F1} s); busiest second {limit.MaxInAnySecond}",
                $"documented {limit.DocumentedPerSecond:0}/s", Ratio(limit.AchievedPerSecond / limit.DocumentedPerSecond), "0 × 429, ≥ 45/s",
                Met(limit.Answered429 == 0 && limit.AchievedPerSecond >= 45));
        }

        if (results.Receiving is { } receiving)
        {
            Row(text, $"5. {receiving.Notifications:N0} notifications through the polling receiver",
                $"{receiving.PerSecond:F0}/s ({receiving.Seconds:F1} s); {Bytes(receiving.AllocatedPerNotification)} allocated per notification",
                $"memory (client process): heap {ReceivingScenario.Mb(receiving.HeapStartBytes)} → {ReceivingScenario.Mb(receiving.HeapEndBytes)} (peak {ReceivingScenario.Mb(receiving.HeapMaxBytes)}), working set {ReceivingScenario.Mb(receiving.WorkingSetStartBytes)} → {ReceivingScenario.Mb(receiving.WorkingSetEndBytes)}",
                "—", "—", "—");
        }

        return text.ToString().TrimEnd();
    }

    private static void Row(StringBuilder text, params string[] cells) => text.AppendLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Name(string decoder) => decoder switch
    {
        "stj-polymorphic" => "System.Text.Json",
        "nswag" => "NSwag",
        _ => decoder,
    };

    private static string Compiles(Generator.CompileResult result) =>
        result.Compiles ? "compiles (0 errors)"
        : result.Errors < 0 ? "not run"
        : $"does not compile: {result.Errors} errors, e.g. {string.Join("; ", result.FirstErrors.Take(1).Select(Short))}";

    private static string Short(string diagnostic)
    {
        var index = diagnostic.IndexOf("error CS", StringComparison.Ordinal);
        return index < 0 ? diagnostic : diagnostic[index..];
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "not run"
        : ms >= 100 ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms"
        : ms >= 1 ? ms.ToString("F1", CultureInfo.InvariantCulture) + " ms"
        : ms.ToString("F3", CultureInfo.InvariantCulture) + " ms";

    private static string PerItem(BdnRow row)
    {
        var time = row.MeanNs >= 1000 ? (row.MeanNs / 1000).ToString("F2", CultureInfo.InvariantCulture) + " µs" : row.MeanNs.ToString("F0", CultureInfo.InvariantCulture) + " ns";
        return $"{time}, {Bytes(row.AllocatedBytes)} per notification";
    }

    private static string PerCall(BdnRow row) =>
        $"{(row.MeanNs / 1000).ToString("F2", CultureInfo.InvariantCulture)} µs, {Bytes(row.AllocatedBytes)} per call";

    private static string Bytes(long bytes) => bytes < 0 ? "?"
        : bytes >= 10 * 1024 * 1024 ? (bytes / 1024.0 / 1024).ToString("F0", CultureInfo.InvariantCulture) + " MB"
        : bytes >= 10 * 1024 ? (bytes / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " KB"
        : bytes.ToString(CultureInfo.InvariantCulture) + " B";

    private static string PerSecond(double value) => value.ToString("F0", CultureInfo.InvariantCulture) + " calls/s";

    private static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "—"
        : ratio >= 10 ? ratio.ToString("F0", CultureInfo.InvariantCulture) + "×"
        : ratio >= 0.01 ? ratio.ToString("F2", CultureInfo.InvariantCulture) + "×"
        : ratio.ToString("F4", CultureInfo.InvariantCulture) + "×";

    private static string Met(bool met) => met ? "yes" : "**no**";
}
