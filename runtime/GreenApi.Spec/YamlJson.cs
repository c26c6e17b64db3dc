using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GreenApi.Spec;

/// <summary>A 1-based position in a spec file.</summary>
public readonly record struct SpecPosition(string File, int Line, int Column)
{
    /// <summary>The position as compilers print it: <c>spec/x.yaml(12,5)</c>.</summary>
    public override string ToString() => $"{File}({Line},{Column})";
}

/// <summary>Something wrong with the spec, reported where it is.</summary>
public sealed record SpecProblem(SpecPosition Position, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Position}: {Message}";
}

/// <summary>
/// Converts YAML to <see cref="JsonNode"/> under the YAML 1.2 core schema (only <c>true</c>/<c>false</c>
/// are booleans, so <c>yes</c>/<c>no</c> stay strings) and remembers where every node came from.
/// </summary>
public static partial class YamlJson
{
    /// <summary>Parses one YAML document. Problems (syntax, duplicate keys, non-JSON values) go to <paramref name="problems"/>.</summary>
    public static JsonNode? Parse(string yaml, string file, IDictionary<JsonNode, SpecPosition> positions, ICollection<SpecProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            problems.Add(new SpecProblem(new SpecPosition(file, (int)e.Start.Line, (int)e.Start.Column), "invalid YAML: " + e.Message));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Add(new SpecProblem(new SpecPosition(file, 1, 1), "the file is empty"));
            return null;
        }

        return Convert(stream.Documents[0].RootNode, file, positions, problems);
    }

    private static JsonNode? Convert(YamlNode node, string file, IDictionary<JsonNode, SpecPosition> positions, ICollection<SpecProblem> problems)
    {
        var at = new SpecPosition(file, (int)node.Start.Line, (int)node.Start.Column);
        JsonNode? result;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        problems.Add(new SpecProblem(At(keyNode, file), "a mapping key must be a plain string"));
                        continue;
                    }

                    if (obj.ContainsKey(key))
                    {
                        problems.Add(new SpecProblem(At(keyNode, file), $"duplicate key '{key}'"));
                        continue;
                    }

                    obj[key] = Convert(valueNode, file, positions, problems);
                }

                result = obj;
                break;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                foreach (var item in seq.Children)
                {
                    arr.Add(Convert(item, file, positions, problems));
                }

                result = arr;
                break;
            case YamlScalarNode scalar:
                result = Scalar(scalar, at, problems);
                break;
            default:
                problems.Add(new SpecProblem(at, "unsupported YAML node"));
                return null;
        }

        if (result is not null)
        {
            positions[result] = at;
        }

        return result;
    }

    private static SpecPosition At(YamlNode node, string file) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    private static JsonNode? Scalar(YamlScalarNode scalar, SpecPosition at, ICollection<SpecProblem> problems)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) || FloatPattern().IsMatch(text))
        {
            // Parsed as JSON, the value converts to whatever numeric type a reader asks for (int, long, double, decimal).
            return JsonNode.Parse(Normalize(text));
        }

        if (text is ".inf" or "-.inf" or "+.inf" or ".nan" or ".NaN")
        {
            problems.Add(new SpecProblem(at, $"'{text}' has no JSON equivalent; quote it if it is meant as text"));
        }

        return JsonValue.Create(text);
    }

    /// <summary>YAML allows <c>+1</c>, <c>.5</c>, <c>5.</c> and leading zeros; JSON does not.</summary>
    private static string Normalize(string number)
    {
        var value = decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
