using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using GreenApi.Tests.Shared;

namespace GreenApi.Generator.Tests;

/// <summary>
/// Finds the generated type behind a fixture's target (<c>schema X</c>, <c>request m</c>, <c>response m</c>)
/// and decodes and re-encodes through it, the way a user's code does.
/// </summary>
public static class GeneratedApi
{
    private static readonly Assembly Generated = typeof(GreenApiClient).Assembly;

    private static readonly Lazy<IReadOnlyList<MethodInfo>> ClientMethods = new(() =>
        Generated.GetTypes()
            .Where(t => t.Namespace == "GreenApi" && (t.Name.EndsWith("Api", StringComparison.Ordinal) || t == typeof(GreenApiPartnerClient)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .ToList());

    /// <summary>The generated type a target decodes to, or null when the target is not a 2xx JSON body.</summary>
    public static Type? TypeOf(string target)
    {
        var parts = target.Split(' ');
        switch (parts[0])
        {
            case "schema":
                return Generated.GetType("GreenApi." + char.ToUpperInvariant(parts[1][0]) + parts[1][1..], throwOnError: true);
            case "request":
                return Method(parts[1]).GetParameters()[0].ParameterType;
            case "response" when parts.Length == 2 || parts[2].StartsWith('2'):
                var returns = Method(parts[1]).ReturnType;
                return returns.IsGenericType ? returns.GetGenericArguments()[0] : null;
            default:
                return null;
        }
    }

    public static MethodInfo Method(string name) =>
        ClientMethods.Value.SingleOrDefault(m => string.Equals(m.Name, name + "Async", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"no generated client method for '{name}'");

    /// <summary>Decodes JSON as <paramref name="type"/> (a record, a union or a list of them).</summary>
    public static object? Decode(Type type, string json)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = type.GetGenericArguments()[0];
            return JsonNode.Parse(json)!.AsArray().Select(i => Decode(item, i!.ToJsonString())).ToList();
        }

        if (json.Trim() == "null")
        {
            return null;
        }

        var parse = type.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string)])
            ?? throw new InvalidOperationException($"{type.Name} has no Parse(string)");
        try
        {
            return parse.Invoke(null, [json]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>Encodes what <see cref="Decode"/> returned.</summary>
    public static string Encode(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case IList list:
                return "[" + string.Join(",", list.Cast<object?>().Select(Encode)) + "]";
            default:
                var toJson = value.GetType().GetMethod("ToJson", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
                    ?? throw new InvalidOperationException($"{value.GetType().Name} has no ToJson()");
                return (string)toJson.Invoke(value, null)!;
        }
    }

    /// <summary>Names of the unknown cases anywhere in a decoded value (they must not appear for known fixtures).</summary>
    public static IEnumerable<string> UnknownCases(object? value, string path = "$")
    {
        switch (value)
        {
            case null or string or JsonNode:
                yield break;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var found in UnknownCases(list[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                yield break;
        }

        var type = value.GetType();
        if (type.Namespace != "GreenApi" || !type.IsClass)
        {
            yield break;
        }

        if (type.Name.StartsWith("Unknown", StringComparison.Ordinal))
        {
            yield return $"{path}: {type.Name}";
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                foreach (var found in UnknownCases(property.GetValue(value), path + "." + property.Name))
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>All docs, wire and Postman examples (excluded ones left out) with a 2xx JSON target.</summary>
    public static IReadOnlyList<CorpusExample> Examples { get; } = ReadExamples();

    private static List<CorpusExample> ReadExamples()
    {
        var docs = Corpus.ReadManifests().Entries
            .Where(e => e.Skip is null && e.File is not null && e.Target is not null)
            .Select(e => new CorpusExample(e.Id, e.Id, e.Target!, File.ReadAllText(e.FullPath), null));
        return docs.Concat(Corpus.Wire()).Concat(Corpus.Postman().Where(e => e.ExclusionReason is null))
            .Where(e => TypeOf(e.Target) is not null)
            .ToList();
    }
}
