using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenApi.Spec;
using GreenApi.Tests.Shared;

namespace GreenApi.Contract.Tests;

/// <summary>A fenced block of the docs that starts like JSON; <see cref="Line"/> is its opening <c>```</c>.</summary>
public sealed record DocsBlock(int Line, string Text);

public static class Fixtures
{
    private static readonly Lazy<IReadOnlyList<DocsBlock>> Blocks = new(ReadBlocks);
    private static readonly Lazy<(IReadOnlyList<ManifestEntry> Entries, IReadOnlyList<SpecProblem> Problems)> Manifests = new(() => Corpus.ReadManifests());

    /// <summary>Every JSON-looking fenced block of seed 001.</summary>
    public static IReadOnlyList<DocsBlock> DocsBlocks => Blocks.Value;

    public static IReadOnlyList<ManifestEntry> ManifestEntries => Manifests.Value.Entries;

    public static IReadOnlyList<SpecProblem> ManifestProblems => Manifests.Value.Problems;

    public static JsonNode? ParseYamlFile(string path, ICollection<SpecProblem> problems)
    {
        var display = Path.GetRelativePath(Repo.Root, path).Replace('\\', '/');
        return YamlJson.Parse(File.ReadAllText(path), display, new Dictionary<JsonNode, SpecPosition>(ReferenceEqualityComparer.Instance), problems);
    }

    private static List<DocsBlock> ReadBlocks()
    {
        var lines = File.ReadAllLines(Repo.DocsSource);
        var blocks = new List<DocsBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }

            var text = string.Join('\n', lines[(i + 1)..Math.Min(end, lines.Length)]);
            var trimmed = text.TrimStart();
            if (trimmed.Length > 0 && trimmed[0] is '{' or '[' or '"')
            {
                blocks.Add(new DocsBlock(i + 1, text));
            }

            i = end;
        }

        return blocks;
    }

    /// <summary>Parses JSON, or returns null when it is not valid JSON.</summary>
    public static JsonNode? TryParse(string text, out string? error)
    {
        try
        {
            error = null;
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }
}
