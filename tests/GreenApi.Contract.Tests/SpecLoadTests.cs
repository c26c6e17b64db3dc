using GreenApi.Spec;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Shouldly;

namespace GreenApi.Contract.Tests;

public class SpecLoadTests
{
    [Fact]
    public void Spec_loads_and_bundles_without_problems()
    {
        var problems = Repo.Spec.Set.Problems;
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Bundled_spec_is_a_valid_OpenAPI_31_document_for_Microsoft_OpenApi()
    {
        var json = Repo.Spec.Bundle.ToJsonString();
        var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        var errors = result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}").ToList() ?? [];
        errors.ShouldBeEmpty(string.Join(Environment.NewLine, errors));
        result.Document.ShouldNotBeNull();
        result.Diagnostic!.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_1);

        var validation = result.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}").ToList() ?? [];
        validation.ShouldBeEmpty(string.Join(Environment.NewLine, validation));

        result.Document.Paths.Count.ShouldBe(Repo.Spec.Catalog.Operations.Count);
        result.Document.Webhooks!.Count.ShouldBe(Repo.Spec.Catalog.Webhooks.Count);
    }

    [Fact]
    public void Every_url_of_the_index_leads_to_exactly_one_operation()
    {
        var catalog = Repo.Spec.Catalog;
        var paths = Repo.Spec.Bundle["paths"]!.AsObject();
        catalog.Operations.Count.ShouldBe(paths.Count, "each path item holds exactly one operation");
        catalog.Operations.Select(o => o.Name.ToLowerInvariant()).Distinct().Count().ShouldBe(catalog.Operations.Count, "operation names are unique ignoring case, as the service matches them");
    }

    [Fact]
    public void Unresolved_reference_is_reported_at_its_file_line_and_column()
    {
        using var dir = new TempSpec(Repo.SpecDir);
        var baseline = Repo.Spec.Set.Problems;
        var file = Path.Combine(dir.Path, "readmark.yaml");
        var text = File.ReadAllText(file);
        var target = "$ref: './common.yaml#/components/schemas/ChatId'";
        var at = text.IndexOf(target, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, "the edit must hit readmark.yaml");
        text = string.Concat(text.AsSpan(0, at), "$ref: './common.yaml#/components/schemas/NoSuchSchema'", text.AsSpan(at + target.Length));
        File.WriteAllText(file, text);
        var lines = text.Split('\n');
        var expectedLine = Array.FindIndex(lines, l => l.Contains("NoSuchSchema", StringComparison.Ordinal)) + 1;
        var expectedColumn = lines[expectedLine - 1].IndexOf("$ref", StringComparison.Ordinal) + 7;

        var set = SpecSet.Load(dir.Path);
        set.Bundle();

        var problem = set.Problems.Except(baseline).ShouldHaveSingleItem();
        problem.Position.ShouldBe(new SpecPosition("spec/readmark.yaml", expectedLine, expectedColumn));
        problem.Message.ShouldContain("NoSuchSchema");
    }

    [Fact]
    public void Invalid_yaml_and_duplicate_names_are_reported_with_positions()
    {
        using var dir = new TempSpec(Repo.SpecDir);
        File.WriteAllText(Path.Combine(dir.Path, "broken.yaml"), "openapi: 3.1.0\ncomponents:\n  schemas:\n    ChatId: {type: string\n");
        File.WriteAllText(Path.Combine(dir.Path, "twice.yaml"), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    ChatId:\n      type: string\n");

        var set = SpecSet.Load(dir.Path);
        set.Bundle();

        set.Problems.ShouldContain(p => p.Position.File == "spec/broken.yaml" && p.Position.Line == 5 && p.Message.StartsWith("invalid YAML"));
        set.Problems.ShouldContain(p => p.Position == new SpecPosition("spec/twice.yaml", 6, 7) && p.Message.Contains("'ChatId' is already defined in common.yaml"));
    }

    [Fact]
    public void Yes_and_no_stay_strings_and_numbers_become_numbers()
    {
        var problems = new List<SpecProblem>();
        var node = YamlJson.Parse("a: yes\nb: 'no'\nc: 0.1\nd: 42\ne: true\nf: ~\n", "x.yaml", new Dictionary<System.Text.Json.Nodes.JsonNode, SpecPosition>(ReferenceEqualityComparer.Instance), problems)!;
        problems.ShouldBeEmpty();
        node.ToJsonString().ShouldBe("""{"a":"yes","b":"no","c":0.1,"d":42,"e":true,"f":null}""");
    }

    private sealed class TempSpec : IDisposable
    {
        public TempSpec(string source)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "greenapi-spec-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            foreach (var file in Directory.GetFiles(source, "*.yaml"))
            {
                File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
