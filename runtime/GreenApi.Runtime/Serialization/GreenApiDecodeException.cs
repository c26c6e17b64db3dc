namespace GreenApi;

/// <summary>
/// JSON from the service (or handed to a <c>Parse</c> method) could not be decoded: it is malformed, or a
/// value cannot stand for the documented field. The message says where: the JSON path, line and byte.
/// </summary>
public sealed class GreenApiDecodeException : Exception
{
    internal GreenApiDecodeException(string reason, long? byteOffset, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        ByteOffset = byteOffset;
    }

    private GreenApiDecodeException(string message, string reason, string targetType, string? path, long? byteOffset, long? lineNumber, long? bytePositionInLine, Exception? inner)
        : base(message, inner)
    {
        Reason = reason;
        TargetType = targetType;
        Path = path;
        ByteOffset = byteOffset;
        LineNumber = lineNumber;
        BytePositionInLine = bytePositionInLine;
    }

    /// <summary>What was wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The C# type being decoded, e.g. <c>Notification</c>.</summary>
    public string? TargetType { get; }

    /// <summary>Where decoding failed as a JSON path, e.g. <c>$.messageData.textMessageData</c>.</summary>
    public string? Path { get; }

    /// <summary>The offset of the failing token from the start of the input, in bytes.</summary>
    public long? ByteOffset { get; }

    /// <summary>The 1-based line of the failing token.</summary>
    public long? LineNumber { get; }

    /// <summary>The 0-based byte position of the failing token within its line.</summary>
    public long? BytePositionInLine { get; }

    internal GreenApiDecodeException Locate(ReadOnlySpan<byte> input, string targetType)
    {
        var path = "$";
        long? line = null;
        long? column = null;
        if (ByteOffset is { } offset)
        {
            path = Serialization.JsonLocation.PathAt(input, offset);
            (line, column) = Serialization.JsonLocation.LineAndColumn(input, offset);
        }

        var where = line is null ? path : $"{path} (line {line}, byte {column})";
        var message = $"Could not decode {targetType} at {where}: {Reason}";
        return new GreenApiDecodeException(message, Reason, targetType, path, ByteOffset, line, column, InnerException ?? this);
    }
}
