using System.Text.Json.Nodes;
using GreenApi.Spec;
using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>The conventions of spec/README.md that the generator and runtime rely on.</summary>
public class ConventionTests
{
    private static readonly string[] Sections = ["Account", "Sending", "Receiving", "Journals", "Queues", "Groups", "Statuses", "ReadMark", "Service", "Partner"];
    private static readonly string[] Origins = ["docs-2024", "docs-2024-tables", "postman", "partner-docs"];
    private static readonly string[] Actions = ["retry-after-delay", "retry-limited", "never-retry", "ask-operator", "ask-sender-to-resend"];

    public static TheoryData<string> OperationNames() => new(Repo.Spec.Catalog.Operations.Select(o => o.Name));

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void Operation_follows_the_conventions(string name)
    {
        var op = Repo.Spec.Catalog.Find(name)!;
        var problems = new List<string>();
        if (!Sections.Contains(op.Section)) problems.Add($"tag '{op.Section}' is not one of the sections");
        if (!Origins.Contains(op.Origin)) problems.Add($"x-green-api-origin '{op.Origin}' is not one of {string.Join(", ", Origins)}");
        if (op.Host is not ("api" or "media")) problems.Add($"x-green-api-host '{op.Host}' must be api or media");
        var segment = op.PathTemplate.Split('/')[2];
        if (segment != op.Name) problems.Add($"operationId '{op.Name}' differs from its URL segment '{segment}'");
        if (op.Operation["summary"] is null) problems.Add("no summary");
        if (op.Operation["responses"] is not JsonObject responses)
        {
            problems.Add("no responses");
        }
        else
        {
            if (!responses.Any(r => r.Key.StartsWith('2'))) problems.Add("no success response");
            if ((string?)responses["default"]?["$ref"] != "#/components/responses/StandardError") problems.Add("responses.default must be the StandardError response");
        }

        if (op.Origin is "docs-2024")
        {
            var line = (int?)op.Operation["x-green-api-docs"]?["line"];
            if (line is null) problems.Add("a documented method needs x-green-api-docs.line");
            else if (!DocsMention(line.Value, op.Name) && !DocsMention(line.Value, (string?)op.Operation["x-green-api-docs"]?["title"] ?? op.Name))
            {
                problems.Add($"x-green-api-docs.line {line} is not near the method's description (neither its name nor the pointer's title appears within 15 lines)");
            }
        }
        else if (op.Origin != "docs-2024" && op.Operation["x-green-api-origin-note"] is null)
        {
            problems.Add("a method from beyond the detailed docs needs x-green-api-origin-note");
        }

        if (op.Host == "media" && op.PathTemplate.Length > 0)
        {
            var item = Repo.Spec.Bundle["components"]!["pathItems"]![op.Name];
            if (item?["servers"] is not JsonArray) problems.Add("a media-host method's path item must declare servers: [{url: '{mediaUrl}'}]");
        }

        if (op.Operation["x-green-api-errors"] is JsonArray errors)
        {
            problems.AddRange(errors.SelectMany(e => PolicyProblems(e, "x-green-api-errors")));
        }

        problems.ShouldBeEmpty($"{op.Name}: " + string.Join("; ", problems));
    }

