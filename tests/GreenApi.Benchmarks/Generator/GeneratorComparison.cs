using System.Diagnostics;
using GreenApi.Benchmarks.Scenarios;
using GreenApi.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GreenApi.Benchmarks.Generator;

/// <summary>Whether a set of C# files compiles, and the errors if not.</summary>
public sealed record CompileResult(bool Compiles, int Errors, IReadOnlyList<string> FirstErrors);

/// <summary>Wall times of whole processes (the median of several runs) and whether the outputs compile.</summary>
public sealed record GeneratorComparisonResult(
    double GeneratorProcessMs,
    double NSwagProcessMs,
    int GeneratorFiles,
    CompileResult GeneratorCompiles,
    CompileResult NSwagCompiles,
    CompileResult NSwagCompilableCompiles);

/// <summary>
/// The generator as a process (start, read the YAML, generate, write the files: what NSwag's CLI does)
/// against NSwag's CLI generating a C# client from the same spec, each run several times; then both
/// outputs compiled with Roslyn against the framework (and, for ours, the runtime).
/// </summary>
public static class GeneratorComparison
{
    public static async Task<GeneratorComparisonResult> RunAsync(BenchSettings settings, string nswagInput, string nswagCompilableOutput)
    {
        var self = typeof(GeneratorComparison).Assembly.Location;
        var ours = Path.Combine(settings.Scratch, "generated");
        var nswagOutput = Path.Combine(settings.Scratch, "nswag", "Client.cs");
        var generator = new List<double>();
        var nswag = new List<double>();
        for (var run = 0; run < settings.ProcessRuns; run++)
        {
            // Alternated, so a slow moment of the machine does not land on one side only.
            generator.Add(await TimeAsync("dotnet", self, "generate-once", ours));
            if (settings.NSwag is not null)
            {
                nswag.Add(await TimeAsync("dotnet", settings.NSwag, "openapi2csclient", "/input:" + nswagInput, "/output:" + nswagOutput,
                    "/namespace:NSwagGenerated", "/jsonLibrary:SystemTextJson", "/className:NSwagClient"));
            }
        }

        var files = Directory.GetFiles(ours, "*.cs");
        Console.WriteLine($"  generator as a process: {ClientScenario.Median(generator):F0} ms (runs: {string.Join(", ", generator.Select(g => g.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}), {files.Length} files");
        if (nswag.Count > 0)
        {
            Console.WriteLine($"  NSwag CLI: {ClientScenario.Median(nswag):F0} ms (runs: {string.Join(", ", nswag.Select(g => g.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        return new GeneratorComparisonResult(
            ClientScenario.Median(generator),
            nswag.Count > 0 ? ClientScenario.Median(nswag) : double.NaN,
            files.Length,
            Compile(files, withRuntime: true),
            nswag.Count > 0 ? Compile([nswagOutput], withRuntime: false) : new CompileResult(false, -1, ["NSwag was not run"]),
            File.Exists(nswagCompilableOutput) ? Compile([nswagCompilableOutput], withRuntime: false) : new CompileResult(false, -1, ["NSwag was not run"]));
    }

    /// <summary>The <c>generate-once</c> command: one cold generation in a fresh process, written to a folder.</summary>
    public static int GenerateOnce(string outputDirectory)
    {
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }

        var run = new GeneratorRun(Path.Combine(Corpus.Root, "spec"));
        return GeneratorRun.Write(run.Run(run.NewDriver()), outputDirectory);
    }

    public static CompileResult Compile(IEnumerable<string> files, bool withRuntime)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(framework, "*.dll")
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            .ToList();
        if (withRuntime)
        {
            // The runtime and what it depends on, as a package consumer gets them.
            references.AddRange(((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("GreenApi.Runtime", StringComparison.Ordinal) || n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || n.StartsWith("Polly", StringComparison.Ordinal) || n.StartsWith("System.Threading.RateLimiting", StringComparison.Ordinal))));
        }

        var compilation = CSharpCompilation.Create(
            "Check",
            trees,
            references.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var sink = new MemoryStream();
        var emit = compilation.Emit(sink);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return new CompileResult(emit.Success, errors.Count, errors.Take(5).Select(e => e.ToString()).ToList());
    }

    private static async Task<double> TimeAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args.Take(2))} failed (exit {process.ExitCode}): {await output}{await errors}");
        }

        return elapsed;
    }
}
