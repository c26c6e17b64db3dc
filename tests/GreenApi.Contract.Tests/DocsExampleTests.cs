using GreenApi.Tests.Shared;
using System.Text.Json.Nodes;
using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>Every JSON example of the 2024 documentation is a fixture, and every fixture fits the spec.</summary>
public class DocsExampleTests
{
    public static TheoryData<string> FixtureIds() => new(Fixtures.ManifestEntries.Where(e => e.Skip is null).Select(e => e.Id));

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void Docs_example_validates_against_its_schema(string id)
    {
        var entry = Fixtures.ManifestEntries.Single(e => e.Id == id);
        entry.Target.ShouldNotBeNull($"{entry.Position}: an entry with a file needs a target");
        File.Exists(entry.FullPath).ShouldBeTrue($"{entry.Position}: {entry.File} does not exist");
        var json = File.ReadAllText(entry.FullPath);
        Repo.Spec.Oracle.Knows(entry.Target).ShouldBeTrue($"{entry.Position}: the spec has nothing for target '{entry.Target}'");

        var problems = Repo.Spec.Oracle.Validate(entry.Target, json);

        problems.ShouldBeEmpty($"{id} against '{entry.Target}':{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(FixtureIds))]
    public void Docs_example_is_the_docs_json_or_says_what_was_repaired(string id)
    {
        var entry = Fixtures.ManifestEntries.Single(e => e.Id == id);
        entry.SeedLines.ShouldNotBeEmpty($"{entry.Position}: say which block(s) of the docs this fixture comes from (seedLines)");
        var blocks = entry.SeedLines.Select(l => Fixtures.DocsBlocks.SingleOrDefault(b => b.Line == l)).ToList();
        blocks.ShouldAllBe(b => b != null, $"{entry.Position}: every seedLines value must be the opening ``` line of a JSON block");
        if (!string.IsNullOrWhiteSpace(entry.Repaired))
        {
            return;
        }

        entry.SeedLines.Count.ShouldBe(1, $"{entry.Position}: a fixture joined from several blocks is a repair; say so in `repaired`");
        var docs = Fixtures.TryParse(blocks[0]!.Text, out var error);
        error.ShouldBeNull($"{entry.Position}: the docs' block at line {entry.SeedLines[0]} is not valid JSON ({error}), so the fixture is a repair; say what was repaired");
        var fixture = JsonNode.Parse(File.ReadAllText(entry.FullPath));
        JsonEquivalence.Explain(docs, fixture).ShouldBeNull($"{entry.Position}: {entry.File} differs from the docs' block at line {entry.SeedLines[0]} but has no `repaired` note");
    }

    [Fact]
    public void Every_json_block_of_the_docs_is_claimed_by_exactly_one_manifest_entry()
    {
        Fixtures.ManifestProblems.ShouldBeEmpty(string.Join(Environment.NewLine, Fixtures.ManifestProblems));
        var claims = Fixtures.ManifestEntries.SelectMany(e => e.SeedLines.Select(l => (Line: l, Entry: e))).ToLookup(c => c.Line);
        var unclaimed = Fixtures.DocsBlocks.Where(b => !claims.Contains(b.Line)).Select(b => b.Line).ToList();
        var twice = claims.Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Entry.Id))}").ToList();

        unclaimed.ShouldBeEmpty($"{unclaimed.Count} JSON block(s) of the docs have no fixture or skip: lines {string.Join(", ", unclaimed)}");
        twice.ShouldBeEmpty(string.Join(Environment.NewLine, twice));
        Fixtures.DocsBlocks.Count.ShouldBeGreaterThan(170, "the docs hold about 200 JSON-looking blocks; far fewer means the extraction broke");
    }

    [Fact]
    public void Skips_give_a_reason_and_fixture_files_are_all_listed()
    {
        Fixtures.ManifestEntries.Where(e => e.Skip is not null).ShouldAllBe(e => e.Skip!.Length > 10 && e.File == null);
        var listed = Fixtures.ManifestEntries.Where(e => e.File is not null).Select(e => Path.GetFullPath(e.FullPath)).ToHashSet();
        var onDisk = Directory.GetFiles(Path.Combine(Repo.Fixtures, "docs"), "*.json", SearchOption.AllDirectories).Select(Path.GetFullPath);
        onDisk.Where(f => !listed.Contains(f)).ShouldBeEmpty("fixture files that no manifest lists");
        Fixtures.ManifestEntries.Where(e => e.File is not null).GroupBy(e => e.Id).Where(g => g.Count() > 1).ShouldBeEmpty("a file listed twice");
    }
}
