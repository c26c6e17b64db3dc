using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>One HTTP exchange as a handler saw it, before redaction.</summary>
/// <param name="Verb">The request's HTTP method.</param>
/// <param name="Origin">The request's scheme, host and port (<c>http://api.recording.invalid</c>).</param>
/// <param name="PathAndQuery">The request's path and query, escaped as sent.</param>
/// <param name="RequestHeaders">The request's headers and content headers, in order.</param>
/// <param name="RequestBody">The request body's bytes (empty when there is none).</param>
/// <param name="Status">The response status.</param>
/// <param name="ResponseContentType">The response's Content-Type, if any.</param>
/// <param name="ResponseBody">The response body's bytes.</param>
public sealed record CapturedExchange(
    string Verb,
    string Origin,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[] RequestBody,
    int Status,
    string? ResponseContentType,
    byte[] ResponseBody)
{
    /// <summary>The method name in the URL: the segment after <c>waInstance{id}</c> or <c>partner</c>.</summary>
    public string MethodName => PathAndQuery.Split('?')[0].Trim('/').Split('/') is [_, var method, ..] ? method : "";

    /// <summary>The request's Content-Type, if any.</summary>
    public string? RequestContentType => RequestHeaders.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Captures a request and its answer; the request content is buffered so that it can still be sent.</summary>
    public static async Task<(string Verb, string Origin, string PathAndQuery, List<KeyValuePair<string, string>> Headers, byte[] Body)> ReadRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("a request without a URI");
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(h => RecordingFormat.IsRelevantHeader(h.Key))
            .Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)))
            .ToList();
        return (request.Method.Method, uri.GetLeftPart(UriPartial.Authority), uri.PathAndQuery, headers, body);
    }
}

/// <summary>
/// Replaces secrets and run-dependent values by placeholders (and back). Longer values are replaced first,
/// so that one value that contains another is replaced whole.
/// </summary>
public sealed class Redactor
{
    private readonly List<(string Value, string Placeholder)> entries = [];

    public IReadOnlyList<(string Value, string Placeholder)> Entries => entries;

    public Redactor Add(string value, string placeholder)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (!entries.Any(e => e.Value == value))
        {
            entries.Add((value, placeholder));
        }

