// QuickStart — the main job of the repository.
//
// Today it tours the contract the SDK is generated from: it loads spec/ (the same loader the tests and,
// later, the sandbox use), reports any problem at file(line,col), and prints what the service offers,
// section by section, with the limits the runtime will enforce. The typed client, the runtime and the
// offline sandbox that will let this program run a whole bot flow come with the next issues.
using System.Globalization;
using System.Reflection;
using GreenApi.Spec;

var specDir = args.Length > 0 ? args[0] : FindSpec();
if (specDir is null)
{
    Console.Error.WriteLine("Cannot find the spec folder (spec/openapi.yaml). Run from the repository, or pass the folder: dotnet run --project samples/QuickStart -- <spec-folder>");
    return 2;
}

var set = SpecSet.Load(specDir);
var bundle = set.Bundle();
if (set.Problems.Count > 0)
{
    foreach (var problem in set.Problems)
    {
        Console.Error.WriteLine(problem);
    }

    Console.Error.WriteLine($"The spec has {set.Problems.Count} problem(s); fix them at the positions above.");
    return 1;
}

var catalog = SpecCatalog.From(bundle);
Console.WriteLine($"Green API contract: {catalog.Operations.Count} methods, {catalog.Webhooks.Count} notification types (spec: {Path.GetFullPath(specDir)})");
Console.WriteLine();
foreach (var section in catalog.Operations.GroupBy(o => o.Section))
{
    Console.WriteLine($"{section.Key} ({section.Count()})");
    foreach (var op in section)
    {
        var limits = new List<string>();
        if (op.RequestsPerSecond is { } rps) limits.Add($"{rps.ToString(CultureInfo.InvariantCulture)}/s");
        if (op.Quota is { } q) limits.Add($"Developer {Describe(q.Developer)}/month, Business {Describe(q.Business)}/month");
        if (op.Host == "media") limits.Add("media host");
        if (op.Origin != "docs-2024") limits.Add($"from {op.Origin}");
        Console.WriteLine($"  {op.Verb,-6} {op.Name,-28} {string.Join("; ", limits)}");
    }
}

Console.WriteLine();
Console.WriteLine("Notifications: " + string.Join(", ", catalog.Webhooks));
return 0;

static string Describe(long? quota) => quota?.ToString("N0", CultureInfo.InvariantCulture) ?? "unlimited";

static string? FindSpec()
{
    var baked = Assembly.GetEntryAssembly()?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "GreenApiSpecDir")?.Value;
    if (baked is not null && File.Exists(Path.Combine(baked, SpecSet.RootFile)))
    {
        return baked;
    }

    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "spec");
        if (File.Exists(Path.Combine(candidate, SpecSet.RootFile)))
        {
            return candidate;
        }
    }

    return null;
}