    [Fact]
    public void Every_standard_error_has_a_status_a_text_and_a_policy()
    {
        var errorsFile = Repo.Spec.Set.Files["errors.yaml"];
        var standard = errorsFile["x-green-api-standard-errors"]!.AsArray();
        var problems = standard.SelectMany(e => PolicyProblems(e, "x-green-api-standard-errors")).ToList();
        problems.AddRange(errorsFile["x-green-api-notification-errors"]!.AsArray().SelectMany(e => PolicyProblems(e, "x-green-api-notification-errors", needsStatus: false)));
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));

        // 1.3.11's table: 204, 400 ×8, 401, 403, 404, 429, 466, 499, 500 ×2, 502.
        standard.Select(e => (int)e!["status"]!).Order().ShouldBe([204, 400, 400, 400, 400, 400, 400, 400, 401, 403, 404, 429, 466, 499, 500, 500, 502]);
        errorsFile["x-green-api-notification-errors"]!.AsArray().Select(e => (string)e!["code"]!).ShouldBe(["SWE001", "SWE002", "SWE003", "SWE004", "SWE999"]);
        errorsFile["x-green-api-validation-messages"]!.AsArray().Count.ShouldBe(8);
    }

    public static TheoryData<string> UnionNames() => new(Unions().Select(u => u.Key));

    [Theory]
    [MemberData(nameof(UnionNames))]
    public void Union_maps_every_key_and_each_variant_declares_exactly_its_keys(string union)
    {
        var schema = Unions().Single(u => u.Key == union).Value!;
        var schemas = Repo.Spec.Bundle["components"]!["schemas"]!.AsObject();
        var property = (string)schema["discriminator"]!["propertyName"]!;
        var mapping = schema["discriminator"]!["mapping"]?.AsObject() ?? throw new ShouldAssertException($"{union}: the discriminator has no mapping");
        var variants = schema["oneOf"]!.AsArray().Select(v => ((string)v!["$ref"]!).Split('/')[^1]).ToList();
        var problems = new List<string>();
        foreach (var variant in variants)
        {
            var keys = mapping.Where(m => ((string)m.Value!).Split('/')[^1] == variant).Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            if (keys.Count == 0) problems.Add($"{variant} has no mapping key");
            var declared = schemas[variant]?["properties"]?[property]?["enum"]?.AsArray().Select(v => (string)v!).Order(StringComparer.Ordinal).ToList();
            if (declared is null) problems.Add($"{variant} does not declare {property} with an enum");
            else if (!declared.SequenceEqual(keys)) problems.Add($"{variant} declares {property} [{string.Join(", ", declared)}] but is mapped from [{string.Join(", ", keys)}]");
            if (schemas[variant]?["required"] is not JsonArray req || !req.Any(r => (string?)r == property)) problems.Add($"{variant} does not require {property}");
        }

        foreach (var (key, target) in mapping)
        {
            if (!variants.Contains(((string)target!).Split('/')[^1])) problems.Add($"mapping '{key}' → {target} is not one of the oneOf variants");
        }

        problems.ShouldBeEmpty($"{union}: " + string.Join("; ", problems));
    }

    [Fact]
    public void The_notification_unions_exist_and_cover_every_webhook()
    {
        var schemas = Repo.Spec.Bundle["components"]!["schemas"]!.AsObject();
        var notification = schemas["Notification"]!;
        ((string)notification["discriminator"]!["propertyName"]!).ShouldBe("typeWebhook");
        var keys = notification["discriminator"]!["mapping"]!.AsObject().Select(m => m.Key).ToList();
        Repo.Spec.Catalog.Webhooks.ShouldBeSubsetOf(keys);
        ((string)schemas["MessageData"]!["discriminator"]!["propertyName"]!).ShouldBe("typeMessage");
    }

    [Fact]
    public void Every_extension_key_the_spec_uses_is_documented_in_the_contributor_guide()
    {
        var guide = File.ReadAllText(Path.Combine(Repo.SpecDir, "README.md"));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var doc in Repo.Spec.Set.Files.Values)
        {
            Collect(doc, keys);
        }

        keys.ShouldNotBeEmpty();
        keys.Where(k => !guide.Contains($"`{k}`", StringComparison.Ordinal)).ShouldBeEmpty("x-green-api-* keys that spec/README.md does not explain");

        static void Collect(JsonNode? node, ISet<string> keys)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key.StartsWith("x-", StringComparison.Ordinal)) keys.Add(key);
                        Collect(value, keys);
                    }

                    break;
                case JsonArray arr:
                    foreach (var item in arr) Collect(item, keys);
                    break;
            }
        }
    }

    [Fact]
    public void Nothing_but_a_description_stands_beside_a_ref()
    {
        // A constraint next to $ref is lost on JSON Schema draft-4 readers (NJsonSchema, many
        // generators): write it on the referenced schema, or wrap the $ref in oneOf/anyOf.
        var problems = new List<string>();
        foreach (var (file, doc) in Repo.Spec.Set.Files)
        {
            Walk(doc, file);
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));

        void Walk(JsonNode? node, string file)
        {
            if (node is JsonObject obj)
            {
                if (obj.ContainsKey("$ref"))
                {
                    problems.AddRange(obj.Where(p => p.Key is not ("$ref" or "description" or "summary" or "deprecated") && !p.Key.StartsWith("x-", StringComparison.Ordinal))
                        .Select(p => $"{Repo.Spec.Set.PositionOf(p.Value, file)}: '{p.Key}' beside $ref"));
                }

                foreach (var (_, value) in obj) Walk(value, file);
            }
            else if (node is JsonArray arr)
            {
                foreach (var item in arr) Walk(item, file);
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Unions() =>
        Repo.Spec.Bundle["components"]?["schemas"]?.AsObject().Where(s => s.Value?["discriminator"] is not null) ?? [];

    private static IEnumerable<string> PolicyProblems(JsonNode? error, string where, bool needsStatus = true)
    {
        var label = $"{where} '{(string?)error?["id"] ?? (string?)error?["text"] ?? (string?)error?["code"]}'";
        if (needsStatus && error?["status"] is null) yield return $"{label} has no status";
        if (error?["description"] is null) yield return $"{label} has no description";
        var action = (string?)error?["policy"]?["action"];
        if (action is null || !Actions.Contains(action)) yield return $"{label} has policy action '{action}', not one of {string.Join(", ", Actions)}";
        if (action is "retry-after-delay" or "retry-limited" && error?["policy"]?["maxAttempts"] is null) yield return $"{label} retries without maxAttempts";
        if (error?["pattern"] is JsonValue pattern)
        {
            string? problem = null;
            try { _ = new System.Text.RegularExpressions.Regex((string)pattern!); }
            catch (ArgumentException e) { problem = e.Message; }
            if (problem is not null) yield return $"{label} pattern is not a valid regular expression: {problem}";
        }
    }

    private static readonly Lazy<string[]> DocsLines = new(() => File.ReadAllLines(Repo.DocsSource));

    private static bool DocsMention(int line, string name)
    {
        var lines = DocsLines.Value;
        for (var i = Math.Max(0, line - 16); i < Math.Min(lines.Length, line + 15); i++)
        {
            if (lines[i].Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
