using System.Text.Json.Nodes;
using GreenApi.Tests.Shared;
using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>The official Postman collection's examples (postman/README.md) fit the spec.</summary>
public class PostmanExampleTests
{
        private static readonly Lazy<IReadOnlyList<CorpusExample>> All = new(Corpus.Postman);

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
}
