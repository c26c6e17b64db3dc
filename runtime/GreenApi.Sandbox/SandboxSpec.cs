using System.Globalization;
using System.Text.Json.Nodes;
using GreenApi.Spec;

namespace GreenApi.Sandbox;

/// <summary>One query or path parameter of a method, as the spec declares it.</summary>
internal sealed record SandboxParameter(string Name, string In, bool Required, JsonNode? Schema);

/// <summary>One method of the service as the sandbox serves it, read from the spec.</summary>
internal sealed class SandboxMethod
{
    public required SpecOperation Operation { get; init; }

    public string Name => Operation.Name;

    public string Verb => Operation.Verb;

    public bool IsPartner => Operation.PathTemplate.StartsWith("/partner/", StringComparison.Ordinal);

    public bool IsWebSocket { get; init; }

    /// <summary>The JSON schema of the request body, when the body is JSON.</summary>
    public JsonNode? JsonBodySchema { get; init; }

    /// <summary>The schema of a multipart form body (sendFileByUpload, setProfilePicture, …).</summary>
    public JsonNode? FormBodySchema { get; init; }

    /// <summary>Whether the body is the raw file (uploadFile).</summary>
    public bool RawBody { get; init; }

    public bool BodyRequired { get; init; }

    public IReadOnlyList<SandboxParameter> Parameters { get; init; } = [];

    /// <summary>The request field naming the chat written to (Developer-tariff correspondents limit).</summary>
    public string? CorrespondentField { get; init; }

    public bool ResponseMayBeNull { get; init; }

    /// <summary>The schema of the 200 answer.</summary>
    public JsonNode? ResponseSchema { get; init; }
}

/// <summary>
/// The spec compiled into the sandbox (the same YAML files the generator reads, embedded as resources):
/// every method with its verb, host, limits, quotas, parameters and schemas, and the documented error texts.
/// </summary>
internal sealed class SandboxSpec
{
    private readonly Dictionary<string, SandboxMethod> methods = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Status, string Text)> standardErrors = new(StringComparer.Ordinal);

    private SandboxSpec(JsonObject bundle, SpecCatalog catalog)
    {
        Bundle = bundle;
        Catalog = catalog;
        foreach (var op in catalog.Operations)
        {
            methods[op.Name] = Describe(op);
        }

    }

    private static readonly Lazy<SandboxSpec> Embedded = new(LoadEmbedded);

    /// <summary>The spec embedded in this assembly.</summary>
    public static SandboxSpec Current => Embedded.Value;

    public JsonObject Bundle { get; }

    public SpecCatalog Catalog { get; }

    /// <summary>errors.yaml as parsed, for the standard error texts.</summary>
    private JsonObject? ErrorsFile { get; set; }

    public IEnumerable<SandboxMethod> Methods => methods.Values;

    /// <summary>The method with this wire name, matched case-insensitively as the service does.</summary>
    public SandboxMethod? Find(string name) => methods.GetValueOrDefault(name);

    /// <summary>The documented text of a standard error (errors.yaml, <c>x-green-api-standard-errors</c>).</summary>
    public (int Status, string Text) StandardError(string id) =>
        standardErrors.TryGetValue(id, out var e) ? e : throw new InvalidOperationException($"errors.yaml has no standard error '{id}'");

    /// <summary>Follows local <c>$ref</c>s until a schema object.</summary>
    public JsonNode? Resolve(JsonNode? schema)
    {
        for (var depth = 0; depth < 32 && schema is JsonObject o && o["$ref"] is JsonValue; depth++)
        {
            schema = SpecCatalog.ResolveLocal(Bundle, schema);
        }

        return schema;
    }

    private static SandboxSpec LoadEmbedded()
    {
        var assembly = typeof(SandboxSpec).Assembly;
        var files = new List<KeyValuePair<string, string>>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("spec/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files.Add(new(resource["spec/".Length..], reader.ReadToEnd()));
        }

        var set = SpecSet.Load(files);
        var bundle = set.Bundle();
        if (set.Problems.Count > 0)
        {
            throw new InvalidOperationException("The sandbox's embedded spec has problems:" + Environment.NewLine
                + string.Join(Environment.NewLine, set.Problems.Select(p => p.ToString())));
        }

        var spec = new SandboxSpec(bundle, SpecCatalog.From(bundle));
        spec.ErrorsFile = set.Files.GetValueOrDefault("errors.yaml");
        spec.LoadStandardErrors();
        return spec;
    }

    private void LoadStandardErrors()
    {
        if (ErrorsFile?["x-green-api-standard-errors"] is JsonArray list)
        {
            foreach (var item in list.OfType<JsonObject>())
            {
                standardErrors[(string)item["id"]!] = ((int)item["status"]!, (string)item["text"]!);
            }
        }
    }

    private SandboxMethod Describe(SpecOperation op)
    {
        var o = op.Operation;
        var parameters = new List<SandboxParameter>();
        var pathItem = FindPathItem(op.PathTemplate);
        foreach (var source in new[] { pathItem?["parameters"], o["parameters"] })
        {
            if (source is not JsonArray list)
            {
                continue;
            }

            foreach (var raw in list)
            {
                if (Resolve(raw) is JsonObject p && (string?)p["in"] is "query" or "path")
                {
                    var name = (string)p["name"]!;
                    if (name is "idInstance" or "apiTokenInstance" or "partnerToken")
                    {
                        continue;
                    }

                    parameters.Add(new SandboxParameter(name, (string)p["in"]!, (bool?)p["required"] ?? false, p["schema"]));
                }
            }
        }

        var body = Resolve(o["requestBody"]) as JsonObject;
        var content = body?["content"] as JsonObject;
        var ok = Resolve(o["responses"]?["200"]) as JsonObject;
        var responseSchema = (ok?["content"] as JsonObject)?.FirstOrDefault().Value?["schema"];
        return new SandboxMethod
        {
            Operation = op,
            IsWebSocket = (string?)o["x-green-api-transport"] is "websocket",
            JsonBodySchema = content?["application/json"]?["schema"],
            FormBodySchema = content?["multipart/form-data"]?["schema"],
            RawBody = content is not null && content.Any(c => c.Key is "application/octet-stream" or "*/*" || c.Key.StartsWith("image/", StringComparison.Ordinal)) && content["application/json"] is null && content["multipart/form-data"] is null,
            BodyRequired = (bool?)body?["required"] ?? false,
            Parameters = parameters,
            CorrespondentField = (string?)o["x-green-api-correspondent"],
            ResponseMayBeNull = Resolve(responseSchema) is JsonObject rs && AllowsNull(rs),
            ResponseSchema = responseSchema,
        };
    }

    private JsonObject? FindPathItem(string path) => SpecCatalog.ResolveLocal(Bundle, Bundle["paths"]?[path]) as JsonObject;

    private static bool AllowsNull(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Any(t => (string?)t == "null"),
        JsonValue v => (string?)v == "null",
        _ => schema["oneOf"] is JsonArray one && one.Any(s => s is JsonObject so && (string?)so["type"] == "null"),
    };

    /// <summary>Reads a number the YAML gave as an integer or a string.</summary>
    public static long? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
