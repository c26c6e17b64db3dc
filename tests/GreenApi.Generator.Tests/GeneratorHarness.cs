using System.Collections.Immutable;
using System.Text;
using GreenApi.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GreenApi.Generator.Tests;

/// <summary>Runs the generator in-process over spec files, the way the compiler does, with step tracking on.</summary>
public sealed class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var excluded = new[] { typeof(GeneratorHarness).Assembly.Location, typeof(GreenApiGenerator).Assembly.Location };
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !excluded.Contains(p, StringComparer.OrdinalIgnoreCase))
            .Append(typeof(GreenApiTransport).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private GeneratorDriver _driver;

    public GeneratorHarness(IEnumerable<SpecText> files, string? methods = null)
    {
        Files = files.ToImmutableArray();
        Options = new HarnessOptions(methods);
        Compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("namespace Consumer; public static class Marker { }", ParseOptions)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _driver = CSharpGeneratorDriver.Create(
            [new GreenApiGenerator().AsSourceGenerator()],
            Files,
            ParseOptions,
            Options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public ImmutableArray<SpecText> Files { get; private set; }

    public HarnessOptions Options { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>The spec of the repository, as the package hands it to the compiler.</summary>
    public static GeneratorHarness ForRepositorySpec() =>
        new(Directory.GetFiles(Path.Combine(Corpus.Root, "spec"), "*.yaml").Order(StringComparer.Ordinal).Select(f => new SpecText(f, File.ReadAllText(f))));

    /// <summary>Spec files written by a test; paths are under a fake spec folder.</summary>
    public static GeneratorHarness For(params (string Name, string Yaml)[] files) =>
        new(files.Select(f => new SpecText(Path.Combine(Corpus.Root, "fake-spec", f.Name), f.Yaml)));

    /// <summary>The driver's own timing of the last run.</summary>
    public GeneratorDriverTimingInfo Timing => _driver.GetTimingInfo();

    public GeneratorDriverRunResult Run() => Run(out _);

    public GeneratorDriverRunResult Run(out Compilation output)
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(Compilation, out output, out _);
        return _driver.GetRunResult();
    }

    /// <summary>Replaces one file's text, as an edit in the IDE does.</summary>
    public void Edit(string fileName, Func<string, string> edit)
    {
        var old = Files.Single(f => Path.GetFileName(f.Path) == fileName);
        var updated = new SpecText(old.Path, edit(old.Content));
        updated.Content.ShouldNotBe(old.Content, "the edit must change the file");
        Files = Files.Replace(old, updated);
        _driver = _driver.ReplaceAdditionalText(old, updated);
    }

    public sealed class SpecText(string path, string content) : AdditionalText
    {
        public string Content { get; } = content;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(Content, Encoding.UTF8);
    }

    /// <summary>Marks every additional file as a spec file, as the package's props do, and sets GreenApiMethods.</summary>
    public sealed class HarnessOptions(string? methods) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Spec = new Options(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.GreenApiSpec"] = "true" });

        public override AnalyzerConfigOptions GlobalOptions { get; } =
            new Options(methods is null ? [] : new Dictionary<string, string> { ["build_property.GreenApiMethodList"] = methods });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
