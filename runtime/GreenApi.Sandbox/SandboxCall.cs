using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Sandbox;

/// <summary>An error answer, with the status and body text the docs give.</summary>
internal sealed class SandboxError(int status, string text, JsonNode? body = null) : Exception(text)
{
    public int Status { get; } = status;

    public string Text { get; } = text;

    /// <summary>The body to send; by default <c>{"message": text}</c>-style JSON is built from <see cref="Text"/>.</summary>
    public JsonNode? Body { get; } = body;

    public static SandboxError Validation(string details) => new(400, "Validation failed. Details: " + details);

    public static SandboxError BadRequest(string text) => new(400, text);
}

/// <summary>One request that passed the service's checks, handed to a method's handler.</summary>
internal sealed class SandboxCall
{
    public required GreenApiSandbox Sandbox { get; init; }

    public required SandboxMethod Method { get; init; }

    /// <summary>The instance addressed, or <see langword="null"/> for partner methods.</summary>
    public SandboxInstance? InstanceOrNull { get; init; }

    public SandboxInstance Instance => InstanceOrNull ?? throw new InvalidOperationException($"{Method.Name} is not an instance method");

    /// <summary>The JSON body (validated against the spec), or an empty object.</summary>
    public JsonObject Body { get; init; } = [];

    /// <summary>Query and path parameters by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A multipart form's file part, or the raw body of uploadFile.</summary>
    public SandboxFile? File { get; init; }

    public required HttpContext Http { get; init; }

    public CancellationToken Aborted => Http.RequestAborted;

    public DateTimeOffset Now => Sandbox.Time.GetUtcNow();

    public string? Text(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : Parameters.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw SandboxError.Validation($"'{name}' is required");

    public long? Number(string name) => SandboxSpec.Number(Body[name])
        ?? (Parameters.TryGetValue(name, out var s) && long.TryParse(s, out var p) ? p : null);

    public bool? Flag(string name) => Body[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}

/// <summary>A stored file: uploaded, sent, received or set as a picture.</summary>
/// <param name="Id">The id in the file's URL.</param>
/// <param name="FileName">The file name.</param>
/// <param name="ContentType">The MIME type.</param>
/// <param name="Content">The bytes.</param>
public sealed record SandboxFile(string Id, string FileName, string ContentType, byte[] Content);