        return this;
    }

    public bool Knows(string value) => entries.Any(e => e.Value == value);

    public int Count(string placeholderPrefix) => entries.Count(e => e.Placeholder.StartsWith(placeholderPrefix, StringComparison.Ordinal));

    /// <summary>Values → placeholders.</summary>
    public string Redact(string text)
    {
        foreach (var (value, placeholder) in entries.OrderByDescending(e => e.Value.Length))
        {
            text = text.Replace(value, placeholder, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Placeholders → values.</summary>
    public string Restore(string text)
    {
        foreach (var (value, placeholder) in entries.OrderByDescending(e => e.Placeholder.Length))
        {
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return text;
    }
}

/// <summary>
/// The recording file format (see tests/fixtures/recordings/README.md): one JSON object per method with the
/// request (<c>line</c>, <c>headers</c>, and <c>body</c> | <c>form</c> | <c>file</c>) and the response
/// (<c>status</c>, <c>headers</c>, and <c>body</c> | <c>text</c>).
/// </summary>
public static partial class RecordingFormat
{
    public const string BoundaryPlaceholder = "{{boundary}}";

    /// <summary>The generated code's own JSON writer settings: UTF-8 text unescaped, as the client sends it.</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>How the files are written: indented by two spaces, UTF-8 text unescaped.</summary>
    public static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>
    /// Headers the recordings keep: everything the client chose (Content-Type, GA-Filename, …), but not what
    /// the HTTP stack adds or derives (Host, User-Agent, Content-Length) nor trace propagation (traceparent).
    /// </summary>
    public static bool IsRelevantHeader(string name) => !IgnoredHeaders.Contains(name);

    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "User-Agent", "Content-Length", "Connection", "Accept-Encoding", "Expect",
        "traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context",
    };

    [GeneratedRegex("boundary=(\"[^\"]*\"|[^;\\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryPattern();

    /// <summary>The compact bytes of a JSON value, as the generated client writes them.</summary>
    public static byte[] CompactBytes(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString(Compact) ?? "null");

    /// <summary>The text of a recording file.</summary>
    public static string ToFileText(JsonObject recording) => recording.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

    /// <summary>The <c>request</c> object of a recording, with <paramref name="redactor"/> applied to every text in it.</summary>
    public static async Task<JsonObject> DescribeRequestAsync(CapturedExchange exchange, Redactor redactor)
    {
        var origin = redactor.Redact(exchange.Origin);
        var request = new JsonObject
        {
            ["line"] = $"{exchange.Verb} {origin}{redactor.Redact(exchange.PathAndQuery)}",
            ["headers"] = Headers(exchange.RequestHeaders, redactor),
        };

        var contentType = exchange.RequestContentType ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            var text = redactor.Redact(Encoding.UTF8.GetString(exchange.RequestBody));
            var body = JsonNode.Parse(text);
            var again = Encoding.UTF8.GetString(CompactBytes(body));
            if (again != text)
            {
                throw new InvalidDataException($"the JSON request body of {exchange.MethodName} does not survive a compact re-encoding, so the recording could not be compared byte for byte:\n{text}\n{again}");
            }

            request["body"] = body;
        }
        else if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            request["form"] = await DescribeFormAsync(exchange.RequestBody, contentType, redactor).ConfigureAwait(false);
        }
        else if (exchange.RequestBody.Length > 0)
        {
            request["file"] = DescribeFile(exchange.RequestBody);
        }

        return request;
    }

    /// <summary>The <c>response</c> object of a recording.</summary>
    public static JsonObject DescribeResponse(CapturedExchange exchange, Redactor redactor)
    {
        var response = new JsonObject { ["status"] = exchange.Status };
        var headers = new JsonObject();
        if (exchange.ResponseContentType is { } type)
        {
            headers["Content-Type"] = type;
        }

        response["headers"] = headers;
        var text = redactor.Redact(Encoding.UTF8.GetString(exchange.ResponseBody));
        if (TryParse(text, out var body))
        {
            response["body"] = body;
        }
        else
        {
            response["text"] = text;
        }

        return response;
    }

    /// <summary>The multipart body as a list of parts: name, headers, and the text value or the file.</summary>
    public static async Task<JsonArray> DescribeFormAsync(byte[] body, string contentType, Redactor redactor)
    {
        var boundary = BoundaryPattern().Match(contentType) is { Success: true } m ? m.Groups[1].Value.Trim('"') : throw new InvalidDataException("a multipart body without a boundary: " + contentType);
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new JsonArray();
        while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
        {
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content).ConfigureAwait(false);
            var bytes = content.ToArray();
            var headers = new JsonObject();
            foreach (var (name, value) in section.Headers ?? [])
            {
                headers[name] = redactor.Redact(value.ToString());
            }

            var disposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var part = new JsonObject { ["name"] = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.Name).ToString(), ["headers"] = headers };
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.ToString() : Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(disposition.FileName).ToString();
            if (!string.IsNullOrEmpty(fileName))
            {
                part["fileName"] = fileName;
                part["file"] = DescribeFile(bytes);
            }
            else
            {
                part["value"] = redactor.Redact(Encoding.UTF8.GetString(bytes));
            }

            parts.Add(part);
        }

        return parts;
    }

    /// <summary>A file's bytes: length, SHA-256 and the bytes themselves (the recorded files are small).</summary>
    public static JsonObject DescribeFile(byte[] bytes) => new()
    {
        ["length"] = bytes.Length,
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        ["base64"] = Convert.ToBase64String(bytes),
    };

    /// <summary>The bytes of a <see cref="DescribeFile"/> object, checked against its length and hash.</summary>
    public static byte[] FileBytes(JsonNode file)
    {
        var bytes = Convert.FromBase64String((string)file["base64"]!);
        bytes.Length.ShouldBe((int)file["length"]!, "the recorded file's length");
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe((string)file["sha256"]!, "the recorded file's SHA-256");
        return bytes;
    }

    /// <summary>The response body bytes a replay sends: the recorded JSON, compact, or the recorded text.</summary>
    public static byte[] ResponseBytes(JsonObject response) =>
        response.ContainsKey("body") ? CompactBytes(response["body"]) : Encoding.UTF8.GetBytes((string?)response["text"] ?? "");

    private static JsonObject Headers(IEnumerable<KeyValuePair<string, string>> headers, Redactor redactor)
    {
        var o = new JsonObject();
        foreach (var (name, value) in headers)
        {
            o[name] = BoundaryPattern().Replace(redactor.Redact(value), "boundary=\"" + BoundaryPlaceholder + "\"");
        }

        return o;
    }

    private static bool TryParse(string text, out JsonNode? node)
    {
        node = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
