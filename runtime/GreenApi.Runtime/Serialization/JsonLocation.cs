using System.Text.Json;

namespace GreenApi.Serialization;

/// <summary>Turns a byte offset into a JSON path and a line, only when decoding has already failed.</summary>
internal static class JsonLocation
{
    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string PathAt(ReadOnlySpan<byte> input, long offset)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(input, Lenient);
        try
        {
            while (reader.Read() && reader.TokenStartIndex < offset)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Name = reader.GetString() };
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        CountElement(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, null, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    default:
                        CountElement(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The input breaks off or is malformed here: the path so far is the answer.
        }

        var path = new System.Text.StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (!frame.IsArray && frame.Name is not null)
            {
                path.Append('.').Append(frame.Name);
            }
        }

        return path.ToString();
    }

    public static (long Line, long Column) LineAndColumn(ReadOnlySpan<byte> input, long offset)
    {
        var end = (int)Math.Min(offset, input.Length);
        var before = input[..end];
        var line = before.Count((byte)'\n') + 1;
        var lastBreak = before.LastIndexOf((byte)'\n');
        return (line, end - (lastBreak + 1));
    }

    public static long OffsetOf(ReadOnlySpan<byte> input, long lineNumber, long bytePositionInLine)
    {
        long offset = 0;
        for (var line = 0L; line < lineNumber; line++)
        {
            var next = input[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return input.Length;
            }

            offset += next + 1;
        }

        return Math.Min(offset + bytePositionInLine, input.Length);
    }

    private static void CountElement(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private readonly record struct Frame(bool IsArray, string? Name, int Index);
}
