using System.Buffers;
using System.Net;

namespace GreenApi;

/// <summary>A file to upload: its content (streamed as it is sent), its name and its media type.</summary>
public sealed class GreenApiFile
{
    private readonly long _start;

    /// <summary>A file from a stream; the stream is read as the request is sent and is not disposed.</summary>
    public GreenApiFile(Stream content, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Content = content;
        FileName = fileName;
        ContentType = contentType;
        _start = content.CanSeek ? content.Position : 0;
    }

    /// <summary>The bytes to send.</summary>
    public Stream Content { get; }

    /// <summary>The file name with its extension; the service decides how to send a file by it.</summary>
    public string FileName { get; }

    /// <summary>The media type, or <see langword="null"/> to let the service go by the extension.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// Receives the number of bytes sent so far as the upload proceeds (and again from zero when a
    /// retry sends the file again).
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>A file read from disk.</summary>
    public static GreenApiFile FromPath(string path, string? contentType = null, IProgress<long>? progress = null) =>
        new(File.OpenRead(path), Path.GetFileName(path), contentType) { Progress = progress };

    /// <inheritdoc />
    public override string ToString() => ContentType is null ? FileName : $"{FileName} ({ContentType})";

    /// <summary>Puts a seekable stream back where it was when the file was made, so that a retry sends it whole.</summary>
    internal void Rewind()
    {
        if (Content.CanSeek)
        {
            Content.Position = _start;
        }
    }
}

/// <summary>Streams a <see cref="GreenApiFile"/> into a request, reporting progress as it goes.</summary>
internal sealed class GreenApiFileContent : HttpContent
{
    private const int ChunkSize = 81920;
    private readonly GreenApiFile _file;

    public GreenApiFileContent(GreenApiFile file)
    {
        _file = file;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            _file.Progress?.Report(0);
            int read;
            while ((read = await _file.Content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                _file.Progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        if (_file.Content.CanSeek)
        {
            length = _file.Content.Length - _file.Content.Position;
            return true;
        }

        length = 0;
        return false;
    }
}
