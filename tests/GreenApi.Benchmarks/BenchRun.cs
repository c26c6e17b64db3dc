using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GreenApi.Benchmarks.Decoding;
using GreenApi.Benchmarks.Generator;
using GreenApi.Benchmarks.Scenarios;

namespace GreenApi.Benchmarks;

/// <summary>One BenchmarkDotNet measurement: mean time and bytes allocated per operation.</summary>
public sealed record BdnRow(string Benchmark, string? Set, double MeanNs, double ErrorNs, long AllocatedBytes);

/// <summary>Everything one run measured, and where.</summary>
public sealed class BenchResults
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>One result set from the parts' files (each part runs in its own process); the earliest date.</summary>
    public static BenchResults Merge(IEnumerable<BenchResults> parts)
    {
        var all = parts.ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException("no results to report: run the parts first (run.sh does)");
        }

        return new BenchResults
        {
            Machine = all[0].Machine,
            Date = all.Min(p => p.Date),
            Generator = all.Select(p => p.Generator).LastOrDefault(g => g is not null),
            GeneratorProcess = all.Select(p => p.GeneratorProcess).LastOrDefault(g => g is not null),
            Decoding = all.Select(p => p.Decoding).LastOrDefault(g => g is not null),
            DecoderChecks = all.Select(p => p.DecoderChecks).LastOrDefault(g => g is not null),
            ClientOverhead = all.Select(p => p.ClientOverhead).LastOrDefault(g => g is not null),
            Client = all.Select(p => p.Client).LastOrDefault(g => g is not null),
            ClientPinned = all.Any(p => p.ClientPinned),
            RateLimit = all.Select(p => p.RateLimit).LastOrDefault(g => g is not null),
            Receiving = all.Select(p => p.Receiving).LastOrDefault(g => g is not null),
        };
    }

    public required string Machine { get; init; }

    public required DateTimeOffset Date { get; init; }

    public IReadOnlyList<BdnRow>? Generator { get; set; }

    public GeneratorComparisonResult? GeneratorProcess { get; set; }

    public IReadOnlyList<BdnRow>? Decoding { get; set; }

    public IReadOnlyList<DecoderCheck>? DecoderChecks { get; set; }

    public IReadOnlyList<BdnRow>? ClientOverhead { get; set; }

    public IReadOnlyList<ClientResult>? Client { get; set; }

    public bool ClientPinned { get; set; }

    public RateLimitResult? RateLimit { get; set; }

    public ReceivingResult? Receiving { get; set; }
}

/// <summary>Runs the parts <see cref="BenchSettings.Parts"/> names, in order.</summary>
public static class BenchRun
{
    public static async Task<BenchResults> RunAsync(BenchSettings settings)
    {
        Directory.CreateDirectory(settings.Scratch);
        var results = new BenchResults { Machine = Machine(), Date = DateTimeOffset.UtcNow };
        var config = Config(Path.Combine(settings.Scratch, "BenchmarkDotNet.Artifacts"));
        if (settings.Parts.Contains("generator"))
        {
            Console.WriteLine("== 1. generator");
            results.Generator = Rows(BenchmarkRunner.Run<GeneratorBenchmarks>(config));
            var nswag = Path.Combine(settings.Scratch, "nswag");
            results.GeneratorProcess = await GeneratorComparison.RunAsync(settings, Path.Combine(nswag, "spec.json"), Path.Combine(nswag, "CompilableClient.cs"));
        }

        if (settings.Parts.Contains("decoding"))
        {
            Console.WriteLine("== 2. decoding");
            results.DecoderChecks = Decoders.Check(NotificationCorpus.All);
            foreach (var check in results.DecoderChecks)
            {
                Console.WriteLine($"  {check.Decoder}: decodes {check.Decoded} of {check.Payloads} corpus notifications to the generated decoder's case");
                foreach (var failure in check.Failures)
                {
                    Console.WriteLine("    " + failure);
                }
            }

            results.Decoding = Rows(BenchmarkRunner.Run<DecodingBenchmarks>(config));
        }

        if (settings.Parts.Contains("client"))
        {
            Console.WriteLine("== 3. client");
            results.ClientOverhead = Rows(BenchmarkRunner.Run<Client.ClientOverheadBenchmarks>(config));
            (results.Client, results.ClientPinned) = await ClientScenario.RunAsync(settings);
        }

        if (settings.Parts.Contains("ratelimit"))
        {
            Console.WriteLine("== 4. rate-limit fidelity");
            results.RateLimit = await RateLimitScenario.RunAsync(settings);
        }

        if (settings.Parts.Contains("receiving"))
        {
            Console.WriteLine("== 5. receiving");
            results.Receiving = await ReceivingScenario.RunAsync(settings);
        }

        return results;
    }

    /// <summary>
    /// In-process (the NSwag types exist only in this build, compiled in by run.sh), 3 warm-up and
    /// 15 measured iterations, memory diagnoser on.
    /// </summary>
    public static IConfig Config(string artifacts) => ManualConfig.CreateEmpty()
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(ConsoleLogger.Default)
        .AddExporter(MarkdownExporter.GitHub)
        .WithArtifactsPath(artifacts);

    private static List<BdnRow> Rows(Summary summary)
    {
        var rows = new List<BdnRow>();
        foreach (var report in summary.Reports)
        {
            var statistics = report.ResultStatistics ?? throw new InvalidOperationException($"{report.BenchmarkCase.DisplayInfo} did not produce a result (see the log above)");
            var set = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Set")?.Value as string;
            rows.Add(new BdnRow(
                report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                set,
                statistics.Mean,
                statistics.ConfidenceInterval.Margin,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1));
        }

        return rows;
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {memory:F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; node {NodeVersion()}";
    }

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var version = node!.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
