namespace GreenApi.Generator.Model;

internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

/// <summary>
/// A YAML node as the parser read it, with its position (1-based line and column, 0-based offset).
/// Plain (unquoted) scalars keep that fact, since only they can be numbers, booleans or null.
/// </summary>
internal sealed record YamlNodeSpec(
    YamlNodeKind Kind,
    string Value,
    bool Plain,
    YamlPosition Position,
    EquatableArray<YamlEntrySpec> Entries,
    EquatableArray<YamlNodeSpec> Items)
{
    public bool IsNull => Kind == YamlNodeKind.Scalar && Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public YamlNodeSpec? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public YamlEntrySpec? Entry(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }
}

internal sealed record YamlEntrySpec(string Key, YamlPosition KeyPosition, YamlNodeSpec Value);

internal readonly record struct YamlPosition(int Line, int Column, int Offset, int Length);

/// <summary>One spec file: where it is, what it holds, and what was wrong with its YAML.</summary>
internal sealed record SpecFileSpec(string Path, YamlNodeSpec? Root, EquatableArray<DiagnosticInfo> Diagnostics);
