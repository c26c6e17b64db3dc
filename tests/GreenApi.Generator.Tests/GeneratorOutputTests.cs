using System.Text;
using DiffPlex.DiffBuilder;
using Xunit.Abstractions;
using DiffPlex.DiffBuilder.Model;
using GreenApi.Tests.Shared;
using Microsoft.CodeAnalysis;

namespace GreenApi.Generator.Tests;

/// <summary>
/// The generated files equal the checked-in baselines (tests/GreenApi.Generator.Tests/Baselines), and compile
/// with no diagnostic at all. Set GREENAPI_UPDATE_BASELINES=1 to rewrite the baselines after a deliberate change.
/// </summary>
public class GeneratorOutputTests(ITestOutputHelper output)
{
    private static readonly Lazy<(GeneratorDriverRunResult Result, Compilation Output, TimeSpan Elapsed)> Full = new(() =>
    {
        var harness = GeneratorHarness.ForRepositorySpec();
        var result = harness.Run(out var output);
        return (result, output, harness.Timing.GeneratorTimes[0].ElapsedTime);
    });

    private static string BaselineDir => Path.Combine(Corpus.Root, "tests", "GreenApi.Generator.Tests", "Baselines");

    private static bool Update => Environment.GetEnvironmentVariable("GREENAPI_UPDATE_BASELINES") == "1";

    [Fact]
    public void The_repository_spec_generates_without_diagnostics_or_exceptions()
    {
        var result = Full.Value.Result;
        result.Results[0].Exception.ShouldBeNull();
        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedTrees.Length.ShouldBeGreaterThan(250);
    }

    [Fact]
    public void Generated_code_compiles_without_a_single_warning()
    {
        var diagnostics = Full.Value.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

        diagnostics.Select(d => d.ToString()).Take(20).ShouldBeEmpty();
    }

    [Fact]
    public void Generated_files_match_the_baselines()
    {
        var generated = Full.Value.Result.Results[0].GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        if (Update)
        {
            Directory.CreateDirectory(BaselineDir);
            foreach (var stale in Directory.GetFiles(BaselineDir, "*.cs"))
            {
                File.Delete(stale);
            }

            foreach (var (hint, text) in generated)
            {
                File.WriteAllText(Path.Combine(BaselineDir, hint), text);
            }
        }

        var baselines = Directory.Exists(BaselineDir)
            ? Directory.GetFiles(BaselineDir, "*.cs").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal)
            : [];
        var report = new StringBuilder();
        foreach (var missing in baselines.Keys.Except(generated.Keys).Order(StringComparer.Ordinal))
        {
            report.AppendLine($"{missing}: has a baseline but is no longer generated");
        }

        foreach (var (hint, text) in generated.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!baselines.TryGetValue(hint, out var baseline))
            {
                report.AppendLine($"{hint}: generated but has no baseline");
                continue;
            }

            if (baseline.ReplaceLineEndings("\n") != text.ReplaceLineEndings("\n"))
            {
                report.AppendLine(Diff(hint, baseline, text));
            }
        }

        report.ToString().ShouldBeEmpty("generated code differs from tests/GreenApi.Generator.Tests/Baselines; review the diff and rerun with GREENAPI_UPDATE_BASELINES=1 if it is intended");
    }

    [Fact]
    public void Generation_time_is_reported_by_the_driver()
    {
        // Not an assertion on speed: the figure is printed for the record; benchmarks measure properly.
        Full.Value.Elapsed.ShouldBeGreaterThan(TimeSpan.Zero);
        var types = Full.Value.Result.Results[0].GeneratedSources.Length;
        output.WriteLine($"full spec: {types} files in {Full.Value.Elapsed.TotalMilliseconds:0} ms (first run in this process, JIT included)");
    }

    private static string Diff(string hint, string baseline, string generated)
    {
        var diff = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(baseline, generated, ignoreWhitespace: false);
        var lines = new StringBuilder($"{hint}:\n");
        var shown = 0;
        for (var i = 0; i < diff.Lines.Count && shown < 40; i++)
        {
            var line = diff.Lines[i];
            if (line.Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                lines.AppendLine($"  {(line.Type == ChangeType.Inserted ? "+" : "-")} {i + 1,5}: {line.Text}");
                shown++;
            }
        }

        return lines.ToString();
    }
}
