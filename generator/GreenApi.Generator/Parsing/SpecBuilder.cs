using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using GreenApi.Generator.Model;

namespace GreenApi.Generator.Parsing;

/// <summary>The model built from all spec files, and what was wrong with them.</summary>
internal sealed record BuildResult(ApiSpec Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// Turns the parsed spec files into the code model: resolves <c>$ref</c>s across files, names every C# type,
/// classifies schemas (record, open enum, union, alias) and collects the operations. Every problem becomes a
/// <see cref="DiagnosticInfo"/> at the YAML node that causes it.
/// </summary>
internal sealed class SpecBuilder
{
    private static readonly string[] Verbs = ["get", "post", "put", "delete", "patch"];
    private static readonly string[] UnsupportedKeywords = ["allOf", "anyOf", "not", "if", "then", "else", "patternProperties", "prefixItems", "$dynamicRef", "dependentSchemas"];
    private static readonly HashSet<string> UrlParameters = new(StringComparer.Ordinal) { "idInstance", "apiTokenInstance", "partnerToken" };
    private static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "ExtensionData", "EqualityContract", "ToJson", "Parse", "ToString", "GetHashCode", "Equals", "Deconstruct", "GetType", "Clone", "PrintMembers", "MemberwiseClone", "Finalize",
    };

    private readonly SortedDictionary<string, SpecFileSpec> _files = new(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly CancellationToken _cancellationToken;

    private readonly Dictionary<string, NamedSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariantSpec> _variants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeSpec> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string File, YamlNodeSpec Node)> _operationNodes = new(StringComparer.OrdinalIgnoreCase);

    private SpecBuilder(IEnumerable<SpecFileSpec> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            _files[Normalize(file.Path)] = file;
        }

        _cancellationToken = cancellationToken;
    }

    public static BuildResult Build(ImmutableArray<SpecFileSpec> files, string? methodFilter, CancellationToken cancellationToken)
    {
        var builder = new SpecBuilder(files, cancellationToken);
        return builder.Run(methodFilter);
    }

    private BuildResult Run(string? methodFilter)
    {
        foreach (var file in _files.Values)
        {
            _diagnostics.AddRange(file.Diagnostics);
        }

        if (_files.Count == 0)
        {
            Report(DiagnosticDescriptors.NoSpec, "", default);
        }

        CollectSchemas();
        CollectUnions();

        var filter = ParseFilter(methodFilter);
        var operations = CollectOperations(filter);
        var standardErrors = _files.Values
            .Select(f => f.Root?["x-green-api-standard-errors"])
            .Where(n => n is not null)
            .SelectMany(n => ReadErrors(n!))
            .ToEquatableArray();

        if (filter is null)
        {
            foreach (var key in _schemas.Keys.OrderBy(k => _schemas[k].CSharpName, StringComparer.Ordinal))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!_schemas[key].Duplicate)
                {
                    RefTo(key);
                }
            }
        }

        foreach (var file in _files.Values)
        {
            if (file.Root?["webhooks"] is { Kind: YamlNodeKind.Mapping } webhooks)
            {
                foreach (var webhook in webhooks.Entries)
                {
                    if (Follow(webhook.Value, file.Path) is ({ } item, var itemFile) && item["post"]?["requestBody"] is { } body
                        && JsonSchemaOf(body, itemFile) is ({ } schema, var schemaFile))
                    {
                        Map(schema, schemaFile, SpecNames.Pascal(webhook.Key) + "Body");
                    }
                }
            }
        }

        var types = _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray();
        var client = new ClientSpec(ResolveFallbacks(operations).ToEquatableArray(), standardErrors, FindNotificationSource(operations));
        var diagnostics = _diagnostics
            .Distinct()
            .OrderBy(d => d.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Offset)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToEquatableArray();
        return new BuildResult(new ApiSpec(types, client), diagnostics);
    }

    // ----- schemas ---------------------------------------------------------------------------------

    private void CollectSchemas()
    {
        foreach (var file in _files.Values)
        {
            if (file.Root?["components"]?["schemas"] is not { Kind: YamlNodeKind.Mapping } schemas)
            {
                continue;
            }

            foreach (var entry in schemas.Entries)
            {
                var key = Key(file.Path, "/components/schemas/" + Escape(entry.Key));
                var name = SpecNames.Pascal(entry.Key);
                var schema = new NamedSchema(key, entry.Key, file.Path, entry.Value, name, entry.KeyPosition);
                _schemas[key] = schema;
                if (_typeNames.TryGetValue(name, out var owner))
                {
                    schema.Duplicate = true;
                    Report(DiagnosticDescriptors.DuplicateTypeName, file.Path, entry.KeyPosition, entry.Key, name, _schemas[owner].WireName);
                }
                else
                {
                    _typeNames[name] = key;
                }
            }
        }
    }

    private void CollectUnions()
    {
        foreach (var schema in _schemas.Values.Where(s => !s.Duplicate).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (schema.Node["oneOf"] is null || schema.Node["discriminator"] is not { } discriminator)
            {
                continue;
            }

            var property = discriminator["propertyName"]?.Value;
            if (string.IsNullOrEmpty(property) || discriminator["mapping"] is not { Kind: YamlNodeKind.Mapping, Entries.Count: > 0 } mapping)
            {
                Report(DiagnosticDescriptors.UnionWithoutMapping, schema.File, discriminator.Position, schema.WireName, string.IsNullOrEmpty(property) ? "discriminator.propertyName" : "discriminator.mapping");
                schema.Invalid = true;
                continue;
            }

            foreach (var entry in mapping.Entries)
            {
                if (ResolveRef(entry.Value.Value, schema.File, entry.Value.Position) is not { } target)
                {
                    continue;
                }

                if (!_schemas.TryGetValue(target.Key, out var variant) || variant.Duplicate)
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, schema.File, entry.Value.Position, entry.Value.Value, "a discriminator mapping must point at a schema in components.schemas");
                    continue;
                }

                if (_variants.TryGetValue(variant.Key, out var existing))
                {
                    if (existing.Union != schema.CSharpName)
                    {
                        Report(DiagnosticDescriptors.UnsupportedConstruct, schema.File, entry.Value.Position, "a schema in two unions",
                            $"'{variant.WireName}' is already a case of '{existing.Union}'; a C# record has one base, so give each union its own schema");
                    }

                    continue;
                }

                _variants[variant.Key] = new VariantSpec(schema.CSharpName, property!, SpecNames.Pascal(property!), entry.Key);
            }
        }
    }

    /// <summary>The type a named schema stands for; records, enums and unions are generated on first use.</summary>
    private (TypeRefSpec Type, bool Nullable) RefTo(string key)
    {
        var schema = _schemas[key];
        if (schema.Duplicate || schema.Invalid)
        {
            return (TypeRefSpec.Json, false);
        }

        if (schema.Resolved is { } resolved)
        {
            return resolved;
        }

        if (!_resolving.Add(key))
        {
            // An alias that leads back to itself: only records, enums and unions may be recursive.
            Report(DiagnosticDescriptors.UnsupportedConstruct, schema.File, schema.Position, "a schema that is an alias of itself", "it is kept as JsonElement");
            return (TypeRefSpec.Json, false);
        }

        try
        {
            var node = schema.Node;
            var name = schema.CSharpName;
            if (node["oneOf"] is not null && node["discriminator"] is not null)
            {
                schema.Resolved = (new TypeRefSpec(TypeRefKind.Union, name, null), false);
                BuildUnion(schema);
            }
            else if (IsObjectWithProperties(node))
            {
                schema.Resolved = (new TypeRefSpec(TypeRefKind.Record, name, null), IsNullableType(node));
                _variants.TryGetValue(key, out var variant);
                if (variant is not null)
                {
                    RefTo(_typeNames[variant.Union]);
                }

                _types[name] = BuildRecord(name, node, schema.File, variant);
            }
            else if (IsStringEnum(node) && !IsTrue(node["x-green-api-bool"]))
            {
                schema.Resolved = (new TypeRefSpec(TypeRefKind.Enum, name, null), IsNullableType(node));
                _types[name] = BuildEnum(name, node);
            }
            else
            {
                schema.Resolved = Map(node, schema.File, name);
            }

            return schema.Resolved.Value;
        }
        finally
        {
            _resolving.Remove(key);
        }
    }

    /// <summary>Maps a schema node (a <c>$ref</c> or inline) to a C# type; inline records and enums are named after <paramref name="hint"/>.</summary>
    private (TypeRefSpec Type, bool Nullable) Map(YamlNodeSpec node, string file, string hint)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (node["$ref"] is { } reference)
        {
            var target = ResolveRef(reference.Value, file, reference.Position);
            if (target is null)
            {
                return (TypeRefSpec.Json, false);
            }

            return _schemas.ContainsKey(target.Value.Key)
                ? RefTo(target.Value.Key)
                : Map(target.Value.Node, target.Value.File, hint);
        }

        foreach (var keyword in UnsupportedKeywords)
        {
            if (node.Entry(keyword) is { } unsupported)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, file, unsupported.KeyPosition, keyword, "the value is kept as JsonElement");
                return (TypeRefSpec.Json, false);
            }
        }

        if (node["oneOf"] is { Kind: YamlNodeKind.Sequence } oneOf)
        {
            return MapOneOf(node, oneOf, file, hint);
        }

        var nullable = IsNullableType(node);
        var types = TypeNames(node);
        if (types.Count > 1)
        {
            // The service sends either type here (a number or its text, an object or a string): keep it as it came.
            return (TypeRefSpec.Json, nullable);
        }

        var type = types.Count == 1 ? types[0] : InferType(node);
        switch (type)
        {
            case "string" when node["format"]?.Value == "binary":
                return (TypeRefSpec.File, nullable);
            case "string" when IsTrue(node["x-green-api-bool"]):
                return (TypeRefSpec.YesNo, nullable);
            case "string" when node["enum"] is not null:
                var enumName = UniqueTypeName(hint);
                _types[enumName] = BuildEnum(enumName, node);
                return (new TypeRefSpec(TypeRefKind.Enum, enumName, null), nullable);
            case "string":
                return (TypeRefSpec.String, nullable);
            case "integer":
                return (TypeRefSpec.Int64, nullable);
            case "number":
                return (TypeRefSpec.Double, nullable);
            case "boolean":
                return (TypeRefSpec.Boolean, nullable);
            case "array":
                var item = node["items"] is { } items ? Map(items, file, hint + "Item").Type : TypeRefSpec.Json;
                return (new TypeRefSpec(TypeRefKind.List, null, item), nullable);
            case "object" when IsObjectWithProperties(node):
                var recordName = UniqueTypeName(hint);
                _types[recordName] = BuildRecord(recordName, node, file, null);
                return (new TypeRefSpec(TypeRefKind.Record, recordName, null), nullable);
            default:
                return (TypeRefSpec.Json, nullable);
        }
    }

    private (TypeRefSpec Type, bool Nullable) MapOneOf(YamlNodeSpec node, YamlNodeSpec oneOf, string file, string hint)
    {
        if (node["discriminator"] is { } discriminator)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, file, discriminator.Position, "an inline union", "move the oneOf with its discriminator to components.schemas so the union gets a name; the value is kept as JsonElement");
            return (TypeRefSpec.Json, false);
        }

        var alternatives = oneOf.Items.Where(a => !IsOnly(TypeNames(a), "null")).ToList();
        var nullable = alternatives.Count < oneOf.Items.Count;
        if (alternatives.Count == 1)
        {
            return (Map(alternatives[0], file, hint).Type, true);
        }

        var objects = alternatives.Count(a => IsObjectWithProperties(Target(a, file)));
        if (objects >= 2)
        {
            Report(DiagnosticDescriptors.UnionWithoutMapping, file, oneOf.Position, hint, "a discriminator");
        }

        return (TypeRefSpec.Json, nullable);
    }

    private void BuildUnion(NamedSchema schema)
    {
        var node = schema.Node;
        var discriminator = node["discriminator"]!;
        var property = discriminator["propertyName"]!.Value;
        var cases = ImmutableArray.CreateBuilder<UnionCaseSpec>();
        foreach (var entry in discriminator["mapping"]!.Entries)
        {
            if (ResolveRef(entry.Value.Value, schema.File, entry.Value.Position) is { } target
                && _schemas.TryGetValue(target.Key, out var variant) && !variant.Duplicate
                && _variants.TryGetValue(variant.Key, out var info) && info.Union == schema.CSharpName)
            {
                if (!IsObjectWithProperties(variant.Node))
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, variant.File, variant.Position, "a union case that is not an object", $"'{variant.WireName}' needs type: object and properties");
                    continue;
                }

                RefTo(variant.Key);
                cases.Add(new UnionCaseSpec(entry.Key, variant.CSharpName));
            }
        }

        var unknown = UniqueTypeName("Unknown" + schema.CSharpName);
        _types[schema.CSharpName] = new TypeSpec(
            schema.CSharpName,
            TypeKind.Union,
            Description(node),
            EquatableArray<PropertySpec>.Empty,
            EquatableArray<EnumValueSpec>.Empty,
            new UnionSpec(property, SpecNames.Pascal(property), unknown, cases.ToEquatableArray()),
            null,
            HasJson: true);
    }

    private TypeSpec BuildRecord(string name, YamlNodeSpec node, string file, VariantSpec? variant)
    {
        var required = new HashSet<string>(node["required"]?.Items.Select(i => i.Value) ?? [], StringComparer.Ordinal);
        var properties = ImmutableArray.CreateBuilder<PropertySpec>();
        var used = new HashSet<string>(ReservedMembers, StringComparer.Ordinal) { name };
        if (variant is not null)
        {
            used.Add(variant.DiscriminatorProperty);
        }

        foreach (var entry in node["properties"]!.Entries)
        {
            if (variant is not null && entry.Key == variant.DiscriminatorWire)
            {
                continue;
            }

            var memberName = UniqueMember(SpecNames.Pascal(entry.Key), used);
            var (type, nullable) = Map(entry.Value, file, name + SpecNames.Pascal(entry.Key));
            properties.Add(new PropertySpec(
                entry.Key,
                memberName,
                type,
                required.Contains(entry.Key),
                nullable,
                IsTrue(entry.Value["x-green-api-secret"]),
                Description(entry.Value) ?? TargetDescription(entry.Value, file),
                PropertyLocation.Json));
        }

        var record = new TypeSpec(name, TypeKind.Record, Description(node), properties.ToEquatableArray(), EquatableArray<EnumValueSpec>.Empty, null, variant, HasJson: true);

        // A file cannot travel in JSON: a record holding one is a multipart form.
        return properties.Any(p => p.Type.Kind == TypeRefKind.File) ? AsForm(record) : record;
    }

    private static TypeSpec AsForm(TypeSpec record) => record with
    {
        HasJson = false,
        Properties = record.Properties.Select(p => p with { Location = p.Type.Kind == TypeRefKind.File ? PropertyLocation.Body : PropertyLocation.FormField }).ToEquatableArray(),
    };

    private static TypeSpec BuildEnum(string name, YamlNodeSpec node)
    {
        var descriptions = node["x-green-api-enum-descriptions"];
        var used = new HashSet<string>(StringComparer.Ordinal) { name, "Value", "IsKnown", "KnownValues", "Equals", "GetHashCode", "ToString", "GetType" };
        var values = ImmutableArray.CreateBuilder<EnumValueSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node["enum"]!.Items)
        {
            if (item.IsNull || !seen.Add(item.Value))
            {
                continue;
            }

            var member = UniqueMember(item.Value.Length == 0 ? "Empty" : SpecNames.Pascal(item.Value), used);
            values.Add(new EnumValueSpec(item.Value, member, descriptions?[item.Value]?.Value));
        }

        return new TypeSpec(name, TypeKind.Enum, Description(node), EquatableArray<PropertySpec>.Empty, values.ToEquatableArray(), null, null, HasJson: true);
    }

    // ----- operations ------------------------------------------------------------------------------

    private List<OperationSpec> CollectOperations(HashSet<string>? filter)
    {
        var operations = new List<OperationSpec>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in _files.Values)
        {
            if (file.Root?["paths"] is not { Kind: YamlNodeKind.Mapping } paths)
            {
                continue;
            }

            foreach (var path in paths.Entries)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (Follow(path.Value, file.Path) is not ({ } item, var itemFile))
                {
                    continue;
                }

                foreach (var verb in Verbs)
                {
                    if (item[verb] is not { } operation)
                    {
                        continue;
                    }

                    var id = operation["operationId"]?.Value;
                    if (string.IsNullOrEmpty(id))
                    {
                        Report(DiagnosticDescriptors.InvalidOperation, itemFile, operation.Position, $"{verb.ToUpperInvariant()} {path.Key} has no operationId; the operationId is the method name in the URL");
                        continue;
                    }

                    if (!seen.Add(id!))
                    {
                        Report(DiagnosticDescriptors.InvalidOperation, itemFile, operation["operationId"]!.Position, $"operationId '{id}' is used twice (the service matches method names case-insensitively)");
                        continue;
                    }

                    _operationNodes[id!] = (itemFile, operation);
                    if (filter is not null && !filter.Remove(id!))
                    {
                        continue;
                    }

                    if (BuildOperation(id!, verb, path.Key, item, operation, itemFile) is { } built)
                    {
                        operations.Add(built);
                    }
                }
            }
        }

        foreach (var unknown in filter ?? [])
        {
            Report(DiagnosticDescriptors.UnknownMethodFilter, "", default, unknown);
        }

        return operations.OrderBy(o => o.Section, StringComparer.Ordinal).ThenBy(o => o.MethodName, StringComparer.Ordinal).ToList();
    }

    private OperationSpec? BuildOperation(string id, string verb, string pathTemplate, YamlNodeSpec item, YamlNodeSpec operation, string file)
    {
        var section = operation["tags"]?.Items.FirstOrDefault()?.Value;
        if (string.IsNullOrEmpty(section))
        {
            Report(DiagnosticDescriptors.InvalidOperation, file, operation.Position, $"method '{id}' has no tag; its first tag names the client section (Account, Sending, …)");
            return null;
        }

        var methodName = operation["x-green-api-csharp-name"]?.Value ?? SpecNames.Pascal(id);
        var partner = pathTemplate.StartsWith("/partner/", StringComparison.Ordinal);
        var host = partner ? "Partner" : operation["x-green-api-host"]?.Value == "media" ? "Media" : "Api";

        var parameters = new List<PropertySpec>();
        var usedMembers = new HashSet<string>(ReservedMembers, StringComparer.Ordinal);
        foreach (var parameterNode in (item["parameters"]?.Items ?? []).Concat(operation["parameters"]?.Items ?? []))
        {
            if (Follow(parameterNode, file) is not ({ } parameter, var parameterFile))
            {
                continue;
            }

            var name = parameter["name"]?.Value ?? "";
            var location = parameter["in"]?.Value switch
            {
                "query" => PropertyLocation.Query,
                "path" => PropertyLocation.Path,
                "header" => PropertyLocation.Header,
                var other => (PropertyLocation?)null,
            };
            if (location is null)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, parameterFile, parameter.Position, $"a parameter in '{parameter["in"]?.Value}'", "only query, path and header parameters can be sent");
                continue;
            }

            if (location == PropertyLocation.Path && UrlParameters.Contains(name))
            {
                continue;
            }

            var type = parameter["schema"] is { } schema ? Map(schema, parameterFile, methodName + SpecNames.Pascal(name)).Type : TypeRefSpec.String;
            parameters.Add(new PropertySpec(name, UniqueMember(SpecNames.Pascal(name), usedMembers), type, IsTrue(parameter["required"]), false, IsTrue(parameter["x-green-api-secret"]), Description(parameter), location.Value));
        }

        var requestKind = RequestKind.None;
        string? requestType = null;
        var requestProperties = EquatableArray<PropertySpec>.Empty;
        if (operation["requestBody"] is { } requestBodyNode && Follow(requestBodyNode, file) is ({ } requestBody, var bodyFile))
        {
            var content = requestBody["content"];
            if (content?["application/json"]?["schema"] is { } jsonSchema)
            {
                var (type, _) = Map(jsonSchema, bodyFile, methodName + "Request");
                if (type.Kind != TypeRefKind.Record)
                {
                    Report(DiagnosticDescriptors.InvalidOperation, bodyFile, jsonSchema.Position, $"the JSON body of '{id}' must be an object schema with properties");
                    return null;
                }

                if (parameters.Count > 0)
                {
                    Report(DiagnosticDescriptors.InvalidOperation, file, operation.Position, $"'{id}' has both a JSON body and parameters; the generator supports one or the other");
                    return null;
                }

                requestKind = RequestKind.Json;
                requestType = type.Name;
            }
            else if (content?["multipart/form-data"]?["schema"] is { } formSchema)
            {
                var (type, _) = Map(formSchema, bodyFile, methodName + "Request");
                if (type.Kind != TypeRefKind.Record || parameters.Count > 0)
                {
                    Report(DiagnosticDescriptors.InvalidOperation, bodyFile, formSchema.Position, $"the form of '{id}' must be an object schema with properties, and the method can have no other parameters");
                    return null;
                }

                requestKind = RequestKind.Form;
                requestType = type.Name;
                _types[type.Name!] = AsForm(_types[type.Name!]);
                requestProperties = _types[type.Name!].Properties;
            }
            else if (content is { Entries.Count: > 0 } && Map(content.Entries[0].Value["schema"] ?? content.Entries[0].Value, bodyFile, methodName + "Body").Type.Kind == TypeRefKind.File)
            {
                parameters.Insert(0, new PropertySpec("file", UniqueMember("File", usedMembers), TypeRefSpec.File, true, false, false, Description(requestBody) ?? "The file to upload.", PropertyLocation.Body));
            }
            else
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, bodyFile, requestBody.Position, "this request body", "the client sends application/json, multipart/form-data or a binary file");
                return null;
            }
        }

        if (parameters.Count > 0)
        {
            requestKind = RequestKind.Parameters;
            requestType = UniqueTypeName(methodName + "Request");
            requestProperties = parameters.ToEquatableArray();
            _types[requestType] = new TypeSpec(requestType, TypeKind.Record, $"The parameters of {id}.", requestProperties, EquatableArray<EnumValueSpec>.Empty, null, null, HasJson: false);
        }

        TypeRefSpec? response = null;
        var responseNullable = false;
        var responses = operation["responses"];
        var success = responses?.Entries.FirstOrDefault(e => e.Key.Length == 3 && e.Key[0] == '2');
        if (success is null)
        {
            Report(DiagnosticDescriptors.MethodWithoutResponse, file, responses is null ? operation.Position : responses.Position, id);
            return null;
        }

        if (Follow(success.Value, file) is ({ } successResponse, var responseFile) && successResponse["content"] is { Entries.Count: > 0 } responseContent)
        {
            var media = responseContent["application/json"] ?? responseContent.Entries[0].Value;
            if (media["schema"] is { } responseSchema)
            {
                (response, responseNullable) = Map(responseSchema, responseFile, methodName + "Response");
            }
        }

        var webSocket = operation["x-green-api-transport"]?.Value == "websocket";
        if (webSocket && response is null)
        {
            Report(DiagnosticDescriptors.MethodWithoutResponse, file, success.KeyPosition, id);
            return null;
        }

        var docs = operation["x-green-api-docs"];
        var docsReference = docs is null ? null : $"section {docs["section"]?.Value} ({docs["title"]?.Value}), line {docs["line"]?.Value} of the 2024 docs";
        return new OperationSpec(
            id,
            methodName,
            partner ? "Partner" : section!,
            verb.ToUpperInvariant(),
            host,
            webSocket,
            NumberText(operation["x-green-api-rate-limit"]),
            ReadQuota(operation["x-green-api-quota"]),
            ReadErrors(operation["x-green-api-errors"]).ToEquatableArray(),
            operation["summary"]?.Value,
            operation["description"]?.Value,
            docsReference,
            requestKind,
            requestType,
            requestProperties,
            response,
            responseNullable,
            operation["x-green-api-correspondent"]?.Value,
            operation["x-green-api-fallback"]?["method"]?.Value,
            int.TryParse(operation["x-green-api-fallback"]?["intervalMs"]?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval) ? interval : null);
    }

    /// <summary>Points each fallback at the C# name of the method it names; a fallback outside a method subset is dropped.</summary>
    private List<OperationSpec> ResolveFallbacks(List<OperationSpec> operations)
    {
        var byName = operations.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        var resolved = new List<OperationSpec>(operations.Count);
        foreach (var operation in operations)
        {
            if (operation.Fallback is not { } fallback)
            {
                resolved.Add(operation);
                continue;
            }

            if (!byName.TryGetValue(fallback, out var target))
            {
                if (!_operationNodes.ContainsKey(fallback) && _operationNodes.TryGetValue(operation.Name, out var at))
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, at.File, at.Node["x-green-api-fallback"]!.Position, fallback, "x-green-api-fallback must name another method of the spec");
                }

                resolved.Add(operation with { Fallback = null, FallbackIntervalMilliseconds = null });
                continue;
            }

            if (target.WebSocket || target.Response is null)
            {
                if (_operationNodes.TryGetValue(operation.Name, out var at))
                {
                    Report(DiagnosticDescriptors.InvalidOperation, at.File, at.Node["x-green-api-fallback"]!.Position, $"the fallback of '{operation.Name}' must be an HTTP method with a JSON answer; '{target.Name}' is not");
                }

                resolved.Add(operation with { Fallback = null, FallbackIntervalMilliseconds = null });
                continue;
            }

            resolved.Add(operation with { Fallback = target.MethodName, FallbackIntervalMilliseconds = operation.FallbackIntervalMilliseconds ?? 1000 });
        }

        return resolved;
    }

    /// <summary>The section with both queue roles, when the spec (or the method subset) has them.</summary>
    private NotificationSourceSpec? FindNotificationSource(List<OperationSpec> operations)
    {
        OperationSpec? receive = null, delete = null;
        YamlNodeSpec? receiveRole = null;
        string? receiveFile = null;
        foreach (var operation in operations)
        {
            if (!_operationNodes.TryGetValue(operation.Name, out var at) || at.Node["x-green-api-notification-queue"] is not { } role)
            {
                continue;
            }

            switch (role["role"]?.Value)
            {
                case "receive":
                    (receive, receiveRole, receiveFile) = (operation, role, at.File);
                    break;
                case "delete":
                    delete = operation;
                    break;
                default:
                    Report(DiagnosticDescriptors.InvalidOperation, at.File, role.Position, $"x-green-api-notification-queue of '{operation.Name}' needs role: receive or role: delete");
                    break;
            }
        }

        if (receive is null || delete is null || receiveRole is null)
        {
            return null;
        }

        var receiptWire = receiveRole["receipt"]?.Value ?? "receiptId";
        var bodyWire = receiveRole["body"]?.Value ?? "body";
        var answer = receive.Response is { Kind: TypeRefKind.Record, Name: { } name } && _types.TryGetValue(name, out var type) ? type : null;
        var receipt = answer?.Properties.FirstOrDefault(p => p.WireName == receiptWire);
        var body = answer?.Properties.FirstOrDefault(p => p.WireName == bodyWire);
        if (receipt?.Type.Kind != TypeRefKind.Int64 || body?.Type is not { Kind: TypeRefKind.Record or TypeRefKind.Union, Name: { } bodyType }
            || delete.RequestProperties.Count(p => p.Location == PropertyLocation.Path) != 1 || receive.Section != delete.Section)
        {
            Report(DiagnosticDescriptors.InvalidOperation, receiveFile!, receiveRole.Position,
                $"the notification queue needs '{receive.Name}' to answer an object with an integer '{receiptWire}' and an object '{bodyWire}', and '{delete.Name}' (same section) to take the receipt as its one path parameter");
            return null;
        }

        return new NotificationSourceSpec(receive.Section, receive.MethodName, delete.MethodName, bodyType, receiptWire, bodyWire, receiveRole["timeout"]?.Value);
    }

    private static QuotaSpec? ReadQuota(YamlNodeSpec? node)
    {
        if (node is null)
        {
            return null;
        }

        static int? Limit(YamlNodeSpec? value) => int.TryParse(value?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null;
        return new QuotaSpec(Limit(node["developer"]), Limit(node["business"]));
    }

    private static IEnumerable<ErrorPolicySpec> ReadErrors(YamlNodeSpec? node)
    {
        foreach (var error in node?.Items ?? [])
        {
            var policy = error["policy"];
            yield return new ErrorPolicySpec(
                int.TryParse(error["status"]?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? status : 0,
                error["text"]?.Value ?? "",
                error["pattern"]?.Value,
                error["description"]?.Value ?? "",
                policy?["action"]?.Value ?? "never-retry",
                IntOrNull(policy?["maxAttempts"]),
                IntOrNull(policy?["delayMs"]),
                policy?["backoff"]?.Value,
                IsTrue(policy?["honourRetryAfter"]),
                policy?["escalation"]?.Value);
        }
    }

    // ----- references and helpers ------------------------------------------------------------------

    private (YamlNodeSpec? Node, string File) Follow(YamlNodeSpec node, string file)
    {
        for (var hops = 0; hops < 16 && node["$ref"] is { } reference; hops++)
        {
            if (ResolveRef(reference.Value, file, reference.Position) is not { } target)
            {
                return (null, file);
            }

            (node, file) = (target.Node, target.File);
        }

        return (node, file);
    }

    private (YamlNodeSpec? Schema, string File) JsonSchemaOf(YamlNodeSpec body, string file)
    {
        if (Follow(body, file) is not ({ } resolved, var resolvedFile))
        {
            return (null, file);
        }

        return (resolved["content"]?["application/json"]?["schema"], resolvedFile);
    }

    private YamlNodeSpec Target(YamlNodeSpec node, string file) =>
        node["$ref"] is { } reference && ResolveRef(reference.Value, file, null) is { } target ? target.Node : node;

    private (string Key, string File, YamlNodeSpec Node)? ResolveRef(string reference, string fromFile, YamlPosition? position)
    {
        var hash = reference.IndexOf('#');
        var filePart = hash < 0 ? reference : reference.Substring(0, hash);
        var pointer = hash < 0 ? "" : reference.Substring(hash + 1);
        var file = filePart.Length == 0 ? Normalize(fromFile) : Normalize(Combine(Directory(fromFile), filePart));
        if (!_files.TryGetValue(file, out var target) || target.Root is null)
        {
            if (position is { } at)
            {
                Report(DiagnosticDescriptors.UnresolvedReference, fromFile, at, reference, $"there is no spec file '{filePart}' next to this one");
            }

            return null;
        }

        var node = target.Root;
        foreach (var segment in pointer.Split(['/'], StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/").Replace("~0", "~");
            var next = node.Kind == YamlNodeKind.Sequence && int.TryParse(name, out var index) && index < node.Items.Count ? node.Items[index] : node[name];
            if (next is null)
            {
                if (position is { } at)
                {
                    Report(DiagnosticDescriptors.UnresolvedReference, fromFile, at, reference, $"'{name}' is not defined in {System.IO.Path.GetFileName(file)}");
                }

                return null;
            }

            node = next;
        }

        return (Key(file, pointer), target.Path, node);
    }

    private string UniqueTypeName(string name)
    {
        var candidate = name;
        for (var i = 2; _typeNames.ContainsKey(candidate) || _types.ContainsKey(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        _typeNames[candidate] = "(generated)";
        return candidate;
    }

    private static string UniqueMember(string name, HashSet<string> used)
    {
        var candidate = used.Contains(name) ? name + "Value" : name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static HashSet<string>? ParseFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        return new HashSet<string>(filter!.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    private static List<string> TypeNames(YamlNodeSpec node) => node["type"] switch
    {
        null => [],
        { Kind: YamlNodeKind.Sequence } list => list.Items.Select(i => i.Value).Where(v => v != "null").Concat(list.Items.Any(i => i.Value == "null") && list.Items.All(i => i.Value == "null") ? ["null"] : []).ToList(),
        var single => [single.Value],
    };

    private static bool IsNullableType(YamlNodeSpec node) =>
        node["type"] is { Kind: YamlNodeKind.Sequence } list && list.Items.Any(i => i.Value == "null");

    private static string? InferType(YamlNodeSpec node) =>
        node["properties"] is not null ? "object" : node["items"] is not null ? "array" : node["enum"] is not null ? "string" : null;

    private static bool IsObjectWithProperties(YamlNodeSpec node) =>
        node["properties"] is { Kind: YamlNodeKind.Mapping, Entries.Count: > 0 } && NoneOrOnly(TypeNames(node), "object");

    private static bool IsStringEnum(YamlNodeSpec node) =>
        node["enum"] is not null && NoneOrOnly(TypeNames(node), "string");

    private static bool IsOnly(List<string> types, string type) => types.Count == 1 && types[0] == type;

    private static bool NoneOrOnly(List<string> types, string type) => types.Count == 0 || IsOnly(types, type);

    private static bool IsTrue(YamlNodeSpec? node) => node is { Kind: YamlNodeKind.Scalar, Plain: true, Value: "true" or "True" or "TRUE" };

    private static int? IntOrNull(YamlNodeSpec? node) =>
        int.TryParse(node?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? NumberText(YamlNodeSpec? node) =>
        double.TryParse(node?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString("R", CultureInfo.InvariantCulture) : null;

    private static string? Description(YamlNodeSpec node) => node["description"]?.Value is { Length: > 0 } text ? text.Trim() : null;

    private string? TargetDescription(YamlNodeSpec node, string file) =>
        node["$ref"] is { } reference && ResolveRef(reference.Value, file, null) is { } target ? Description(target.Node) : null;

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string file, YamlPosition position, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, file, position, arguments.ToImmutableArray().ToEquatableArray()));

    private static string Key(string file, string pointer) => Normalize(file) + "#" + pointer;

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    private static string Directory(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? "" : path.Substring(0, slash);
    }

    private static string Combine(string directory, string relative) => directory.Length == 0 ? relative : directory + "/" + relative;

    /// <summary>Forward slashes, no <c>.</c> or <c>..</c> segments: the key under which a file is found.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal);
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }

        return (rooted ? "/" : "") + string.Join("/", parts);
    }

    private sealed class NamedSchema(string key, string wireName, string file, YamlNodeSpec node, string csharpName, YamlPosition position)
    {
        public string Key { get; } = key;

        public string WireName { get; } = wireName;

        public string File { get; } = file;

        public YamlNodeSpec Node { get; } = node;

        public string CSharpName { get; } = csharpName;

        public YamlPosition Position { get; } = position;

        public bool Duplicate { get; set; }

        public bool Invalid { get; set; }

        public (TypeRefSpec Type, bool Nullable)? Resolved { get; set; }
    }
}
