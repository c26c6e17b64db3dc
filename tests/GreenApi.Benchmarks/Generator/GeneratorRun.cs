using System.Collections.Immutable;
using System.Text;
using GreenApi.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GreenApi.Benchmarks.Generator;

/// <summary>
/// The generator driven in-process the way the compiler drives it: the spec's YAML files as additional
/// texts marked <c>GreenApiSpec</c> (as the package's props mark them), a consumer compilation with the
/// framework and the runtime referenced.
/// </summary>
public sealed class GeneratorRun
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public GeneratorRun(string specDirectory)
    {
        Files = Directory.GetFiles(specDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (AdditionalText)new SpecText(f, File.ReadAllText(f)))
            .ToImmutableArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(GreenApiTransport).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        Compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("namespace Consumer; public static class Marker { }", ParseOptions)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public ImmutableArray<AdditionalText> Files { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>A driver that has never run: the next run is a full (cold) generation.</summary>
    public GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new GreenApiGenerator().AsSourceGenerator()],
        Files,
        ParseOptions,
        new SpecOptions(),
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>Runs the driver and checks that it produced code and no error.</summary>
    public GeneratorDriver Run(GeneratorDriver driver)
    {
        driver = driver.RunGenerators(Compilation);
        var result = driver.GetRunResult();
        if (result.GeneratedTrees.Length == 0 || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException("the generator produced nothing or reported errors: " + string.Join(Environment.NewLine, result.Diagnostics));
        }

        return driver;
    }

    /// <summary>
    /// The same file with one description changed, as a contributor's edit would: the first plain
    /// one-line <c>description:</c> in it gets a word more. Changes doc comments of the generated code.
    /// </summary>
    public (AdditionalText Old, AdditionalText New) EditOne(string fileName)
    {
        var old = (SpecText)Files.Single(f => Path.GetFileName(f.Path) == fileName);
        var lines = old.Content.Split('\n');
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("description: ", StringComparison.Ordinal) && char.IsLetter(l.TrimStart()["description: ".Length]));
        if (index < 0)
        {
            throw new InvalidOperationException($"{fileName} has no one-line description to edit");
        }

        lines[index] = lines[index].Replace("description: ", "description: Edited. ", StringComparison.Ordinal);
        return (old, new SpecText(old.Path, string.Join('\n', lines)));
    }

    /// <summary>Writes the generated files of a run into a folder (what a CLI generator produces).</summary>
    public static int Write(GeneratorDriver driver, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var trees = driver.GetRunResult().GeneratedTrees;
        foreach (var tree in trees)
        {
            File.WriteAllText(Path.Combine(outputDirectory, Path.GetFileName(tree.FilePath)), tree.GetText().ToString(), Encoding.UTF8);
        }

        return trees.Length;
    }

    private sealed class SpecText(string path, string content) : AdditionalText
    {
        public string Content { get; } = content;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(Content, Encoding.UTF8);
    }

    private sealed class SpecOptions : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Spec = new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.GreenApiSpec"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options([]);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
