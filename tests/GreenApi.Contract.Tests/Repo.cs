using System.Reflection;
using System.Text.Json.Nodes;
using GreenApi.Spec;
using GreenApi.Tests.Shared;

namespace GreenApi.Contract.Tests;

/// <summary>Paths into the repository and the spec, loaded once for all tests.</summary>
public static class Repo
{
    public static string Root => Corpus.Root;

    public static string SpecDir => Path.Combine(Root, "spec");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string DocsSource => Path.Combine(SpecDir, "sources", "green-api-docs-2024.ru.txt");

    private static readonly Lazy<LoadedSpec> Loaded = new(() => LoadedSpec.From(SpecDir));

    public static LoadedSpec Spec => Loaded.Value;

    private static string FindRoot()
    {
        var baked = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GreenApiRepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "GreenApi.Generated.sln")))
        {
            return Path.GetFullPath(baked);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GreenApi.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder with GreenApi.Generated.sln).");
    }
}

/// <summary>The spec loaded, bundled and indexed, with the JSON-schema oracle built from it.</summary>
public sealed class LoadedSpec
{
    private LoadedSpec(SpecSet set, JsonObject bundle, SpecCatalog catalog)
    {
        Set = set;
        Bundle = bundle;
        Catalog = catalog;
        oracle = new Lazy<SchemaOracle>(() => new SchemaOracle(bundle, catalog));
    }

    private readonly Lazy<SchemaOracle> oracle;

    public SpecSet Set { get; }

    public JsonObject Bundle { get; }

    public SpecCatalog Catalog { get; }

    /// <summary>Built on first use, so that a spec that does not bundle still reports its own problems first.</summary>
    public SchemaOracle Oracle => oracle.Value;

    public static LoadedSpec From(string directory)
    {
        var set = SpecSet.Load(directory);
        var bundle = set.Bundle();
        return new LoadedSpec(set, bundle, SpecCatalog.From(bundle));
    }
}
