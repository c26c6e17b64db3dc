using System.Text;
using System.Text.Json.Nodes;

namespace GreenApi.Generator.Tests;

/// <summary>
/// Mutated fixtures — truncated, fields deleted or duplicated, types swapped, random bytes — decode to a value or
/// raise <see cref="GreenApiDecodeException"/>; nothing else escapes, and every input finishes.
/// </summary>
public class FuzzTests
{
    private const int Mutations = 100_000;

    [Fact]
    public void Mutated_fixtures_decode_or_raise_the_decode_exception()
    {
        var random = new Random(20261121);
        var examples = GeneratedApi.Examples
            .Select(e => (Type: GeneratedApi.TypeOf(e.Target)!, Node: JsonNode.Parse(e.Json)))
            .Where(e => e.Node is not null)
            .ToList();
        var counts = new Dictionary<string, int>();
        var failures = new List<string>();

        for (var i = 0; i < Mutations && failures.Count < 5; i++)
        {
            var (type, node) = examples[random.Next(examples.Count)];
            var (kind, input) = Mutate(node!, random);
            try
            {
                GeneratedApi.Decode(type, input);
                Count(counts, kind + " decoded");
            }
            catch (GreenApiDecodeException e)
            {
                e.Message.ShouldStartWith("Could not decode ");
                Count(counts, kind + " rejected");
            }
            catch (Exception e) when (type.IsGenericType && e is System.Text.Json.JsonException)
            {
                // The test's own list splitting (JsonNode) met the malformed array first; not the SDK's code.
                Count(counts, kind + " rejected");
            }
            catch (Exception e)
            {
                failures.Add($"{kind} on {type.Name}: {e.GetType().Name}: {e.Message}\n{input}");
            }
        }

        failures.ShouldBeEmpty();
        counts.Values.Sum().ShouldBe(Mutations);
        foreach (var kind in new[] { "truncate", "delete", "duplicate", "swap", "bytes" })
        {
            counts.GetValueOrDefault(kind + " rejected").ShouldBeGreaterThan(0, $"some '{kind}' mutations must be rejected, or the mutation does nothing");
        }
    }

    private static (string Kind, string Json) Mutate(JsonNode node, Random random)
    {
        var json = node.ToJsonString();
        switch (random.Next(5))
        {
            case 0:
                return ("truncate", json[..random.Next(json.Length)]);
            case 1:
                return ("delete", Edit(node, random, (parent, key) => parent.Remove(key)));
            case 2:
                return ("duplicate", Duplicate(json, random));
            case 3:
                return ("swap", Edit(node, random, (parent, key) => parent[key] = Swapped(parent[key], random)));
            default:
                var bytes = Encoding.UTF8.GetBytes(json);
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return ("bytes", Encoding.UTF8.GetString(bytes));
        }
    }

    private static string Edit(JsonNode original, Random random, Action<JsonObject, string> edit)
    {
        var copy = original.DeepClone();
        var objects = Objects(copy).Where(o => o.Count > 0).ToList();
        if (objects.Count > 0)
        {
            var target = objects[random.Next(objects.Count)];
            edit(target, target.ElementAt(random.Next(target.Count)).Key);
        }

        return copy.ToJsonString();
    }

    /// <summary>Repeats the first property of the text: JSON allows duplicate names and readers must cope.</summary>
    private static string Duplicate(string json, Random random)
    {
        var start = json.IndexOf("{\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return json;
        }

        var end = json.IndexOf(",\"", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return json;
        }

        var property = json[(start + 1)..end];
        return random.Next(2) == 0 ? json.Insert(end, "," + property) : json.Insert(end, "," + property.Split(':')[0] + ":[]");
    }

    private static JsonNode? Swapped(JsonNode? value, Random random) => random.Next(6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next()),
        2 => JsonValue.Create("text"),
        3 => JsonValue.Create(true),
        4 => new JsonArray(JsonValue.Create(1)),
        _ => value is JsonObject ? JsonValue.Create(2.5) : new JsonObject { ["x"] = 1 },
    };

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Select(p => p.Value).SelectMany(Objects))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(Objects))
                {
                    yield return child;
                }

                break;
        }
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
