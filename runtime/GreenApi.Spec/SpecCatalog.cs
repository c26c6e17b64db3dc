using System.Globalization;
using System.Text.Json.Nodes;

namespace GreenApi.Spec;

/// <summary>Monthly request quota of one tariff; <see langword="null"/> means unlimited.</summary>
public readonly record struct TariffQuota(long? Developer, long? Business);

/// <summary>One method of the service as the spec describes it.</summary>
/// <param name="Name">Wire name (<c>sendMessage</c>).</param>
/// <param name="Section">The docs section / client property (<c>Sending</c>).</param>
/// <param name="Verb">HTTP verb in upper case.</param>
/// <param name="PathTemplate">URL path with <c>{idInstance}</c>, <c>{apiTokenInstance}</c> or <c>{partnerToken}</c>.</param>
/// <param name="Host"><c>api</c> or <c>media</c>.</param>
/// <param name="RequestsPerSecond">Rate limit from 1.3.12, when the table lists the method.</param>
/// <param name="Quota">Monthly quotas from 1.2.2, when the table lists the method.</param>
/// <param name="Origin">Where the method is known from (<c>docs-2024</c>, <c>postman</c>, …).</param>
/// <param name="Operation">The operation object of the bundled document.</param>
public sealed record SpecOperation(
    string Name,
    string Section,
    string Verb,
    string PathTemplate,
    string Host,
    double? RequestsPerSecond,
    TariffQuota? Quota,
    string Origin,
    JsonObject Operation);

/// <summary>The typed index of a bundled spec: its operations and notification types.</summary>
public sealed class SpecCatalog
{
    private SpecCatalog(IReadOnlyList<SpecOperation> operations, IReadOnlyList<string> webhooks)
    {
        Operations = operations;
        Webhooks = webhooks;
    }

    /// <summary>Every operation, in the order of <c>openapi.yaml</c>.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>Every notification type (<c>typeWebhook</c>) listed under <c>webhooks</c>.</summary>
    public IReadOnlyList<string> Webhooks { get; }

    /// <summary>The operation with this wire name, matched case-insensitively as the service does.</summary>
    public SpecOperation? Find(string name) =>
        Operations.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the catalog from a document produced by <see cref="SpecSet.Bundle"/>.</summary>
    public static SpecCatalog From(JsonObject bundle)
    {
        var operations = new List<SpecOperation>();
        if (bundle["paths"] is JsonObject paths)
        {
            foreach (var (path, itemNode) in paths)
            {
                if (ResolveLocal(bundle, itemNode) is not JsonObject item)
                {
                    continue;
                }

                foreach (var verb in new[] { "get", "post", "put", "delete", "patch" })
                {
                    if (item[verb] is JsonObject op)
                    {
                        operations.Add(new SpecOperation(
                            Name: (string?)op["operationId"] ?? path,
                            Section: op["tags"] is JsonArray { Count: > 0 } tags ? (string?)tags[0] ?? "" : "",
                            Verb: verb.ToUpperInvariant(),
                            PathTemplate: path,
                            Host: (string?)op["x-green-api-host"] ?? "api",
                            RequestsPerSecond: op["x-green-api-rate-limit"] is JsonValue rate ? double.Parse(rate.ToJsonString(), CultureInfo.InvariantCulture) : null,
                            Quota: op["x-green-api-quota"] is JsonObject quota ? new TariffQuota(ReadQuota(quota["developer"]), ReadQuota(quota["business"])) : null,
                            Origin: (string?)op["x-green-api-origin"] ?? "",
                            Operation: op));
                    }
                }
            }
        }

        var webhooks = bundle["webhooks"] is JsonObject hooks ? hooks.Select(h => h.Key).ToList() : [];
        return new SpecCatalog(operations, webhooks);
    }

    /// <summary>Follows a local <c>#/…</c> reference inside the bundle (one level), or returns the node itself.</summary>
    public static JsonNode? ResolveLocal(JsonObject bundle, JsonNode? node)
    {
        if (node is JsonObject obj && obj["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference) && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode? current = bundle;
            foreach (var part in reference[2..].Split('/'))
            {
                current = current?[part.Replace("~1", "/").Replace("~0", "~")];
            }

            return current;
        }

        return node;
    }

    private static long? ReadQuota(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && s == "unlimited" => null,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v => long.Parse(v.ToString(), CultureInfo.InvariantCulture),
        _ => null,
    };
}
