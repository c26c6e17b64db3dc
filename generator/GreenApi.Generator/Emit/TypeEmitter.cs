using System.Globalization;
using System.Linq;
using GreenApi.Generator.Model;
using static GreenApi.Generator.Emit.CodeNames;
using static GreenApi.Generator.Emit.SourceWriter;

namespace GreenApi.Generator.Emit;

/// <summary>Emits one model type — record, open enum or union — with its JSON converter, into one file.</summary>
internal static class TypeEmitter
{
    private const string ExtensionDoc = "Properties the spec does not declare, kept as they came so that re-encoding loses nothing.";

    public static string Emit(TypeSpec type)
    {
        var w = new SourceWriter();
        w.Line("namespace GreenApi;");
        w.Line();
        switch (type.Kind)
        {
            case TypeKind.Enum:
                EmitEnum(w, type);
                break;
            case TypeKind.Union:
                EmitUnion(w, type);
                break;
            default:
                EmitRecord(w, type);
                break;
        }

        return w.ToString();
    }

    private static void EmitRecord(SourceWriter w, TypeSpec type)
    {
        var variant = type.Variant;
        w.Doc(type.Summary is { } summary ? Text(summary) : $"The <c>{type.Name}</c> object of the Green API.");
        if (type.HasJson)
        {
            w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Converter(type.Name)}))]");
        }

        w.Line(SourceWriter.GeneratedCode);
        w.Open(variant is not null ? $"public sealed partial record {type.Name} : {Type(variant.Union)}" : type.HasJson ? $"public sealed partial record {type.Name} : {JsonValue(type.Name)}" : $"public sealed partial record {type.Name}");
        if (variant is not null)
        {
            w.Doc($"Creates the case with <c>{Escape(variant.DiscriminatorWire)}</c> = <c>{Escape(variant.DefaultKey)}</c>.");
            w.Line($"public {type.Name}() : base({SourceWriter.Literal(variant.DefaultKey)})");
            w.Line("{");
            w.Line("}");
            w.Line();
        }

        foreach (var property in type.Properties)
        {
            var wire = property.Location switch
            {
                PropertyLocation.Query => $"The query parameter <c>{Escape(property.WireName)}</c>.",
                PropertyLocation.Path => $"The path segment <c>{Escape(property.WireName)}</c>.",
                PropertyLocation.Header => $"The header <c>{Escape(property.WireName)}</c>.",
                PropertyLocation.Body => "The file sent as the request body.",
                PropertyLocation.FormField => $"The form field <c>{Escape(property.WireName)}</c>.",
                _ => $"JSON: <c>{Escape(property.WireName)}</c>{(property.Required ? ", required" : ", optional")}{(property.Nullable ? ", may be null" : "")}.",
            };
            w.Doc(Text(property.Summary ?? property.WireName), wire + (property.Secret ? " A secret: <c>ToString()</c> masks it." : ""));
            w.Line($"public {(property.Required ? "required " : "")}{Of(property)} {property.Name} {{ get; init; }}");
            w.Line();
        }

        if (type.HasJson)
        {
            w.Doc(ExtensionDoc);
            w.Line($"public global::System.Collections.Generic.IReadOnlyDictionary<string, {Element}>? ExtensionData {{ get; init; }}");
            w.Line();
            EmitParseAndToJson(w, type.Name, isVariant: variant is not null);
        }

        if (type.Properties.Any(p => p.Secret))
        {
            w.Line();
            EmitPrintMembers(w, type);
        }

        w.Close();
        if (type.HasJson)
        {
            w.Line();
            EmitRecordConverter(w, type);
        }
    }

    private static void EmitParseAndToJson(SourceWriter w, string name, bool isVariant = false)
    {
        // A union case hides the union's Parse with one that returns the case; ToJson is the union's.
        var modifier = isVariant ? "new " : "";
        w.Doc($"Decodes UTF-8 JSON into a <see cref=\"{name}\"/>.", "Throws <see cref=\"global::GreenApi.GreenApiDecodeException\"/>, saying where, when the JSON is malformed or a value cannot stand for its field.");
        w.Line($"public static {modifier}{Type(name)} Parse(global::System.ReadOnlySpan<byte> utf8Json) => {Json}.Parse(utf8Json, {Converter(name)}.ReadValue, {SourceWriter.Literal(name)});");
        w.Line();
        w.Doc($"Decodes JSON text into a <see cref=\"{name}\"/>.", "Throws <see cref=\"global::GreenApi.GreenApiDecodeException\"/>, saying where, when the JSON is malformed or a value cannot stand for its field.");
        w.Line($"public static {modifier}{Type(name)} Parse(string json) => {Json}.Parse(json, {Converter(name)}.ReadValue, {SourceWriter.Literal(name)});");
        if (!isVariant)
        {
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"static {Type(name)} {JsonValue(name)}.ReadJson(ref {Reader} reader) => {Converter(name)}.ReadValue(ref reader);");
            w.Line();
            w.Doc("Encodes this value as JSON, as the service writes it.");
            w.Line($"public string ToJson() => {Json}.Serialize(this, {Converter(name)}.WriteValue);");
        }
    }

    private static void EmitPrintMembers(SourceWriter w, TypeSpec type)
    {
        w.Doc("Prints the members with secrets masked, so that a token never reaches a log through <c>ToString()</c>.");
        if (type.Variant is null)
        {
            w.Open("private bool PrintMembers(global::System.Text.StringBuilder builder)");
        }
        else
        {
            w.Open("protected override bool PrintMembers(global::System.Text.StringBuilder builder)");
            w.Line("builder.Append(\"" + type.Variant.DiscriminatorProperty + " = \").Append(" + type.Variant.DiscriminatorProperty + ");");
        }

        var first = type.Variant is null;
        foreach (var property in type.Properties)
        {
            var separator = first ? "" : ", ";
            first = false;
            w.Line(property.Secret
                ? $"builder.Append(\"{separator}{property.Name} = \").Append(global::GreenApi.GreenApiRedaction.Mask);"
                : $"builder.Append(\"{separator}{property.Name} = \").Append((object?){property.Name});");
        }

        if (type.HasJson)
        {
            w.Line($"builder.Append(\"{(first ? "" : ", ")}ExtensionData = \").Append((object?)ExtensionData);");
        }

        w.Line("return true;");
        w.Close();
    }

    private static void EmitRecordConverter(SourceWriter w, TypeSpec type)
    {
        var name = type.Name;
        var properties = type.Properties;
        var variant = type.Variant;
        w.Doc($"Reads and writes <see cref=\"{name}\"/> with <c>Utf8JsonReader</c>/<c>Utf8JsonWriter</c>; properties may come in any order.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"internal sealed class {name}JsonConverter : global::System.Text.Json.Serialization.JsonConverter<{Type(name)}>");
        for (var i = 0; i < properties.Count; i++)
        {
            w.Line($"private static readonly global::System.Text.Json.JsonEncodedText Name{i} = global::System.Text.Json.JsonEncodedText.Encode({SourceWriter.Literal(properties[i].WireName)});");
        }

        if (variant is not null)
        {
            w.Line($"private static readonly global::System.Text.Json.JsonEncodedText DiscriminatorName = global::System.Text.Json.JsonEncodedText.Encode({SourceWriter.Literal(variant.DiscriminatorWire)});");
        }

        w.Line();
        w.Doc("Reads the object the reader is on; the reader ends on its closing brace.");
        w.Open($"public static {Type(name)} ReadValue(ref {Reader} reader)");
        w.Line($"{Json}.ExpectStartObject(ref reader, {SourceWriter.Literal(name)});");
        if (variant is not null)
        {
            w.Line("string? discriminator = null;");
        }

        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var local = IsOptionalWrapper(property) ? $"global::GreenApi.Optional<{CodeNames.Of(property.Type)}?>" : CodeNames.Of(property.Type) + "?";
            if (property.Type.Kind == TypeRefKind.Json)
            {
                local = Element + "?";
            }

            w.Line($"{local} p{i} = default;");
            if (property.Required)
            {
                w.Line($"var has{i} = false;");
            }
        }

        w.Line($"global::System.Collections.Generic.Dictionary<string, {Element}>? extension = null;");
        w.Open("while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)");
        if (variant is not null)
        {
            w.Open($"if (reader.ValueTextEquals({SourceWriter.Utf8(variant.DiscriminatorWire)}))");
            w.Line("reader.Read();");
            w.Line($"discriminator = reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : {Json}.ReadString(ref reader);");
            w.Line("continue;");
            w.Close();
            w.Line();
        }

        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            w.Open($"if (reader.ValueTextEquals({SourceWriter.Utf8(property.WireName)}))");
            w.Line("reader.Read();");
            EmitPropertyRead(w, type, property, i);
            w.Line("continue;");
            w.Close();
            w.Line();
        }

        w.Line($"{Json}.ReadExtension(ref reader, ref extension);");
        w.Close();
        w.Line();
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Required)
            {
                w.Open($"if (!has{i})");
                w.Line($"throw {Json}.MissingProperty(ref reader, {SourceWriter.Literal(name)}, {SourceWriter.Literal(properties[i].WireName)});");
                w.Close();
                w.Line();
            }
        }

        w.Line($"return new {Type(name)}");
        w.Line("{");
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var value = !property.Required || (property.Nullable && property.Type.Kind != TypeRefKind.Json) ? $"p{i}"
                : property.Type.IsValueType ? $"p{i}.GetValueOrDefault()"
                : $"p{i}!";
            w.Line($"    {property.Name} = {value},");
        }

        if (variant is not null)
        {
            w.Line($"    {variant.DiscriminatorProperty} = discriminator ?? {SourceWriter.Literal(variant.DefaultKey)},");
        }

        w.Line("    ExtensionData = extension,");
        w.Line("};");
        w.Close();
        w.Line();

        w.Doc("Writes the object; a union case writes its discriminator first, and only once.");
        w.Open($"public static void WriteValue({Writer} writer, {Type(name)} value)");
        w.Line("writer.WriteStartObject();");
        if (variant is not null)
        {
            w.Line($"writer.WriteString(DiscriminatorName, value.{variant.DiscriminatorProperty});");
        }

        for (var i = 0; i < properties.Count; i++)
        {
            EmitPropertyWrite(w, properties[i], i);
        }

        w.Line($"{Json}.WriteExtension(writer, value.ExtensionData);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
        EmitConverterOverrides(w, name);
        w.Close();
    }

    private static void EmitPropertyRead(SourceWriter w, TypeSpec type, PropertySpec property, int i)
    {
        var read = Read(property.Type, "reader");
        const string IsNull = "reader.TokenType == global::System.Text.Json.JsonTokenType.Null";
        if (property.Required)
        {
            w.Line($"has{i} = true;");
        }

        if (property.Type.Kind == TypeRefKind.Json)
        {
            w.Line($"p{i} = {read};");
        }
        else if (IsOptionalWrapper(property))
        {
            w.Line($"p{i} = {IsNull} ? new global::GreenApi.Optional<{CodeNames.Of(property.Type)}?>(null) : new global::GreenApi.Optional<{CodeNames.Of(property.Type)}?>({read});");
        }
        else if (property.Required && property.Nullable)
        {
            // Present as null is a value here; the flag tells it from absent.
            w.Line($"p{i} = {IsNull} ? null : {read};");
        }
        else if (property.Required)
        {
            w.Open($"if ({IsNull})");
            w.Line($"throw {Json}.NullProperty(ref reader, {SourceWriter.Literal(type.Name)}, {SourceWriter.Literal(property.WireName)});");
            w.Close();
            w.Line($"p{i} = {read};");
        }
        else
        {
            // Optional: null means the same as absent.
            w.Line($"p{i} = {IsNull} ? null : {read};");
        }
    }

    private static void EmitPropertyWrite(SourceWriter w, PropertySpec property, int i)
    {
        var access = "value." + property.Name;
        var local = "v" + i.ToString(CultureInfo.InvariantCulture);
        if (property.Type.Kind == TypeRefKind.Json && property.Required)
        {
            w.Line($"writer.WritePropertyName(Name{i});");
            w.Line($"{access}.WriteTo(writer);");
        }
        else if (IsOptionalWrapper(property))
        {
            w.Open($"if ({access}.IsPresent)");
            w.Line($"writer.WritePropertyName(Name{i});");
            WriteOrNull(w, property, $"{access}.Value", local);
            w.Close();
        }
        else if (property.Required && property.Nullable)
        {
            w.Line($"writer.WritePropertyName(Name{i});");
            WriteOrNull(w, property, access, local);
        }
        else if (property.Required)
        {
            w.Line($"writer.WritePropertyName(Name{i});");
            w.Line(Write(property.Type, "writer", access) + ";");
        }
        else
        {
            w.Open($"if ({access} is {{ }} {local})");
            w.Line($"writer.WritePropertyName(Name{i});");
            w.Line(Write(property.Type, "writer", local) + ";");
            w.Close();
        }
    }

    private static void WriteOrNull(SourceWriter w, PropertySpec property, string access, string local)
    {
        w.Open($"if ({access} is {{ }} {local})");
        w.Line(Write(property.Type, "writer", local) + ";");
        w.Close();
        w.Open("else");
        w.Line("writer.WriteNullValue();");
        w.Close();
    }

    private static void EmitConverterOverrides(SourceWriter w, string name)
    {
        w.Line("/// <inheritdoc />");
        w.Line($"public override {Type(name)} Read(ref {Reader} reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options) => ReadValue(ref reader);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override void Write({Writer} writer, {Type(name)} value, global::System.Text.Json.JsonSerializerOptions options) => WriteValue(writer, value);");
    }

    private static void EmitEnum(SourceWriter w, TypeSpec type)
    {
        var name = type.Name;
        w.Doc(type.Summary is { } summary ? Text(summary) : $"The values of <c>{name}</c>.", "An open enum: a value the spec does not list is kept as it came and round-trips unchanged; <see cref=\"IsKnown\"/> tells the two apart.");
        w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Converter(name)}))]");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"public readonly partial struct {name} : global::System.IEquatable<{Type(name)}>");
        w.Line("private readonly string? _value;");
        w.Line();
        w.Doc("Wraps a wire value, known or not.");
        w.Open($"public {name}(string value)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        w.Line("_value = value;");
        w.Close();
        w.Line();
        w.Doc("The value as it is on the wire.");
        w.Line("public string Value => _value ?? \"\";");
        foreach (var value in type.EnumValues)
        {
            w.Line();
            w.Doc(value.Summary is { } valueSummary ? Text(valueSummary) : $"<c>{Escape(value.Wire)}</c>.", value.Summary is null ? null : $"On the wire: <c>{Escape(value.Wire)}</c>.");
            w.Line($"public static {Type(name)} {value.Name} {{ get; }} = new({SourceWriter.Literal(value.Wire)});");
        }

        w.Line();
        w.Doc("Every value the spec lists.");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Type(name)}> KnownValues {{ get; }} = [{string.Join(", ", type.EnumValues.Select(v => v.Name))}];");
        w.Line();
        w.Doc("Whether the spec lists this value (comparison is case-sensitive, as some values differ only in case).");
        w.Line(type.EnumValues.Count == 0
            ? "public bool IsKnown => false;"
            : $"public bool IsKnown => Value is {string.Join(" or ", type.EnumValues.Select(v => SourceWriter.Literal(v.Wire)))};");
        w.Line();
        w.Lines($$"""
            /// <inheritdoc />
            public bool Equals({{Type(name)}} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);

            /// <inheritdoc />
            public override bool Equals(object? obj) => obj is {{Type(name)}} other && Equals(other);

            /// <inheritdoc />
            public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);

            /// <summary>The wire value.</summary>
            public override string ToString() => Value;

            /// <summary>Equality by wire value.</summary>
            public static bool operator ==({{Type(name)}} left, {{Type(name)}} right) => left.Equals(right);

            /// <summary>Inequality by wire value.</summary>
            public static bool operator !=({{Type(name)}} left, {{Type(name)}} right) => !left.Equals(right);
            """);
        w.Close();
        w.Line();
        w.Doc($"Reads and writes <see cref=\"{name}\"/> as its wire string.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"internal sealed class {name}JsonConverter : global::System.Text.Json.Serialization.JsonConverter<{Type(name)}>");
        w.Doc("Reads the value the reader is on.");
        w.Line($"public static {Type(name)} ReadValue(ref {Reader} reader) => new({Json}.ReadString(ref reader));");
        w.Line();
        w.Doc("Writes the wire value.");
        w.Line($"public static void WriteValue({Writer} writer, {Type(name)} value) => writer.WriteStringValue(value.Value);");
        w.Line();
        EmitConverterOverrides(w, name);
        w.Close();
    }

    private static void EmitUnion(SourceWriter w, TypeSpec type)
    {
        var name = type.Name;
        var union = type.Union!;
        w.Doc(
            type.Summary is { } summary ? Text(summary) : $"One of the <c>{name}</c> cases, told apart by <c>{Escape(union.DiscriminatorWire)}</c>.",
            $"Cases: {string.Join(", ", union.Cases.Select(c => c.Variant).Distinct().Select(v => $"<see cref=\"{v}\"/>"))}, and <see cref=\"{union.UnknownName}\"/> for a <c>{Escape(union.DiscriminatorWire)}</c> the spec does not know. Decoding finds <c>{Escape(union.DiscriminatorWire)}</c> wherever it stands among the properties.");
        w.Line($"[global::System.Text.Json.Serialization.JsonConverter(typeof({Converter(name)}))]");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"public abstract partial record {name} : {JsonValue(name)}");
        w.Line($"private protected {name}(string {Camel(union.DiscriminatorProperty)})");
        w.Line("{");
        w.Line($"    {union.DiscriminatorProperty} = {Camel(union.DiscriminatorProperty)};");
        w.Line("}");
        w.Line();
        w.Doc($"The discriminator <c>{Escape(union.DiscriminatorWire)}</c>, exactly as it arrived (some cases accept several spellings).");
        w.Line($"public string {union.DiscriminatorProperty} {{ get; init; }}");
        w.Line();
        EmitParseAndToJson(w, name);
        w.Close();
        w.Line();

        w.Doc(
            $"A <see cref=\"{name}\"/> whose <c>{Escape(union.DiscriminatorWire)}</c> the spec does not know (or that has none): the service is newer than the spec.",
            "Nothing is lost: <see cref=\"RawJson\"/> holds the whole object, and re-encoding writes it back unchanged.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"public sealed partial record {union.UnknownName} : {Type(name)}");
        w.Doc("Keeps an object with an unknown discriminator.");
        w.Open($"public {union.UnknownName}(string {Camel(union.DiscriminatorProperty)}, {Element} rawJson) : base({Camel(union.DiscriminatorProperty)})");
        w.Line("RawJson = rawJson;");
        w.Close();
        w.Line();
        w.Doc("The whole object as it arrived.");
        w.Line($"public {Element} RawJson {{ get; init; }}");
        w.Close();
        w.Line();

        w.Doc($"Reads and writes <see cref=\"{name}\"/>: finds <c>{Escape(union.DiscriminatorWire)}</c> first, then decodes the case it selects.");
        w.Line(SourceWriter.GeneratedCode);
        w.Open($"internal sealed class {name}JsonConverter : global::System.Text.Json.Serialization.JsonConverter<{Type(name)}>");
        w.Doc("Reads the object the reader is on; the reader ends on its closing brace.");
        w.Open($"public static {Type(name)} ReadValue(ref {Reader} reader)");
        w.Line($"{Json}.ExpectStartObject(ref reader, {SourceWriter.Literal(name)});");
        w.Line($"var discriminator = {Json}.PeekDiscriminator(reader, {SourceWriter.Utf8(union.DiscriminatorWire)});");
        w.Open("switch (discriminator)");
        foreach (var group in union.Cases.GroupBy(c => c.Variant))
        {
            foreach (var @case in group)
            {
                w.Line($"case {SourceWriter.Literal(@case.Key)}:");
            }

            w.Line($"    return {Converter(group.Key)}.ReadValue(ref reader);");
        }

        w.Line("default:");
        w.Line($"    return new {Type(union.UnknownName)}(discriminator ?? \"\", {Json}.ReadElement(ref reader));");
        w.Close();
        w.Close();
        w.Line();
        w.Doc("Writes the case; the discriminator is written once, by the case itself.");
        w.Open($"public static void WriteValue({Writer} writer, {Type(name)} value)");
        w.Open("switch (value)");
        foreach (var variant in union.Cases.Select(c => c.Variant).Distinct())
        {
            w.Line($"case {Type(variant)} @case:");
            w.Line($"    {Converter(variant)}.WriteValue(writer, @case);");
            w.Line("    break;");
        }

        w.Line($"case {Type(union.UnknownName)} unknown:");
        w.Line("    unknown.RawJson.WriteTo(writer);");
        w.Line("    break;");
        w.Line("default:");
        w.Line($"    throw new global::System.ArgumentException(\"A {name} must be one of its generated cases.\", nameof(value));");
        w.Close();
        w.Close();
        w.Line();
        EmitConverterOverrides(w, name);
        w.Close();
    }

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
}
