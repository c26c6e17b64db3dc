using System.Text.Json;
using GreenApi.Benchmarks;
using GreenApi.Benchmarks.Generator;
using GreenApi.Tests.Shared;

// The benchmark program; tests/GreenApi.Benchmarks/run.sh drives it. Commands:
//   nswag-input <file> [compilable]   the spec as one OpenAPI 3.0 JSON document NSwag can read
//   generate-once <folder>            one cold generation in this process, files written to <folder>
//   check-decoders                    which corpus payloads each decoder decodes
//   part <generator|decoding|client|ratelimit|receiving> --scratch <dir> --sandbox-server <dll> [--nswag <dll>]
//        [--node-script <js> --node-modules <dir>] [sizes]   one part, results to <scratch>/results/<part>.json
//   report <scratch>                  the table of all parts' results
//   bdn [BenchmarkDotNet arguments]   the BenchmarkDotNet benchmarks alone, BenchmarkSwitcher style
try
{
    switch (args.FirstOrDefault())
    {
        case "nswag-input" when args.Length >= 2:
            File.WriteAllText(args[1], NSwagInput.Create(Path.Combine(Corpus.Root, "spec"), compilable: args.Length > 2 && args[2] == "compilable"));
            return 0;
        case "generate-once" when args.Length == 2:
            Console.WriteLine($"{GeneratorComparison.GenerateOnce(args[1])} files written to {args[1]}");
            return 0;
        case "check-decoders":
            foreach (var check in GreenApi.Benchmarks.Decoding.Decoders.Check(GreenApi.Benchmarks.Decoding.NotificationCorpus.All))
            {
                Console.WriteLine($"{check.Decoder}: {check.Decoded} of {check.Payloads}");
                foreach (var failure in check.Failures)
                {
                    Console.WriteLine("  " + failure);
                }
            }

            return 0;
        case "part" when args.Length >= 2:
            // One part in this (fresh) process; its results go to <scratch>/results/<part>.json.
            var settings = BenchSettings.Parse(["--parts", args[1], .. args[2..]]);
            var results = await BenchRun.RunAsync(settings);
            Directory.CreateDirectory(Path.Combine(settings.Scratch, "results"));
            File.WriteAllText(Path.Combine(settings.Scratch, "results", args[1] + ".json"), JsonSerializer.Serialize(results, BenchResults.Json));
            return 0;
        case "report" when args.Length == 2:
            // The table of every part's results in <scratch>/results, also written to <scratch>/results.md.
            var merged = BenchResults.Merge(Directory.GetFiles(Path.Combine(args[1], "results"), "*.json")
                .Select(f => JsonSerializer.Deserialize<BenchResults>(File.ReadAllText(f), BenchResults.Json)!));
            var table = Report.Table(merged);
            Console.WriteLine(table);
            File.WriteAllText(Path.Combine(args[1], "results.md"), table + Environment.NewLine);
            return 0;
        case "bdn":
            BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(BenchRun).Assembly).Run(args[1..], BenchRun.Config(Path.Combine(Path.GetTempPath(), "greenapi-bdn")));
            return 0;
        default:
            Console.Error.WriteLine("usage: GreenApi.Benchmarks nswag-input <file> [compilable] | generate-once <folder> | check-decoders | part <name> --scratch <dir> --sandbox-server <dll> [...] | report <scratch> | bdn [args]; see tests/GreenApi.Benchmarks/run.sh");
            return 2;
    }
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidOperationException)
{
    Console.Error.WriteLine("benchmark failed: " + e);
    return 1;
}
