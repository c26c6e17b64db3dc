using System.Text.Json.Nodes;

namespace GreenApi.Spec;

/// <summary>
/// The spec as written: <c>openapi.yaml</c> plus the section files it refers to, each parsed to JSON,
/// with every node's position kept so that problems are reported at <c>spec/file.yaml(line,col)</c>.
/// </summary>
public sealed class SpecSet
{
    /// <summary>The file every other file hangs off.</summary>
    public const string RootFile = "openapi.yaml";

    private static readonly string[] ComponentKinds =
        ["schemas", "parameters", "responses", "pathItems", "requestBodies", "headers", "examples"];

    private readonly Dictionary<JsonNode, SpecPosition> positions = new(ReferenceEqualityComparer.Instance);
    private readonly List<SpecProblem> problems = [];

    private SpecSet(string displayDirectory) => DisplayDirectory = displayDirectory;

    /// <summary>How file names are prefixed in positions (e.g. <c>spec</c>).</summary>
    public string DisplayDirectory { get; }

    /// <summary>Parsed files by file name (<c>sending.yaml</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> Files => files;

    private readonly SortedDictionary<string, JsonObject> files = new(StringComparer.Ordinal);

    /// <summary>Everything found wrong while loading and bundling, in file order.</summary>
    public IReadOnlyList<SpecProblem> Problems => problems;

