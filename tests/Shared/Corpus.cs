using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using GreenApi.Spec;

namespace GreenApi.Tests.Shared;

/// <summary>One entry of a <c>tests/fixtures/docs/&lt;section&gt;/manifest.yaml</c>.</summary>
public sealed record ManifestEntry(string Section, string? File, string? Target, IReadOnlyList<int> SeedLines, string? Repaired, string? Skip, SpecPosition Position)
{
    public string FullPath => Path.Combine(Corpus.Fixtures, "docs", Section, File ?? "");

    public string Id => $"docs/{Section}/{File ?? "skip@" + string.Join(",", SeedLines)}";
}

/// <summary>One example of the fixture corpus: what it is, which spec target it must fit, its JSON.</summary>
public sealed record CorpusExample(string Id, string Key, string Target, string Json, string? ExclusionReason);

/// <summary>
/// The fixture corpus of the contract (docs, wire and Postman examples) as both the contract tests and the
/// generator tests read it. Compiled into each test project.
/// </summary>
public static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    private static string FindRoot()
    {
        var baked = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
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

    /// <summary>Every entry of tests/fixtures/docs/*/manifest.yaml, and what is wrong with the manifests.</summary>
    public static (IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<SpecProblem> Problems) ReadManifests()
    {
        var entries = new List<ManifestEntry>();
        var problems = new List<SpecProblem>();
        var positions = new Dictionary<JsonNode, SpecPosition>(ReferenceEqualityComparer.Instance);
        foreach (var path in Directory.GetFiles(Path.Combine(Fixtures, "docs"), "manifest.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var section = Path.GetFileName(Path.GetDirectoryName(path)!);
            var display = Path.GetRelativePath(Root, path).Replace('\\', '/');
            var node = YamlJson.Parse(File.ReadAllText(path), display, positions, problems);
            if (node is not JsonArray list)
            {
                problems.Add(new SpecProblem(new SpecPosition(display, 1, 1), "a manifest is a list of entries"));
                continue;
            }

            foreach (var item in list)
            {
                var at = item is not null && positions.TryGetValue(item, out var p) ? p : new SpecPosition(display, 1, 1);
                if (item is not JsonObject e)
                {
                    problems.Add(new SpecProblem(at, "an entry is a mapping"));
                    continue;
                }

                var seedLines = e["seedLines"] is JsonArray lines
                    ? lines.Select(l => int.Parse(l!.ToString(), CultureInfo.InvariantCulture)).ToList()
                    : [];
                entries.Add(new ManifestEntry(section, (string?)e["file"], (string?)e["target"], seedLines, (string?)e["repaired"], (string?)e["skip"], at));
            }
        }

        return (entries, problems);
    }

    /// <summary>The payloads of tests/fixtures/wire: notifications the live service sent.</summary>
    public static IEnumerable<CorpusExample> Wire() =>
        Directory.GetFiles(Path.Combine(Fixtures, "wire"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new CorpusExample("wire/" + Path.GetFileName(f), "wire/" + Path.GetFileName(f), "schema Notification", File.ReadAllText(f), null));

    /// <summary>Every JSON example of the Postman collection (tests/fixtures/postman), with its exclusion reason if any.</summary>
    public static List<CorpusExample> Postman()
    {
        var folder = Path.Combine(Fixtures, "postman");
        var exclusions = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "exclusions"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var problems = new List<SpecProblem>();
            var node = YamlJson.Parse(File.ReadAllText(file), file, new Dictionary<JsonNode, SpecPosition>(ReferenceEqualityComparer.Instance), problems);
            if (problems.Count > 0)
            {
                throw new InvalidDataException(string.Join(Environment.NewLine, problems));
            }
            foreach (var item in node?.AsArray() ?? [])
            {
                // {method, kind, index} for a method's example; {notification, journal?} for postman/notifications.json.
                var key = item!["notification"] is { } n
                    ? $"notifications[{(int)n}]" + (item["journal"] is { } j ? $".journalExamples[{(int)j}]" : "")
                    : $"{((string)item["method"]!).ToLowerInvariant()} {(string)item["kind"]!}[{(int)item["index"]!}]";
                exclusions[key] = (string)item["reason"]!;
            }
        }

        var examples = new List<CorpusExample>();
        foreach (var method in JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "methods.json")))!.AsArray())
        {
            var name = (string)method!["method"]!;
            if ((string?)method["bodyKind"] == "json")
            {
                var requests = method["requestExamples"]!.AsArray();
                for (var i = 0; i < requests.Count; i++)
                {
                    Add($"request {name}", $"{name} request[{i}]", $"{name.ToLowerInvariant()} request[{i}]", requests[i]);
                }
            }

            var responses = method["responseExamples"]!.AsArray();
            for (var i = 0; i < responses.Count; i++)
            {
                var body = responses[i]!["body"];
                if (body is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)
                {
                    continue; // an empty body: the collection's comment says so, there is nothing to validate
                }

                var status = (int?)responses[i]!["status"] ?? 200;
                Add($"response {name} {status}", $"{name} response[{i}]", $"{name.ToLowerInvariant()} response[{i}]", body);
            }
        }

        var notifications = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "notifications.json")))!.AsArray();
        for (var i = 0; i < notifications.Count; i++)
        {
            Add("schema Notification", $"notifications[{i}] {(string?)notifications[i]!["name"]}", $"notifications[{i}]", notifications[i]!["body"]);
            var journal = notifications[i]!["journalExamples"]?.AsArray() ?? [];
            for (var k = 0; k < journal.Count; k++)
            {
                Add("schema JournalMessage", $"notifications[{i}].journalExamples[{k}]", $"notifications[{i}].journalExamples[{k}]", journal[k]!["body"]);
            }
        }

        var unknown = exclusions.Keys.Where(k => examples.All(e => e.Key != k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException("exclusions that name no example: " + string.Join(", ", unknown));
        }
        return examples;

        void Add(string target, string id, string key, JsonNode? body)
        {
            exclusions.TryGetValue(key, out var reason);
            examples.Add(new CorpusExample(id, key, target, body?.ToJsonString() ?? "null", reason));
        }
    }
}
