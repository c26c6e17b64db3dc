using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using GreenApi.Serialization;

namespace GreenApi;

/// <summary>
/// Sends the calls the generated client assembles: builds the URL from the descriptor (host, instance,
/// method, token), encodes the body, decodes the answer, and turns failures into exceptions that never
/// carry the token.
/// </summary>
public sealed class GreenApiTransport : IDisposable
{
    private const int ErrorTextLimit = 500;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _apiUrl;
    private readonly Uri? _mediaUrl;
    private readonly long? _idInstance;
    private readonly string _token;
    private readonly TimeSpan _timeout;

    /// <summary>A transport for one instance. Without <paramref name="httpClient"/> it owns one of its own.</summary>
    public GreenApiTransport(GreenApiClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (_http, _ownsHttp) = httpClient is null ? (NewHttpClient(), true) : (httpClient, false);
        _apiUrl = options.ApiUrl;
        _mediaUrl = options.MediaUrl;
        _idInstance = options.IdInstance;
        _token = options.ApiTokenInstance;
        _timeout = options.RequestTimeout;
    }

    /// <summary>A transport for the partner API.</summary>
    public GreenApiTransport(GreenApiPartnerClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (_http, _ownsHttp) = httpClient is null ? (NewHttpClient(), true) : (httpClient, false);
        _apiUrl = options.ApiUrl;
        _token = options.PartnerToken;
        _timeout = options.RequestTimeout;
    }

    /// <summary>Sends a call whose answer carries nothing the caller needs.</summary>
    public async Task SendAsync(GreenApiCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        _ = await ExchangeAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call and decodes its answer with <paramref name="read"/>.</summary>
    public async Task<T> SendAsync<T>(GreenApiCall call, GreenApiJsonReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        var body = await ExchangeAsync(call, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0 && call.Method.ResponseMayBeNull)
        {
            return default!;
        }

        return GreenApiJson.Parse(body, read, call.Method.Name + " response");
    }

    /// <summary>Opens the method's websocket and yields each message until the service closes it.</summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(GreenApiCall call, GreenApiJsonReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        var url = BuildUrl(call);
        var socketUrl = new UriBuilder(url) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(socketUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            throw Failure(call, null, "", "could not open the websocket: " + e.Message, e);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.Clear();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                buffer.Advance(received.Count);
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            yield return GreenApiJson.Parse(buffer.WrittenSpan, read, call.Method.Name + " message");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => _idInstance is { } id ? $"GreenApiTransport {{ {_apiUrl}, instance {id} }}" : $"GreenApiTransport {{ {_apiUrl}, partner }}";

    private static HttpClient NewHttpClient() => new() { Timeout = Timeout.InfiniteTimeSpan };

    private async Task<byte[]> ExchangeAsync(GreenApiCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method.Verb, BuildUrl(call)) { Content = BuildContent(call) };
        foreach (var (name, value) in call.Headers)
        {
            if (value is not null && !request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_timeout);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(call, null, "", $"no answer within {_timeout.TotalSeconds:0.#} s (RequestTimeout); raise RequestTimeout or check the network", e);
        }
        catch (HttpRequestException e)
        {
            throw Failure(call, null, "", "the request failed: " + e.Message + "; check ApiUrl/MediaUrl and the network", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, ErrorTextLimit * 4)));
                throw Failure(call, response.StatusCode, text, null, null);
            }

            return body;
        }
    }

    private GreenApiException Failure(GreenApiCall call, HttpStatusCode? status, string errorText, string? problem, Exception? inner)
    {
        var text = GreenApiRedaction.Redact(errorText.Trim(), _token);
        if (text.Length > ErrorTextLimit)
        {
            text = text[..ErrorTextLimit] + "…";
        }

        var what = problem is null
            ? $"{call.Method.Name} failed with HTTP {(int)status!} {status}{(text.Length > 0 ? ": " + text : "")}"
            : $"{call.Method.Name}: {problem}";
        return new GreenApiException(call.Method.Name, status, text, GreenApiRedaction.Redact(what, _token), inner);
    }

    private Uri BuildUrl(GreenApiCall call)
    {
        var method = call.Method;
        var host = method.Host switch
        {
            GreenApiHost.Media => _mediaUrl ?? throw new InvalidOperationException($"{method.Name} is sent to the media host; this transport has none (partner options)."),
            _ => _apiUrl,
        };

        var url = new StringBuilder(host.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        if (method.Host == GreenApiHost.Partner)
        {
            url.Append("/partner/");
        }
        else
        {
            url.Append("/waInstance").Append(_idInstance).Append('/');
        }

        url.Append(method.Name).Append('/').Append(Uri.EscapeDataString(_token));
        foreach (var segment in call.PathSegments)
        {
            url.Append('/').Append(Uri.EscapeDataString(segment));
        }

        var separator = '?';
        foreach (var (name, value) in call.Query)
        {
            if (value is not null)
            {
                url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return new Uri(url.ToString());
    }

    private static HttpContent? BuildContent(GreenApiCall call)
    {
        if (call.JsonBody is { } json)
        {
            var content = new ReadOnlyMemoryContent(json);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }

        if (call.Form is { } parts)
        {
            var form = new MultipartFormDataContent();
            foreach (var part in parts)
            {
                if (part.File is { } file)
                {
                    form.Add(FileContent(file), part.Name, file.FileName);
                }
                else
                {
                    form.Add(new StringContent(part.Text ?? ""), part.Name);
                }
            }

            return form;
        }

        return call.FileBody is { } body ? FileContent(body) : null;
    }

    private static StreamContent FileContent(GreenApiFile file)
    {
        var content = new StreamContent(file.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType ?? "application/octet-stream");
        return content;
    }
}
