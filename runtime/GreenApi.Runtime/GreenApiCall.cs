namespace GreenApi;

/// <summary>One request to a method, as generated code assembles it for <see cref="GreenApiTransport"/>.</summary>
public sealed class GreenApiCall
{
    /// <summary>A call of <paramref name="method"/>.</summary>
    public GreenApiCall(GreenApiMethod method) => Method = method ?? throw new ArgumentNullException(nameof(method));

    /// <summary>The method's descriptor.</summary>
    public GreenApiMethod Method { get; }

    /// <summary>Path segments after the token (deleteNotification's receipt id).</summary>
    public IReadOnlyList<string> PathSegments { get; init; } = [];

    /// <summary>Query parameters; <see langword="null"/> values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Query { get; init; } = [];

    /// <summary>Request headers; <see langword="null"/> values are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Headers { get; init; } = [];

    /// <summary>A JSON body, already encoded, so that a retry sends the same bytes.</summary>
    public ReadOnlyMemory<byte>? JsonBody { get; init; }

    /// <summary>A multipart/form-data body.</summary>
    public IReadOnlyList<GreenApiFormPart>? Form { get; init; }

    /// <summary>A raw file body (application/octet-stream or the file's media type).</summary>
    public GreenApiFile? FileBody { get; init; }
}

/// <summary>One part of a multipart/form-data body: a text field or a file.</summary>
public sealed class GreenApiFormPart
{
    private GreenApiFormPart(string name, string? text, GreenApiFile? file)
    {
        Name = name;
        Text = text;
        File = file;
    }

    /// <summary>The form field name.</summary>
    public string Name { get; }

    /// <summary>The text of a text field.</summary>
    public string? Text { get; }

    /// <summary>The file of a file field.</summary>
    public GreenApiFile? File { get; }

    /// <summary>A text field.</summary>
    public static GreenApiFormPart FromText(string name, string text) => new(name, text, null);

    /// <summary>A file field.</summary>
    public static GreenApiFormPart FromFile(string name, GreenApiFile file) => new(name, null, file);
}
