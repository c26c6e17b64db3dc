using Microsoft.CodeAnalysis;

namespace GreenApi.Generator.Tests;

/// <summary>Each problem a spec contributor can make is reported at its exact file, line and column.</summary>
public class DiagnosticTests
{
    private const string Valid = """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /waInstance{idInstance}/sendThing/{apiTokenInstance}:
            post:
              operationId: sendThing
              tags: [Sending]
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Thing'
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Thing'
        components:
          schemas:
            Thing:
              type: object
              required: [name]
              properties:
                name: {type: string}
        """;

    [Fact]
    public void A_valid_spec_gives_no_diagnostic_and_a_working_client()
    {
        var run = GeneratorHarness.For(("api.yaml", Valid)).Run(out var output);

        run.Diagnostics.ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        run.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).ShouldContain("SendingApi.g.cs");
    }

    [Fact]
    public void Duplicate_key_is_invalid_yaml_at_the_second_key()
    {
        var yaml = Valid.Replace("        name: {type: string}", "        name: {type: string}\n        name: {type: integer}", StringComparison.Ordinal);

        Single(yaml, "GAG001").ShouldBeAt("api.yaml", At(yaml, "name: {type: integer}"));
    }

    [Fact]
    public void Broken_yaml_is_reported_on_its_line()
    {
        var yaml = Valid.Replace("tags: [Sending]", "tags: [Sending", StringComparison.Ordinal);

        var diagnostic = Single(yaml, "GAG001");

        diagnostic.GetMessage().ShouldStartWith("invalid YAML");
        diagnostic.Location.GetLineSpan().Path.ShouldEndWith("api.yaml");
    }

    [Fact]
    public void Unresolved_reference_points_at_the_ref_value()
    {
        var yaml = ReplaceLast(Valid, "'#/components/schemas/Thing'", "'#/components/schemas/Missing'");

        var diagnostic = Single(yaml, "GAG002");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "'#/components/schemas/Missing'"));
        diagnostic.GetMessage().ShouldContain("'Missing' is not defined in api.yaml");
    }

    [Fact]
    public void Reference_to_a_missing_file_says_which()
    {
        var yaml = ReplaceLast(Valid, "'#/components/schemas/Thing'", "'./common.yaml#/components/schemas/Thing'");

        var diagnostic = Single(yaml, "GAG002");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "'./common.yaml"));
        diagnostic.GetMessage().ShouldContain("no spec file './common.yaml'");
    }

    [Fact]
    public void Unsupported_construct_points_at_its_keyword()
    {
        var yaml = Valid.Replace("        name: {type: string}", "        name: {type: string}\n        both:\n          allOf: [{type: string}]", StringComparison.Ordinal);

        var diagnostic = Single(yaml, "GAG003");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "allOf"));
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Union_without_mapping_points_at_the_discriminator()
    {
        var yaml = Valid + """

                Pet:
                  oneOf:
                    - $ref: '#/components/schemas/Thing'
                  discriminator:
                    propertyName: kind
            """;

        var diagnostic = Single(yaml, "GAG004");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "propertyName: kind"));
        diagnostic.GetMessage().ShouldContain("discriminator.mapping");
    }

    [Fact]
    public void OneOf_of_objects_without_discriminator_is_a_union_without_mapping()
    {
        var yaml = Valid.Replace("        name: {type: string}", "        name: {type: string}\n        either:\n          oneOf:\n            - {type: object, properties: {a: {type: string}}}\n            - {type: object, properties: {b: {type: string}}}", StringComparison.Ordinal);

        Single(yaml, "GAG004").ShouldBeAt("api.yaml", At(yaml, "- {type: object, properties: {a:"));
    }

    [Fact]
    public void Two_schemas_with_one_csharp_name_point_at_the_second()
    {
        var yaml = Valid + "\n    thing:\n      type: object\n      properties:\n        other: {type: string}\n";

        var diagnostic = Single(yaml, "GAG005");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "thing:\n"));
        diagnostic.GetMessage().ShouldContain("'Thing'");
    }

    [Fact]
    public void Method_without_a_response_points_at_its_responses()
    {
        var yaml = Valid.Replace("'200':", "'404':", StringComparison.Ordinal);

        var diagnostic = Single(yaml, "GAG006");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "'404':"));
        diagnostic.GetMessage().ShouldContain("sendThing");
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column()
    {
        var yaml = ReplaceLast(Valid, "'#/components/schemas/Thing'", "'#/components/schemas/Missing'");
        var (line, column) = At(yaml, "'#/components/schemas/Missing'");

        Single(yaml, "GAG002").ToString().ShouldContain($"api.yaml({line},{column}): error GAG002:");
    }

    [Fact]
    public void Method_filter_generates_a_subset_and_warns_about_unknown_names()
    {
        var harness = GeneratorHarness.ForRepositorySpec();
        var subset = new GeneratorHarness(harness.Files, methods: "sendMessage;receiveNotification;deleteNotification;noSuchMethod");

        var run = subset.Run(out var output);

        var names = run.GeneratedTrees.Select(t => Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(t.FilePath))).ToHashSet();
        names.ShouldContain("SendMessageRequest");
        names.ShouldContain("Notification");
        names.ShouldNotContain("GetSettingsResponse");
        names.ShouldNotContain("GroupsApi");
        run.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("GAG009");
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
    }

    [Fact]
    public void The_generator_never_throws_on_damaged_specs()
    {
        var random = new Random(7);
        var files = GeneratorHarness.ForRepositorySpec().Files;
        for (var round = 0; round < 40; round++)
        {
            var damaged = files.Select(f =>
            {
                var text = f.Content;
                var cut = random.Next(text.Length);
                text = random.Next(3) switch
                {
                    0 => text[..cut],
                    1 => text.Remove(cut, Math.Min(40, text.Length - cut)),
                    _ => text.Insert(cut, "\n  : [ {{ $ref: x\n"),
                };
                return new GeneratorHarness.SpecText(f.Path, text);
            });

            var result = new GeneratorHarness(damaged).Run().Results[0];

            result.Exception.ShouldBeNull($"round {round}");
            result.Diagnostics.ShouldNotBeEmpty($"round {round}: damage must be reported");
            result.Diagnostics.Where(d => d.Id == "GAG900").Select(d => d.GetMessage()).ShouldBeEmpty($"round {round}: damage is a spec problem, not an internal failure");
        }
    }

    [Fact]
    public void A_fallback_to_a_method_the_spec_lacks_points_at_the_fallback()
    {
        var yaml = Valid.Replace("tags: [Sending]", "tags: [Sending]\n      x-green-api-fallback: {method: pollThing, intervalMs: 500}", StringComparison.Ordinal);

        var diagnostic = Single(yaml, "GAG002");

        diagnostic.ShouldBeAt("api.yaml", At(yaml, "{method: pollThing"));
        diagnostic.GetMessage().ShouldContain("pollThing");
    }

    [Fact]
    public void A_notification_queue_without_both_roles_is_not_a_source_and_a_wrong_role_is_reported()
    {
        var oneRole = Valid.Replace("tags: [Sending]", "tags: [Sending]\n      x-green-api-notification-queue: {role: receive}", StringComparison.Ordinal);
        var run = GeneratorHarness.For(("api.yaml", oneRole)).Run(out var output);
        run.Diagnostics.ShouldBeEmpty();
        output.SyntaxTrees.Any(t => t.ToString().Contains("IGreenApiNotificationSource", StringComparison.Ordinal)).ShouldBeFalse();

        var wrongRole = Valid.Replace("tags: [Sending]", "tags: [Sending]\n      x-green-api-notification-queue: {role: peek}", StringComparison.Ordinal);
        Single(wrongRole, "GAG007").ShouldBeAt("api.yaml", At(wrongRole, "{role: peek}"));
    }

    private static Diagnostic Single(string yaml, string id)
    {
        var run = GeneratorHarness.For(("api.yaml", yaml)).Run();
        run.Results[0].Exception.ShouldBeNull();
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        matching.Count.ShouldBe(1, $"expected one {id}; got: {string.Join("; ", run.Diagnostics)}");
        return matching[0];
    }

    private static (int Line, int Column) At(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, $"marker '{marker}' not in the YAML");
        var before = text[..index];
        return (before.Count(c => c == '\n') + 1, index - before.LastIndexOf('\n'));
    }

    private static string ReplaceLast(string text, string old, string replacement)
    {
        var index = text.LastIndexOf(old, StringComparison.Ordinal);
        return text[..index] + replacement + text[(index + old.Length)..];
    }
}

internal static class DiagnosticAssertions
{
    public static void ShouldBeAt(this Diagnostic diagnostic, string file, (int Line, int Column) at)
    {
        var span = diagnostic.Location.GetLineSpan();
        Path.GetFileName(span.Path).ShouldBe(file);
        (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1).ShouldBe(at, diagnostic.ToString());
    }
}
