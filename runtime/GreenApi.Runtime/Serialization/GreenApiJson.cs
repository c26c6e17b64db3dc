using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GreenApi.Serialization;

/// <summary>Reads one JSON value; the reader starts on the value's first token and ends on its last.</summary>
public delegate T GreenApiJsonReader<out T>(ref Utf8JsonReader reader);

/// <summary>Writes one JSON value.</summary>
public delegate void GreenApiJsonWriter<in T>(Utf8JsonWriter writer, T value);

/// <summary>
/// The primitives the generated converters are built from. Reading is tolerant where the service is
/// inconsistent (numbers as strings, objects where text was documented) and fails with
/// <see cref="GreenApiDecodeException"/> wherever a value cannot stand for the field.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GreenApiJson
{
    /// <summary>Options for reading what the service sends.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Options for writing: UTF-8 text stays as it is, as the service writes it.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Decodes a whole input into one value; anything else in the input is an error.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json, GreenApiJsonReader<T> read, string targetType)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new GreenApiDecodeException("the input holds no JSON value", 0);
            }

            var value = read(ref reader);
            if (reader.Read())
            {
                throw new GreenApiDecodeException("more JSON follows the value", reader.TokenStartIndex);
            }

            return value;
        }
        catch (GreenApiDecodeException e)
        {
            throw e.Locate(utf8Json, targetType);
        }
        catch (JsonException e)
        {
            var offset = JsonLocation.OffsetOf(utf8Json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw new GreenApiDecodeException("malformed JSON: " + FirstSentence(e.Message), offset, e).Locate(utf8Json, targetType);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw new GreenApiDecodeException(e.Message, reader.TokenStartIndex, e).Locate(utf8Json, targetType);
        }
    }

    /// <summary>Decodes text.</summary>
    public static T Parse<T>(string json, GreenApiJsonReader<T> read, string targetType)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, bytes);
            return Parse(bytes.AsSpan(0, length), read, targetType);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Encodes a value as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, GreenApiJsonWriter<T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a value as JSON text.</summary>
    public static string Serialize<T>(T value, GreenApiJsonWriter<T> write) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, write));

    /// <summary>Fails unless the reader is on the start of an object.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, $"expected a JSON object for {typeName}, found {Describe(ref reader)}");
        }
    }

    /// <summary>
    /// Finds the discriminator of the object the reader is on without moving the reader, wherever it stands
    /// among the properties. <see langword="null"/> when the object has none.
    /// </summary>
    public static string? PeekDiscriminator(Utf8JsonReader reader, ReadOnlySpan<byte> propertyName)
    {
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var match = reader.ValueTextEquals(propertyName);
            reader.Read();
            if (match && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.Null))
            {
                return ReadString(ref reader);
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>Text; a number, boolean, object or array where text was documented is kept as its JSON text.</summary>
    public static string ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.StartObject or JsonTokenType.StartArray => JsonElement.ParseValue(ref reader).GetRawText(),
        _ => throw Fail(ref reader, $"expected text, found {Describe(ref reader)}"),
    };

    /// <summary>An integer, also when sent as text.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.Number when reader.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9.2e18:
                return (long)real;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Fail(ref reader, $"expected an integer, found {Describe(ref reader)}");
        }
    }

    /// <summary>A number, also when sent as text.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number):
                return number;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw Fail(ref reader, $"expected a number, found {Describe(ref reader)}");
        }
    }

    /// <summary>A boolean, also when sent as <c>"true"</c>/<c>"false"</c> or <c>0</c>/<c>1</c>.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                return parsed;
            case JsonTokenType.Number when reader.TryGetInt64(out var number) && number is 0 or 1:
                return number == 1;
            default:
                throw Fail(ref reader, $"expected true or false, found {Describe(ref reader)}");
        }
    }

    /// <summary>A <c>"yes"</c>/<c>"no"</c> setting; JSON booleans are accepted too.</summary>
    public static bool ReadYesNo(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("yes"u8) || reader.ValueTextEquals("Yes"u8) || reader.ValueTextEquals("true"u8))
            {
                return true;
            }

            if (reader.ValueTextEquals("no"u8) || reader.ValueTextEquals("No"u8) || reader.ValueTextEquals("false"u8))
            {
                return false;
            }
        }

        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Fail(ref reader, $"expected \"yes\" or \"no\", found {Describe(ref reader)}"),
        };
    }

    /// <summary>Writes a setting as <c>"yes"</c>/<c>"no"</c>.</summary>
    public static void WriteYesNo(Utf8JsonWriter writer, bool value) => writer.WriteStringValue(value ? "yes"u8 : "no"u8);

    /// <summary>Any JSON value, kept as it came.</summary>
    public static JsonElement ReadElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    /// <summary>An array; each item is read by <paramref name="readItem"/>.</summary>
    public static IReadOnlyList<T> ReadList<T>(ref Utf8JsonReader reader, GreenApiJsonReader<T> readItem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(ref reader, $"expected a JSON array, found {Describe(ref reader)}");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(readItem(ref reader));
        }

        return items;
    }

    /// <summary>Writes an array.</summary>
    public static void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, GreenApiJsonWriter<T> writeItem)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Keeps a property the spec does not declare, so that re-encoding loses nothing.</summary>
    public static void ReadExtension(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extension)
    {
        var name = reader.GetString()!;
        reader.Read();
        (extension ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>Writes the kept properties back.</summary>
    public static void WriteExtension(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? extension)
    {
        if (extension is null)
        {
            return;
        }

        foreach (var (name, value) in extension)
        {
            writer.WritePropertyName(name);
            value.WriteTo(writer);
        }
    }

    /// <summary>The error for a required property the object lacks.</summary>
    public static GreenApiDecodeException MissingProperty(ref Utf8JsonReader reader, string typeName, string propertyName) =>
        Fail(ref reader, $"{typeName} requires the property '{propertyName}', which is missing");

    /// <summary>The error for a required property sent as <c>null</c>.</summary>
    public static GreenApiDecodeException NullProperty(ref Utf8JsonReader reader, string typeName, string propertyName) =>
        Fail(ref reader, $"{typeName} requires a value for '{propertyName}', which is null");

    /// <summary>A decode error at the reader's current token.</summary>
    public static GreenApiDecodeException Fail(ref Utf8JsonReader reader, string reason) => new(reason, reader.TokenStartIndex);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        // Text is not quoted: a field that is wrongly typed may carry a token.
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "the number " + Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True or JsonTokenType.False => reader.TokenType == JsonTokenType.True ? "true" : "false",
        JsonTokenType.Null => "null",
        var other => other.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
