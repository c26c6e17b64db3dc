using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>
/// Plays the service's part of one recording: checks that the request the generated client sends is the
/// recorded one, exactly (request line with the placeholders put back, the relevant headers, the JSON body
/// byte for byte, a form part by part, a raw file byte for byte), and answers with the recorded status and
/// body. Differences are collected in <see cref="Problems"/>; the answer is sent regardless, so that the
/// test can report the request's differences and the response's together.
/// </summary>
public sealed class ReplayHandler(JsonObject recording, Redactor placeholders) : HttpMessageHandler
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public int Requests { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var (verb, origin, pathAndQuery, headers, body) = await CapturedExchange.ReadRequestAsync(request, cancellationToken);
        var sent = new CapturedExchange(verb, origin, pathAndQuery, headers, body, 0, null, []);
        var expected = recording["request"]!.AsObject();

        var expectedLine = placeholders.Restore((string)expected["line"]!);
        var actualLine = $"{verb} {origin}{pathAndQuery}";
        if (actualLine != expectedLine)
        {
            problems.Add($"request line: sent `{actualLine}`, recorded `{expectedLine}`");
        }

        JsonObject actual;
        try
        {
            actual = await RecordingFormat.DescribeRequestAsync(sent, placeholders);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or IOException)
        {
            problems.Add("the request body cannot be read as the recording describes bodies: " + e.Message);
            actual = [];
        }
        if (!JsonNode.DeepEquals(actual["headers"], expected["headers"]))
        {
            problems.Add($"headers: sent {actual["headers"]!.ToJsonString()}, recorded {expected["headers"]!.ToJsonString()}");
        }

        if (expected["body"] is { } json)
        {
            var recordedBytes = RecordingFormat.CompactBytes(json);
            if (!body.AsSpan().SequenceEqual(recordedBytes))
            {
                problems.Add($"JSON body differs byte for byte:\n  sent     {Encoding.UTF8.GetString(body)}\n  recorded {Encoding.UTF8.GetString(recordedBytes)}");
            }
        }
        else if (!expected.ContainsKey("body") && actual.ContainsKey("body"))
        {
            problems.Add($"a JSON body was sent although none is recorded: {Encoding.UTF8.GetString(body)}");
        }

        foreach (var kind in new[] { "form", "file" })
        {
            if (!JsonNode.DeepEquals(actual[kind], expected[kind]))
            {
                problems.Add($"{kind}: sent {actual[kind]?.ToJsonString() ?? "nothing"}, recorded {expected[kind]?.ToJsonString() ?? "nothing"}");
            }
        }

        var recorded = recording["response"]!.AsObject();
        var content = new ByteArrayContent(RecordingFormat.ResponseBytes(recorded));
        if ((string?)recorded["headers"]?["Content-Type"] is { } type)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        return new HttpResponseMessage((HttpStatusCode)(int)recorded["status"]!) { Content = content, RequestMessage = request };
    }
}
