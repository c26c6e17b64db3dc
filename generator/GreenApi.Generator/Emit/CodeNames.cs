using System.Globalization;
using GreenApi.Generator.Model;

namespace GreenApi.Generator.Emit;

/// <summary>How model types are spelled in C#, and the expressions that read, write and format them.</summary>
internal static class CodeNames
{
    public const string Json = "global::GreenApi.Serialization.GreenApiJson";
    public const string Reader = "global::System.Text.Json.Utf8JsonReader";
    public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
    public const string Element = "global::System.Text.Json.JsonElement";
    public const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

    public static string Type(string name) => "global::GreenApi." + name;

    public static string Converter(string name) => "global::GreenApi." + name + "JsonConverter";

    public static string JsonValue(string name) => "global::GreenApi.IGreenApiJsonValue<" + Type(name) + ">";

    public static string Of(TypeRefSpec type) => type.Kind switch
    {
        TypeRefKind.String => "string",
        TypeRefKind.Int64 => "long",
        TypeRefKind.Double => "double",
        TypeRefKind.Boolean or TypeRefKind.YesNo => "bool",
        TypeRefKind.Json => Element,
        TypeRefKind.File => "global::GreenApi.GreenApiFile",
        TypeRefKind.List => $"global::System.Collections.Generic.IReadOnlyList<{Of(type.Item!)}>",
        _ => Type(type.Name!),
    };

    /// <summary>
    /// The C# type of a property. Required fields are plain (nullable when null is allowed); optional ones are
    /// nullable, where null means absent; optional fields that may also be null are <c>Optional&lt;T?&gt;</c>,
    /// except JSON values, whose null is a value of its own.
    /// </summary>
    public static string Of(PropertySpec property)
    {
        var type = Of(property.Type);
        if (property.Type.Kind == TypeRefKind.Json)
        {
            return property.Required ? type : type + "?";
        }

        if (property.Required)
        {
            return property.Nullable ? type + "?" : type;
        }

        return property.Nullable ? $"global::GreenApi.Optional<{type}?>" : type + "?";
    }

    public static bool IsOptionalWrapper(PropertySpec property) =>
        !property.Required && property.Nullable && property.Type.Kind != TypeRefKind.Json;

    public static string Read(TypeRefSpec type, string reader, int depth = 0) => type.Kind switch
    {
        TypeRefKind.String => $"{Json}.ReadString(ref {reader})",
        TypeRefKind.Int64 => $"{Json}.ReadInt64(ref {reader})",
        TypeRefKind.Double => $"{Json}.ReadDouble(ref {reader})",
        TypeRefKind.Boolean => $"{Json}.ReadBoolean(ref {reader})",
        TypeRefKind.YesNo => $"{Json}.ReadYesNo(ref {reader})",
        TypeRefKind.Enum => $"new {Type(type.Name!)}({Json}.ReadString(ref {reader}))",
        TypeRefKind.Record or TypeRefKind.Union => $"{Converter(type.Name!)}.ReadValue(ref {reader})",
        TypeRefKind.List => $"{Json}.ReadList(ref {reader}, {ItemReader(type.Item!, depth + 1)})",
        _ => $"{Json}.ReadElement(ref {reader})",
    };

    public static string ItemReader(TypeRefSpec type, int depth)
    {
        if (type.Kind is TypeRefKind.Record or TypeRefKind.Union)
        {
            return Converter(type.Name!) + ".ReadValue";
        }

        var reader = "r" + depth.ToString(CultureInfo.InvariantCulture);
        return $"static {Of(type)} (ref {Reader} {reader}) => {Read(type, reader, depth)}";
    }

    public static string Write(TypeRefSpec type, string writer, string value, int depth = 0) => type.Kind switch
    {
        TypeRefKind.String => $"{writer}.WriteStringValue({value})",
        TypeRefKind.Int64 or TypeRefKind.Double => $"{writer}.WriteNumberValue({value})",
        TypeRefKind.Boolean => $"{writer}.WriteBooleanValue({value})",
        TypeRefKind.YesNo => $"{Json}.WriteYesNo({writer}, {value})",
        TypeRefKind.Enum => $"{writer}.WriteStringValue({value}.Value)",
        TypeRefKind.Record or TypeRefKind.Union => $"{Converter(type.Name!)}.WriteValue({writer}, {value})",
        TypeRefKind.List => $"{Json}.WriteList({writer}, {value}, {ItemWriter(type.Item!, depth + 1)})",
        _ => $"{value}.WriteTo({writer})",
    };

    public static string ItemWriter(TypeRefSpec type, int depth)
    {
        if (type.Kind is TypeRefKind.Record or TypeRefKind.Union)
        {
            return Converter(type.Name!) + ".WriteValue";
        }

        var suffix = depth.ToString(CultureInfo.InvariantCulture);
        return $"static ({Writer} w{suffix}, {Of(type)} v{suffix}) => {Write(type, "w" + suffix, "v" + suffix, depth)}";
    }

    /// <summary>A value as text for a URL, header or form field.</summary>
    public static string Format(TypeRefSpec type, string value) => type.Kind switch
    {
        TypeRefKind.String => value,
        TypeRefKind.Int64 or TypeRefKind.Double => $"{value}.ToString({Invariant})",
        TypeRefKind.Boolean => $"({value} ? \"true\" : \"false\")",
        TypeRefKind.YesNo => $"({value} ? \"yes\" : \"no\")",
        TypeRefKind.Enum => $"{value}.Value",
        TypeRefKind.Json => $"{value}.GetRawText()",
        _ => $"{Json}.Serialize({value}, {ItemWriter(type, 0)})",
    };
}
