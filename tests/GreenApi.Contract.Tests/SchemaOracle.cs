using System.Text.Json.Nodes;
using GreenApi.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GreenApi.Contract.Tests;

/// <summary>
/// Validates JSON against the spec with NJsonSchema, an oracle independent of our own code.
/// Objects are treated as closed: a property the schema does not declare is an error, so that every
/// field the docs or the wire show must be in the spec.
/// </summary>
/// <remarks>
/// Targets: <c>schema &lt;Name&gt;</c>, <c>request &lt;method&gt;</c>, <c>response &lt;method&gt; [status]</c>.
/// All of them live as definitions of one JSON Schema document that is parsed once.
/// </remarks>
public sealed class SchemaOracle
{
    private readonly JsonSchema root;
    private readonly Dictionary<string, string> definitionByTarget = new(StringComparer.OrdinalIgnoreCase);

    public SchemaOracle(JsonObject bundle, SpecCatalog catalog)
    {
        var definitions = new JsonObject();
        if (bundle["components"]?["schemas"] is JsonObject schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                definitions[name] = ToJsonSchema(schema);
                definitionByTarget["schema " + name] = name;
            }
        }

        foreach (var op in catalog.Operations)
        {
            if (BodySchema(bundle, op.Operation["requestBody"]) is { } request)
            {
                Add(definitions, $"request {op.Name}", request);
            }

            if (op.Operation["responses"] is JsonObject responses)
            {
                foreach (var (status, response) in responses)
                {
                    if (BodySchema(bundle, response) is { } body)
                    {
                        Add(definitions, $"response {op.Name} {status}", body);
                    }
                }
            }
        }

        var document = new JsonObject { ["definitions"] = definitions };
        root = JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
    }

    /// <summary>Whether a target names something the spec defines.</summary>
    public bool Knows(string target) => Definition(target) is not null;

    /// <summary>The problems of <paramref name="json"/> against <paramref name="target"/>; empty when it fits.</summary>
    public IReadOnlyList<string> Validate(string target, string json)
    {
        var name = Definition(target) ?? throw new ArgumentException($"the spec has nothing for target '{target}'");
        var schema = root.Definitions[name];
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var token = JToken.Load(reader);
        var errors = schema.Validate(token);
        var lines = new List<string>();
        foreach (var error in errors)
        {
            Describe(error, lines, "");
        }

        return lines;
    }

    private string? Definition(string target)
    {
        var parts = target.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var key = parts[0] == "response" && parts.Length == 2 ? target + " 200" : target;
        if (definitionByTarget.TryGetValue(key, out var name))
        {
            return name;
        }

        // A status the operation does not list is answered by its `default` response.
        return parts[0] == "response" && parts.Length == 3 && definitionByTarget.TryGetValue($"response {parts[1]} default", out var fallback)
            ? fallback
            : null;
    }

    private void Add(JsonObject definitions, string target, JsonNode schema)
    {
        var name = "__" + target.Replace(' ', '_');
        definitions[name] = ToJsonSchema(schema);
        definitionByTarget[target] = name;
    }

    private static JsonNode? BodySchema(JsonObject bundle, JsonNode? holder)
    {
        var resolved = SpecCatalog.ResolveLocal(bundle, holder);
        if (resolved?["content"] is not JsonObject content)
        {
            return null;
        }

        foreach (var mediaType in new[] { "application/json", "multipart/form-data", "application/x-www-form-urlencoded" })
        {
            if (content[mediaType]?["schema"] is { } schema)
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>OpenAPI 3.1 schema → the JSON Schema dialect NJsonSchema reads, with objects closed.</summary>
    private static JsonNode? ToJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key.StartsWith("x-", StringComparison.Ordinal) || key is "discriminator" or "example" or "examples" or "deprecated")
                    {
                        continue;
                    }

                    if (key == "$ref")
                    {
                        copy[key] = ((string?)value)!.Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                    }
                    else if (key == "const")
                    {
                        copy["enum"] = new JsonArray(value?.DeepClone());
                    }
                    else if (key == "properties" && value is JsonObject props)
                    {
                        var p = new JsonObject();
                        foreach (var (propName, propSchema) in props)
                        {
                            p[propName] = ToJsonSchema(propSchema);
                        }

                        copy[key] = p;
                    }
                    else
                    {
                        copy[key] = ToJsonSchema(value);
                    }
                }

                if (copy.ContainsKey("properties") && !copy.ContainsKey("additionalProperties") && !copy.ContainsKey("$ref"))
                {
                    copy["additionalProperties"] = false;
                }

                return copy;
            case JsonArray arr:
                var list = new JsonArray();
                foreach (var item in arr)
                {
                    list.Add(ToJsonSchema(item));
                }

                return list;
            default:
                return node?.DeepClone();
        }
    }

    private static void Describe(ValidationError error, List<string> lines, string indent)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        lines.Add($"{indent}{where}: {error.Kind}{(error.Property is null ? "" : $" ({error.Property})")}");
        if (error is ChildSchemaValidationError child && lines.Count < 40)
        {
            // For a union, the variant the author meant is the one whose discriminator (an enum) matched,
            // and among those the one with the fewest problems.
            var best = child.Errors
                .OrderBy(e => e.Value.Any(v => v.Kind == ValidationErrorKind.NotInEnumeration))
                .ThenBy(e => e.Value.Count)
                .FirstOrDefault();
            foreach (var inner in best.Value ?? [])
            {
                Describe(inner, lines, indent + "  ");
            }
        }
    }
}
