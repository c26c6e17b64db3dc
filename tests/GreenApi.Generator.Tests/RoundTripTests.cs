using System.Text.Json.Nodes;
using GreenApi.Tests.Shared;

namespace GreenApi.Generator.Tests;

/// <summary>Every fixture of the contract decodes into its concrete generated type and re-encodes to the same JSON.</summary>
public class RoundTripTests
{
    public static TheoryData<string> Ids() => new(GeneratedApi.Examples.Select(e => e.Id));

    [Fact]
    public void The_corpus_is_all_there()
    {
        GeneratedApi.Examples.Count.ShouldBeGreaterThan(450, "docs (~165), wire (40) and Postman (~300) examples; far fewer means a reader broke");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Fixture_decodes_to_its_concrete_type_and_re_encodes_to_equal_json(string id)
    {
        var example = GeneratedApi.Examples.Single(e => e.Id == id);
        var type = GeneratedApi.TypeOf(example.Target)!;
        var value = GeneratedApi.Decode(type, example.Json);

        GeneratedApi.UnknownCases(value).ShouldBeEmpty($"{id} ({example.Target}) fell into an unknown case");
        var encoded = GeneratedApi.Encode(value);
        JsonEquivalence.Explain(JsonNode.Parse(example.Json), JsonNode.Parse(encoded)).ShouldBeNull($"{id}: re-encoded JSON differs:\n{encoded}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Fixture_with_shuffled_properties_decodes_the_same(string id)
    {
        var example = GeneratedApi.Examples.Single(e => e.Id == id);
        var type = GeneratedApi.TypeOf(example.Target)!;
        var original = JsonNode.Parse(example.Json);
        var shuffled = JsonEquivalence.Shuffle(original, new Random(id.GetHashCode(StringComparison.Ordinal)))?.ToJsonString() ?? "null";

        var value = GeneratedApi.Decode(type, shuffled);

        GeneratedApi.UnknownCases(value).ShouldBeEmpty($"{id}: the shuffled object fell into an unknown case");
        JsonEquivalence.Explain(original, JsonNode.Parse(GeneratedApi.Encode(value))).ShouldBeNull($"{id}: shuffled and re-encoded JSON differs");
    }
}
