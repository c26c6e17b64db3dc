using System.Text.Json.Nodes;
using GreenApi.Spec;
using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>The official Postman collection's examples (postman/README.md) fit the spec.</summary>
public class PostmanExampleTests
{
    private sealed record Example(string Id, string Key, string Target, string Json, string? ExclusionReason);

    private static readonly Lazy<IReadOnlyList<Example>> All = new(Read);

    public static TheoryData<string> Included() => new(All.Value.Where(e => e.ExclusionReason is null).Select(e => e.Id));

    public static TheoryData<string> Excluded() => new(All.Value.Where(e => e.ExclusionReason is not null).Select(e => e.Id));

    [Theory]
    [MemberData(nameof(Included))]
    public void Postman_example_validates(string id)
    {
        var example = All.Value.Single(e => e.Id == id);
        Repo.Spec.Oracle.Knows(example.Target).ShouldBeTrue($"{id}: the spec has nothing for '{example.Target}'");
        var problems = Repo.Spec.Oracle.Validate(example.Target, example.Json);
        problems.ShouldBeEmpty($"{id} against '{example.Target}':{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(Excluded))]
    public void Excluded_postman_example_is_still_rejected(string id)
    {
        var example = All.Value.Single(e => e.Id == id);
        Repo.Spec.Oracle.Validate(example.Target, example.Json)
            .ShouldNotBeEmpty($"{id} is excluded ({example.ExclusionReason}) but now validates: remove it from postman/exclusions");
    }

    [Fact]
    public void Every_postman_method_is_in_the_spec()
    {
        var methods = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Fixtures, "postman", "methods.json")))!.AsArray();
        methods.Count.ShouldBe(64);
        methods.Select(m => (string)m!["method"]!).Where(m => Repo.Spec.Catalog.Find(m) is null).ShouldBeEmpty();
        All.Value.Count.ShouldBeGreaterThan(300, "the collection has about 300 JSON examples; far fewer means the reader broke");
    }

    private static List<Example> Read()
    {
        var folder = Path.Combine(Repo.Fixtures, "postman");
        var exclusions = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "exclusions"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var problems = new List<SpecProblem>();
            var node = Fixtures.ParseYamlFile(file, problems);
            problems.ShouldBeEmpty();
            foreach (var item in node?.AsArray() ?? [])
            {
                // {method, kind, index} for a method's example; {notification, journal?} for postman/notifications.json.
                var key = item!["notification"] is { } n
                    ? $"notifications[{(int)n}]" + (item["journal"] is { } j ? $".journalExamples[{(int)j}]" : "")
                    : $"{((string)item["method"]!).ToLowerInvariant()} {(string)item["kind"]!}[{(int)item["index"]!}]";
                exclusions[key] = (string)item["reason"]!;
            }
        }

        var examples = new List<Example>();
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
        unknown.ShouldBeEmpty("exclusions that name no example");
        return examples;

        void Add(string target, string id, string key, JsonNode? body)
        {
            exclusions.TryGetValue(key, out var reason);
            examples.Add(new Example(id, key, target, body?.ToJsonString() ?? "null", reason));
        }
    }
}
