using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>
/// Sits between the generated client and the network (<c>RecordingHandler → SocketsHttpHandler</c>) and keeps
/// every exchange. The client is configured with logical hosts (<see cref="ApiOrigin"/>, <see cref="MediaOrigin"/>)
/// so that the recording shows which host each method goes to; the handler sends the request on to the sandbox.
/// Tokens found in answers (<c>apiTokenInstance</c> of createInstance, updateApiToken, getInstances) are added
/// to <see cref="Redactor"/> so that no real token reaches a recording file.
/// </summary>
public sealed partial class RecordingHandler : DelegatingHandler
{
    public const string ApiOrigin = "http://api.recording.invalid";
    public const string MediaOrigin = "http://media.recording.invalid";

    private readonly Uri sandbox;
    private readonly List<CapturedExchange> exchanges = [];
    private readonly Lock sync = new();

    public RecordingHandler(Uri sandbox, Redactor redactor, HttpMessageHandler inner)
        : base(inner)
    {
        this.sandbox = sandbox;
        Redactor = redactor;
    }

    public Redactor Redactor { get; }

    public IReadOnlyList<CapturedExchange> Exchanges
    {
        get
        {
            lock (sync)
            {
                return exchanges.ToList();
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (verb, origin, pathAndQuery, headers, body) = await CapturedExchange.ReadRequestAsync(request, cancellationToken).ConfigureAwait(false);
        if (origin != ApiOrigin && origin != MediaOrigin)
        {
            throw new InvalidOperationException($"the recorded client sent a request to {origin}, which is neither {ApiOrigin} nor {MediaOrigin}");
        }

        request.RequestUri = new Uri(sandbox, pathAndQuery);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        DiscoverTokens(answer);
        DiscoverUuids(answer);
        var exchange = new CapturedExchange(verb, origin, pathAndQuery, headers, body, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), answer);
        lock (sync)
        {
            exchanges.Add(exchange);
        }

        return response;
    }

    /// <summary>
    /// Random UUIDs in answers (the file names the sandbox makes up for sendVoiceStatus/sendMediaStatus) become
    /// <c>{{uuid#N}}</c>, numbered in the order they first appear, so that a recording does not change from run to run.
    /// </summary>
    private void DiscoverUuids(byte[] answer)
    {
        foreach (var uuid in UuidPattern().Matches(Encoding.UTF8.GetString(answer)).Select(m => m.Value))
        {
            if (!Redactor.Knows(uuid))
            {
                Redactor.Add(uuid, $"{{{{uuid#{Redactor.Count("{{uuid#") + 1}}}}}");
            }
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UuidPattern();

    /// <summary>Every <c>apiTokenInstance</c> string in an answer that is not yet known becomes <c>{{apiTokenInstance#N}}</c>.</summary>
    private void DiscoverTokens(byte[] answer)
    {
        JsonNode? node;
        try
        {
            node = answer.Length == 0 ? null : JsonNode.Parse(Encoding.UTF8.GetString(answer));
        }
        catch (JsonException)
        {
            return;
        }

        Visit(node);

        void Visit(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "apiTokenInstance" && value is JsonValue v && v.TryGetValue<string>(out var token) && token.Length > 0 && !Redactor.Knows(token))
                        {
                            Redactor.Add(token, $"{{{{apiTokenInstance#{Redactor.Count("{{apiTokenInstance#") + 2}}}}}");
                        }

                        Visit(value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Visit(item);
                    }

                    break;
            }
        }
    }
}
