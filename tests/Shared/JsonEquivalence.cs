using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenApi.Tests.Shared;

/// <summary>JSON comparison with numbers by value and objects in any order, and a shuffler for property order.</summary>
public static class JsonEquivalence
{
    /// <summary>Null when equivalent, otherwise where they first differ.</summary>
    public static string? Explain(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject x, JsonObject y):
                foreach (var (key, value) in x)
                {
                    if (!y.TryGetPropertyValue(key, out var other))
                    {
                        return $"{path}.{key} is missing";
                    }

                    if (Explain(value, other, $"{path}.{key}") is { } difference)
                    {
                        return difference;
                    }
                }

                return y.Select(p => p.Key).FirstOrDefault(k => !x.ContainsKey(k)) is { } extra ? $"{path}.{extra} was added" : null;
            case (JsonArray x, JsonArray y):
                if (x.Count != y.Count)
                {
                    return $"{path} has {y.Count} items instead of {x.Count}";
                }

                return x.Select((item, i) => Explain(item, y[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
            case (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number:
                return decimal.Parse(x.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(y.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                    ? null
                    : $"{path}: {x.ToJsonString()} became {y.ToJsonString()}";
            case (JsonValue x, JsonValue y):
                return JsonNode.DeepEquals(x, y) ? null : $"{path}: {x.ToJsonString()} became {y.ToJsonString()}";
            default:
                return $"{path}: {expected?.ToJsonString() ?? "null"} became {actual?.ToJsonString() ?? "null"}";
        }
    }

    public static JsonNode? Shuffle(JsonNode? node, Random random) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(_ => random.Next()).Select(p => KeyValuePair.Create(p.Key, Shuffle(p.Value, random))).ToList()),
        JsonArray a => new JsonArray(a.Select(i => Shuffle(i, random)).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
