using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using GreenApi.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GreenApi.Generator.Parsing;

/// <summary>Reads one YAML file into an equatable node tree that remembers every node's position.</summary>
internal static class YamlParser
{
    public static SpecFileSpec Parse(string path, string text)
    {
        var diagnostics = new List<DiagnosticInfo>();
        YamlNodeSpec? root = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<DocumentStart>(out _))
            {
                parser.Consume<DocumentStart>();
                root = ReadNode(parser, path, diagnostics);
            }
            else
            {
                diagnostics.Add(Diagnostic(path, new YamlPosition(1, 1, 0, 0), "the file holds no YAML document"));
            }
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic(path, At(e.Start, e.End), "invalid YAML: " + Clean(e.Message)));
            root = null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet runs out of events when the text ends inside an open flow collection or block.
            var lines = text.Split('\n');
            diagnostics.Add(Diagnostic(path, new YamlPosition(lines.Length, 1, text.Length, 0), "invalid YAML: the file ends inside an unclosed [ ], { } or quote"));
            root = null;
        }

        return new SpecFileSpec(path, root, diagnostics.ToEquatableArray());
    }

    private static YamlNodeSpec ReadNode(IParser parser, string path, List<DiagnosticInfo> diagnostics)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new YamlNodeSpec(YamlNodeKind.Scalar, scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, At(scalar.Start, scalar.End), EquatableArray<YamlEntrySpec>.Empty, EquatableArray<YamlNodeSpec>.Empty);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = ImmutableArray.CreateBuilder<YamlNodeSpec>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, path, diagnostics));
            }

            return new YamlNodeSpec(YamlNodeKind.Sequence, "", false, At(sequenceStart.Start, sequenceStart.End), EquatableArray<YamlEntrySpec>.Empty, new EquatableArray<YamlNodeSpec>(items.ToImmutable()));
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = ImmutableArray.CreateBuilder<YamlEntrySpec>();
            var seen = new HashSet<string>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, path, diagnostics);
                var value = ReadNode(parser, path, diagnostics);
                if (key.Kind != YamlNodeKind.Scalar)
                {
                    diagnostics.Add(Diagnostic(path, key.Position, "a mapping key must be a plain string"));
                }
                else if (!seen.Add(key.Value))
                {
                    diagnostics.Add(Diagnostic(path, key.Position, $"duplicate key '{key.Value}'; YAML keeps only one of them"));
                }
                else
                {
                    entries.Add(new YamlEntrySpec(key.Value, key.Position, value));
                }
            }

            return new YamlNodeSpec(YamlNodeKind.Mapping, "", false, At(mappingStart.Start, mappingStart.End), new EquatableArray<YamlEntrySpec>(entries.ToImmutable()), EquatableArray<YamlNodeSpec>.Empty);
        }

        var other = parser.Current!;
        throw new YamlException(other.Start, other.End, other is AnchorAlias ? "aliases (*name) are not supported in the spec; repeat the content or use $ref" : "unexpected YAML event " + other.GetType().Name);
    }

    private static YamlPosition At(Mark start, Mark end) =>
        new((int)start.Line, (int)start.Column, (int)start.Index, (int)System.Math.Max(0, end.Index - start.Index));

    private static DiagnosticInfo Diagnostic(string path, YamlPosition position, string message) =>
        new(DiagnosticDescriptors.InvalidYaml.Id, path, position, ImmutableArray.Create(message).ToEquatableArray());

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (…): "; the diagnostic carries the position already.
        var end = message.IndexOf("): ", System.StringComparison.Ordinal);
        return end > 0 && message.StartsWith("(", System.StringComparison.Ordinal) ? message.Substring(end + 3) : message;
    }
}
