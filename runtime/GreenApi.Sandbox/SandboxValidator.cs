using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GreenApi.Sandbox;

/// <summary>
/// Checks a request against the spec's schema and answers with the service's validation messages
/// (seed 001, 1.3.11 "ОШИБКИ ВАЛИДАЦИИ"): <c>'x' is required</c>, <c>'x' is not allowed</c>,
/// <c>'x' is not allowed to be empty</c>, <c>'x' must be a string|boolean|array|number</c>,
/// <c>'x' length must be less than or equal to N characters long</c>, <c>'x' length must be from A to B
/// elements inclusive</c> and the chatId format message. Objects are closed: a field the spec does not
/// declare is "not allowed", as the service answers.
/// </summary>
internal sealed class SandboxValidator(SandboxSpec spec)
{
    private const string ChatIdMessage = "'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us";

    /// <summary>The first problem with <paramref name="value"/>, or <see langword="null"/> when it fits.</summary>
    public string? Validate(JsonNode? value, JsonNode? schema, string path)
    {
        var s = spec.Resolve(schema) as JsonObject;
        if (s is null)
        {
            return null;
        }

        if (s["oneOf"] is JsonArray oneOf || (s["anyOf"] is JsonArray anyOf && (oneOf = anyOf) is not null))
        {
            string? first = null;
            foreach (var option in oneOf)
            {
                var problem = Validate(value, option, path);
                if (problem is null)
                {
                    return null;
                }

                first ??= problem;
            }

            return first;
        }

        if (s["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                if (Validate(value, part, path) is { } problem)
                {
                    return problem;
                }
            }
        }

        var types = Types(s);
        if (value is null)
        {
            return types.Count == 0 || types.Contains("null") ? null : $"'{path}' must be {Article(types)}";
        }

        var kind = KindOf(value);
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            return Name(path) == "chatId" && kind != "string" ? ChatIdMessage : $"'{path}' must be {Article(types)}";
        }

        if (s["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            return $"'{path}' must be one of [{string.Join(", ", allowed.Select(a => a?.ToString()))}]";
        }

        switch (value)
        {
            case JsonValue v when kind == "string":
                var text = v.GetValue<string>();
                if (text.Length == 0 && (SandboxSpec.Number(s["minLength"]) ?? 0) > 0)
                {
                    return $"'{path}' is not allowed to be empty";
                }

                if (SandboxSpec.Number(s["minLength"]) is { } min && text.Length < min)
                {
                    return Name(path) is "quotedMessageId" or "idMessage" ? "'message id' must be at least 16 symbols" : $"'{path}' length must be at least {min} characters long";
                }

                if (SandboxSpec.Number(s["maxLength"]) is { } max && text.Length > max)
                {
                    return $"'{path}' length must be less than or equal to {max} characters long";
                }

                if ((string?)s["pattern"] is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return Name(path) is "chatId" or "groupId" or "participantChatId" || pattern.Contains("c\\.us", StringComparison.Ordinal)
                        ? ChatIdMessage.Replace("'chatId'", $"'{path}'", StringComparison.Ordinal)
                        : $"'{path}' with value '{text}' fails to match the required pattern: {pattern}";
                }

                return null;
            case JsonValue v when kind is "integer" or "number":
                var number = ToDouble(v);
                if (s["minimum"] is { } minimum && number < ToDouble(minimum))
                {
                    return $"'{path}' must be greater than or equal to {minimum.ToJsonString()}";
                }

                if (s["maximum"] is { } maximum && number > ToDouble(maximum))
                {
                    return $"'{path}' must be less than or equal to {maximum.ToJsonString()}";
                }

                return types.Contains("integer") && !types.Contains("number") && number != Math.Floor(number) ? $"'{path}' must be an integer" : null;
            case JsonArray array:
                var minItems = SandboxSpec.Number(s["minItems"]);
                var maxItems = SandboxSpec.Number(s["maxItems"]);
                if ((minItems is { } lo && array.Count < lo) || (maxItems is { } hi && array.Count > hi))
                {
                    return (minItems, maxItems) switch
                    {
                        ({ } a, { } b) => $"'{path}' length must be from {a} to {b} elements inclusive",
                        ({ } a, null) => array.Count == 0 ? $"'{path}' must contain at least {a} items" : $"'{path}' must contain at least {a} items",
                        _ => $"'{path}' must contain less than or equal to {maxItems} items",
                    };
                }

                for (var i = 0; i < array.Count; i++)
                {
                    if (Validate(array[i], s["items"], $"{path}[{i}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonObject obj:
                return ValidateObject(obj, s, path);
            default:
                return null;
        }
    }

    private string? ValidateObject(JsonObject obj, JsonObject s, string path)
    {
        var properties = spec.Resolve(s["properties"]) as JsonObject;
        if (SandboxSpec.Number(s["minProperties"]) is { } minProperties && obj.Count < minProperties)
        {
            return $"'{(path.Length == 0 ? "value" : path)}' must have at least {minProperties} key";
        }

        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => (string)r!))
            {
                if (!obj.ContainsKey(name))
                {
                    return $"'{Join(path, name)}' is required";
                }
            }
        }

        if (s["x-green-api-required-any-of"] is JsonArray anyOf && !anyOf.Any(n => obj.ContainsKey((string)n!)))
        {
            return $"'{path}' must contain at least one of [{string.Join(", ", anyOf.Select(n => (string?)n))}]";
        }

        foreach (var (name, item) in obj)
        {
            var declared = properties?[name];
            if (declared is null)
            {
                if (s["additionalProperties"] is JsonObject extra)
                {
                    declared = extra;
                }
                else if (s["additionalProperties"] is JsonValue open && open.TryGetValue<bool>(out var isOpen) && isOpen)
                {
                    continue;
                }
                else
                {
                    return $"'{Join(path, name)}' is not allowed";
                }
            }

            if (Validate(item, declared, Join(path, name)) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Checks a query or path value (always text on the wire) against its schema.</summary>
    public string? ValidateText(string text, JsonNode? schema, string name)
    {
        var s = spec.Resolve(schema) as JsonObject;
        var types = s is null ? [] : Types(s);
        JsonNode? value = text;
        if (types.Contains("integer") || types.Contains("number"))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return $"'{name}' must be a number";
            }

            value = number == Math.Floor(number) && Math.Abs(number) < long.MaxValue ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }

        return Validate(value, schema, name);
    }

    private static double ToDouble(JsonNode node) => double.Parse(node.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Name(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static List<string> Types(JsonObject s) => s["type"] switch
    {
        JsonArray list => list.Select(t => (string)t!).ToList(),
        JsonValue v => [(string)v!],
        _ => [],
    };

    private static string KindOf(JsonNode value) => value switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => "string",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            System.Text.Json.JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) || v.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase) ? "number" : "integer",
            _ => "null",
        },
        _ => "null",
    };

    private static string Article(List<string> types)
    {
        var named = types.Where(t => t != "null").Select(t => t switch
        {
            "array" => "an array",
            "object" => "an object",
            "integer" => "a number",
            _ => "a " + t,
        }).Distinct().ToList();
        return named.Count == 0 ? "null" : string.Join(" or ", named);
    }
}
