using System.Text.Json;
using System.Text.Json.Nodes;
using GreenApi.Spec;

namespace GreenApi.Benchmarks.Generator;

/// <summary>
/// The spec as one OpenAPI 3.0 JSON document NSwag 14 can read. NSwag reads neither YAML split over
/// files nor OpenAPI 3.1, so the benchmark hands it the bundle with the 3.1-only constructs lowered:
/// path items referenced from <c>components/pathItems</c> are inlined (NSwag cannot resolve them),
/// <c>webhooks</c> is dropped (the notification schemas stay under <c>components/schemas</c>),
/// unions (<c>oneOf</c> with a <c>discriminator</c>, which NSwag turns into an empty class and whose
/// first case it drops) become the base-class form NSwag understands (the union holds the discriminator,
/// each case is <c>allOf</c> of the union and its own properties, one discriminator value per case),
/// <c>type: [T, "null"]</c> becomes <c>type: T, nullable: true</c>, other type lists (a number that may
/// arrive as a string) lose their type, and <c>examples</c> becomes <c>example</c>. The time to make this
/// document is not part of NSwag's figure.
/// </summary>
public static class NSwagInput
{
    /// <param name="specDirectory">The spec folder.</param>
    /// <param name="compilable">
    /// Also drop enum values that differ from an earlier one only in case (<c>locationMessage</c> and
    /// <c>LocationMessage</c>): NSwag names both members alike and its output fails with CS0102. The
    /// generator figure uses the document without this; the decoding benchmark needs code that compiles.
    /// </param>
    public static string Create(string specDirectory, bool compilable)
    {
        var set = SpecSet.Load(specDirectory);
        if (set.Problems.Count > 0)
        {
            throw new InvalidOperationException("the spec has problems: " + string.Join(Environment.NewLine, set.Problems));
        }

        var bundle = set.Bundle();
        bundle["openapi"] = "3.0.3";
        bundle.Remove("webhooks");
        var components = (JsonObject)bundle["components"]!;
        var pathItems = components["pathItems"] as JsonObject;
        components.Remove("pathItems");
        var paths = (JsonObject)bundle["paths"]!;
        foreach (var (url, item) in paths.ToList())
        {
            if (item is JsonObject { Count: 1 } reference && (string?)reference["$ref"] is { } target && pathItems is not null)
            {
                var name = target["#/components/pathItems/".Length..];
                paths[url] = pathItems[name]!.DeepClone();
            }
        }

        var schemas = (JsonObject)components["schemas"]!;
        foreach (var (name, schema) in schemas.ToList())
        {
            if (schema is JsonObject { } union && union["discriminator"] is JsonObject discriminator && union["oneOf"] is JsonArray cases)
            {
                var property = (string)discriminator["propertyName"]!;
                // NSwag fails ("Sequence contains more than one matching element") when two values map to one
                // case, so only the first spelling of each case is kept (the generated decoder accepts all).
                var mapping = (JsonObject)discriminator["mapping"]!;
                foreach (var duplicate in mapping.GroupBy(m => (string)m.Value!).SelectMany(g => g.Skip(1)).ToList())
                {
                    mapping.Remove(duplicate.Key);
                }

                union.Remove("oneOf");
                union["type"] = "object";
                union["required"] = new JsonArray(property);
                union["properties"] = new JsonObject { [property] = new JsonObject { ["type"] = "string" } };
                foreach (var caseName in cases.Select(c => ((string)c!["$ref"]!)["#/components/schemas/".Length..]).Distinct())
                {
                    var own = (JsonObject)schemas[caseName]!.DeepClone();
                    (own["properties"] as JsonObject)?.Remove(property);
                    if (own["required"] is JsonArray required && required.FirstOrDefault(r => (string?)r == property) is { } entry)
                    {
                        required.Remove(entry);
                    }

                    schemas[caseName] = new JsonObject
                    {
                        ["description"] = own["description"]?.DeepClone(),
                        ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/components/schemas/" + name }, own),
                    };
                }
            }
        }

        Lower(bundle, compilable);
        return bundle.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void Lower(JsonNode? node, bool compilable)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonArray types)
                {
                    var names = types.Select(t => (string)t!).ToList();
                    o.Remove("type");
                    var nonNull = names.Where(n => n != "null").ToList();
                    if (nonNull.Count == 1)
                    {
                        o["type"] = nonNull[0];
                    }

                    if (names.Contains("null"))
                    {
                        o["nullable"] = true;
                    }
                }

                if (o["examples"] is JsonArray examples && o.ContainsKey("type"))
                {
                    o.Remove("examples");
                    if (examples.Count > 0)
                    {
                        o["example"] = examples[0]!.DeepClone();
                    }
                }

                if (compilable && o["enum"] is JsonArray values && values.All(v => v is JsonValue value && value.TryGetValue<string>(out _)))
                {
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var duplicate in values.Where(v => !seen.Add((string)v!)).ToList())
                    {
                        values.Remove(duplicate);
                    }
                }

                o.Remove("contentEncoding");
                foreach (var (_, child) in o.ToList())
                {
                    Lower(child, compilable);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Lower(child, compilable);
                }

                break;
        }
    }
}
