namespace GreenApi;

/// <summary>A file to upload: its content (read once, as it is sent), its name and its media type.</summary>
public sealed class GreenApiFile
{
    /// <summary>A file from a stream; the stream is read as the request is sent and is not disposed.</summary>
    public GreenApiFile(Stream content, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Content = content;
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>The bytes to send.</summary>
    public Stream Content { get; }

    /// <summary>The file name with its extension; the service decides how to send a file by it.</summary>
    public string FileName { get; }

    /// <summary>The media type, or <see langword="null"/> to let the service go by the extension.</summary>
    public string? ContentType { get; }

    /// <summary>A file read from disk.</summary>
    public static GreenApiFile FromPath(string path, string? contentType = null) =>
        new(File.OpenRead(path), Path.GetFileName(path), contentType);

    /// <inheritdoc />
    public override string ToString() => ContentType is null ? FileName : $"{FileName} ({ContentType})";
}
