using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GreenApi.Benchmarks.Scenarios;

namespace GreenApi.Benchmarks.Client;

/// <summary>
/// The client's own cost of one sendMessage call, without a network: the generated client and a raw
/// HttpClient with hand-written JSON over the same in-memory handler, which answers every request with the
/// service's sendMessage answer. What the round-trip figures cannot separate from the server's work.
/// </summary>
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private static readonly byte[] Answer = """{"idMessage":"BAE5F4886B1D1F2A"}"""u8.ToArray();
    private static readonly Uri Url = new("http://127.0.0.1:9/");
    private HttpClient _raw = null!;
    private GreenApiClient _client = null!;
    private SendMessageRequest _request = null!;
    private Uri _rawUrl = null!;
    private byte[] _rawBody = [];

    [GlobalSetup]
    public void Setup()
    {
        _raw = new HttpClient(new Canned());
        _client = new GreenApiClient(
            new GreenApiClientOptions { ApiUrl = Url, MediaUrl = Url, IdInstance = 1101000001, ApiTokenInstance = "0123456789abcdef0123456789abcdef0123456789abcdef00", EnableRateLimiting = false },
            new HttpClient(new Canned()));
        _request = new SendMessageRequest { ChatId = ClientScenario.ChatId, Message = ClientScenario.Text };
        _rawUrl = new Uri(Url, "waInstance1101000001/sendMessage/0123456789abcdef0123456789abcdef0123456789abcdef00");
        _rawBody = Encoding.UTF8.GetBytes($$"""{"chatId":"{{ClientScenario.ChatId}}","message":"{{ClientScenario.Text}}"}""");
    }

    [Benchmark(Baseline = true, Description = "raw HttpClient, hand-written JSON")]
    public async Task<string?> Raw()
    {
        using var content = new ByteArrayContent(_rawBody);
        content.Headers.ContentType = new("application/json");
        using var response = await _raw.PostAsync(_rawUrl, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("idMessage"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    [Benchmark(Description = "generated client")]
    public async Task<string> Generated() => (await _client.Sending.SendMessageAsync(_request)).IdMessage;

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _client.Dispose();
    }

    /// <summary>Reads the request body as a server would, and answers 200 with the canned body.</summary>
    private sealed class Canned : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Answer) { Headers = { ContentType = new("application/json") } }, RequestMessage = request };
        }
    }
}