    /// <summary>Loads every <c>*.yaml</c> file directly inside <paramref name="directory"/>.</summary>
    public static SpecSet Load(string directory, string displayDirectory = "spec")
    {
        var paths = Directory.GetFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly);
        return Load(paths.Select(path => new KeyValuePair<string, string>(Path.GetFileName(path), File.ReadAllText(path))), displayDirectory);
    }

    /// <summary>
    /// Loads spec files given as (file name, YAML text) pairs — for a spec embedded in an assembly.
    /// </summary>
    public static SpecSet Load(IEnumerable<KeyValuePair<string, string>> yamlFiles, string displayDirectory = "spec")
    {
        ArgumentNullException.ThrowIfNull(yamlFiles);
        var set = new SpecSet(displayDirectory);
        foreach (var (name, text) in yamlFiles.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var display = displayDirectory + "/" + name;
            var node = YamlJson.Parse(text, display, set.positions, set.problems);
            if (node is JsonObject obj)
            {
                set.files[name] = obj;
            }
            else if (node is not null)
            {
                set.problems.Add(new SpecProblem(new SpecPosition(display, 1, 1), "a spec file must be a mapping"));
            }
        }

        if (!set.files.ContainsKey(RootFile))
        {
            set.problems.Add(new SpecProblem(new SpecPosition(displayDirectory + "/" + RootFile, 1, 1), $"{RootFile} is missing"));
        }

        return set;
    }

    /// <summary>Where a node of one of the files was written; the file's start when unknown.</summary>
    public SpecPosition PositionOf(JsonNode? node, string file) =>
        node is not null && positions.TryGetValue(node, out var p) ? p : new SpecPosition(DisplayDirectory + "/" + file, 1, 1);

    /// <summary>Splits a <c>$ref</c> into the file it names (the current one when it names none) and the JSON pointer.</summary>
    public static (string File, string Pointer) SplitRef(string reference, string currentFile)
    {
        var hash = reference.IndexOf('#');
        var filePart = hash < 0 ? reference : reference[..hash];
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        var file = filePart.Length == 0 ? currentFile : Path.GetFileName(filePart.Replace('\\', '/'));
        return (file, pointer);
    }

    /// <summary>Follows a JSON pointer inside one file; null when it leads nowhere.</summary>
    public JsonNode? Resolve(string file, string pointer)
    {
        if (!files.TryGetValue(file, out var doc))
        {
            return null;
        }

        JsonNode? current = doc;
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            current = current switch
            {
                JsonObject o when o.TryGetPropertyValue(part, out var next) => next,
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// Joins all files into one OpenAPI document: every file's components merged under
    /// <c>components</c>, every relative <c>$ref</c> rewritten to a local one. Problems found on the way
    /// (unresolved references, references that do not point at a component, two files defining one
    /// component name) are added to <see cref="Problems"/>.
    /// </summary>
    public JsonObject Bundle()
    {
        if (!files.TryGetValue(RootFile, out var rootDoc))
        {
            return new JsonObject();
        }

        var bundle = (JsonObject)rootDoc.DeepClone();
        var components = new JsonObject();
        var owners = new Dictionary<(string Kind, string Name), string>();
        foreach (var (file, doc) in files)
        {
            CheckTopLevel(file, doc);
            if (doc["components"] is not JsonObject fileComponents)
            {
                continue;
            }

            foreach (var (kind, group) in fileComponents)
            {
                if (group is not JsonObject members)
                {
                    continue;
                }

                if (!ComponentKinds.Contains(kind) && !kind.StartsWith("x-", StringComparison.Ordinal))
                {
                    problems.Add(new SpecProblem(PositionOf(group, file), $"unsupported component kind '{kind}'"));
                    continue;
                }

                var target = components[kind] as JsonObject ?? (JsonObject)(components[kind] = new JsonObject());
                foreach (var (name, member) in members)
                {
                    if (owners.TryGetValue((kind, name), out var firstFile))
                    {
                        problems.Add(new SpecProblem(PositionOf(member, file),
                            $"{kind} '{name}' is already defined in {firstFile}; names must be unique across the spec (each becomes one C# type)"));
                        continue;
                    }

                    owners[(kind, name)] = file;
                    target[name] = RewriteRefs(member, file);
                }
            }
        }

        bundle["components"] = components;
        foreach (var key in new[] { "paths", "webhooks" })
        {
            if (rootDoc[key] is JsonObject section)
            {
                bundle[key] = RewriteRefs(section, RootFile);
            }
        }

        return bundle;
    }

    private void CheckTopLevel(string file, JsonObject doc)
    {
        foreach (var (key, value) in doc)
        {
            var allowed = key is "openapi" or "info" or "components" || key.StartsWith("x-", StringComparison.Ordinal)
                || (file == RootFile && key is "servers" or "tags" or "paths" or "webhooks" or "security" or "externalDocs" or "jsonSchemaDialect");
            if (!allowed)
            {
                problems.Add(new SpecProblem(PositionOf(value, file),
                    $"'{key}' is not allowed at the top of a section file; put methods under components/pathItems and list their URLs in {RootFile}"));
            }
        }
    }

    private JsonNode? RewriteRefs(JsonNode? node, string file)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var reference))
                    {
                        copy[key] = RewriteRef(reference, value, file);
                    }
                    else
                    {
                        copy[key] = RewriteRefs(value, file);
                    }
                }

                return copy;
            case JsonArray arr:
                var list = new JsonArray();
                foreach (var item in arr)
                {
                    list.Add(RewriteRefs(item, file));
                }

                return list;
            default:
                return node?.DeepClone();
        }
    }

    private string RewriteRef(string reference, JsonNode refNode, string file)
    {
        var (targetFile, pointer) = SplitRef(reference, file);
        if (!files.ContainsKey(targetFile))
        {
            problems.Add(new SpecProblem(PositionOf(refNode, file), $"unresolved $ref '{reference}': there is no file spec/{targetFile}"));
            return reference;
        }

        if (Resolve(targetFile, pointer) is null)
        {
            problems.Add(new SpecProblem(PositionOf(refNode, file), $"unresolved $ref '{reference}': {targetFile} has nothing at '{pointer}'"));
            return reference;
        }

        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || parts[0] != "components" || !ComponentKinds.Contains(parts[1]))
        {
            problems.Add(new SpecProblem(PositionOf(refNode, file),
                $"$ref '{reference}' must point at a named component (#/components/<kind>/<name>)"));
            return reference;
        }

        return "#" + pointer;
    }
}
