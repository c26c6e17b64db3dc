using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GreenApi.Policies;
using GreenApi.Receiving;
using GreenApi.Serialization;
using GreenApi.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace GreenApi;

/// <summary>
/// Sends the calls the generated client assembles, applying every policy the docs prescribe, once:
/// the URL from the descriptor (host, instance, method, token), the Developer-tariff quotas, the
/// per-method rate limit, retries from the spec's error policies, and errors that say what to do next.
/// The token is in every URL and nowhere else: not in a log line, an exception, a telemetry tag or
/// <c>ToString()</c>.
/// </summary>
public sealed partial class GreenApiTransport : IDisposable
{
    private const int ErrorTextLimit = 500;
    private static readonly ResiliencePropertyKey<bool> Replayable = new("GreenApi.Replayable");
    private static readonly ResiliencePropertyKey<int> Attempts = new("GreenApi.Attempts");
    private static readonly string UrlTemplate = "/waInstance{idInstance}/{method}/{apiTokenInstance}";
    private static readonly string PartnerUrlTemplate = "/partner/{method}/{partnerToken}";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _apiUrl;
    private readonly Uri? _mediaUrl;
    private readonly long? _idInstance;
    private readonly string _token;
    private readonly TimeSpan _timeout;
    private readonly GreenApiTariff _tariff;
    private readonly int _correspondentsLimit;
    private readonly bool _retries;
    private readonly GreenApiRateLimits _rateLimits;
    private readonly IGreenApiQuotaStore _quotaStore;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly GreenApiTelemetry _telemetry;
    private readonly ConcurrentDictionary<GreenApiMethod, ResiliencePipeline<Exchange>> _pipelines = new();

    /// <summary>A transport for one instance. Without <paramref name="httpClient"/> it owns one of its own.</summary>
    public GreenApiTransport(GreenApiClientOptions options, HttpClient? httpClient = null, GreenApiRuntimeServices? services = null)
        : this(Validated(options).ApiUrl, options.MediaUrl, options.IdInstance, options.ApiTokenInstance, options.RequestTimeout, options.Tariff, options.CorrespondentsLimit, options.EnableRetries, options.EnableRateLimiting, options.RateLimits, httpClient, services)
    {
    }

    /// <summary>A transport for the partner API. Without <paramref name="httpClient"/> it owns one of its own.</summary>
    public GreenApiTransport(GreenApiPartnerClientOptions options, HttpClient? httpClient = null, GreenApiRuntimeServices? services = null)
        : this(Validated(options).ApiUrl, null, null, options.PartnerToken, options.RequestTimeout, GreenApiTariff.Business, 1, options.EnableRetries, false, null, httpClient, services)
    {
    }

    private GreenApiTransport(Uri apiUrl, Uri? mediaUrl, long? idInstance, string token, TimeSpan timeout, GreenApiTariff tariff, int correspondentsLimit, bool retries, bool rateLimiting, IDictionary<string, double>? rateLimits, HttpClient? httpClient, GreenApiRuntimeServices? services)
    {
        (_http, _ownsHttp) = httpClient is null ? (new HttpClient(CreatePrimaryHandler()) { Timeout = Timeout.InfiniteTimeSpan }, true) : (httpClient, false);
        _apiUrl = apiUrl;
        _mediaUrl = mediaUrl;
        _idInstance = idInstance;
        _token = token;
        _timeout = timeout;
        _tariff = tariff;
        _correspondentsLimit = correspondentsLimit;
        _retries = retries;
        _time = services?.TimeProvider ?? TimeProvider.System;
        _quotaStore = services?.QuotaStore ?? new InMemoryGreenApiQuotaStore();
        _logger = (services?.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("GreenApi.Transport");
        _telemetry = new GreenApiTelemetry(services?.MeterFactory);
        _rateLimits = new GreenApiRateLimits(rateLimiting, rateLimits, _time);
    }

    /// <summary>
    /// The HTTP handler the transport uses when it owns its <c>HttpClient</c> (and <c>AddGreenApi</c> uses
    /// for <c>IHttpClientFactory</c>). It leaves out <c>HttpClient</c>'s own tracing, whose <c>url.full</c>
    /// tag would carry the token; the transport's <c>GreenApi</c> spans and trace headers take its place.
    /// </summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        ActivityHeadersPropagator = null,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    };

    /// <summary>The requests per second a method is held to by this transport, or <see langword="null"/> when it is not limited.</summary>
    public double? RateLimitOf(GreenApiMethod method) => _rateLimits.RateOf(method ?? throw new ArgumentNullException(nameof(method)));

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

    /// <summary>
    /// Sends the queue's receive call and splits the answer into the receipt id (<paramref name="receiptProperty"/>)
    /// and the notification (<paramref name="bodyProperty"/>). A notification that cannot be decoded still
    /// comes back, with its receipt id, raw JSON and the decode error, so that it can be dead-lettered and
    /// deleted instead of blocking the queue. <see langword="null"/> when the queue stayed empty.
    /// </summary>
    public async Task<GreenApiReceivedNotification<T>?> ReceiveNotificationAsync<T>(GreenApiCall call, string receiptProperty, string bodyProperty, GreenApiJsonReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        var answer = await ExchangeAsync(call, cancellationToken).ConfigureAwait(false);
        return SplitReceived(answer, call.Method.Name, receiptProperty, bodyProperty, read);
    }

    /// <summary>
    /// Opens the method's websocket and yields each message until the service closes it. When the websocket
    /// cannot be opened and the method has a <see cref="GreenApiMethod.Fallback"/>, polls that method instead
    /// every <see cref="GreenApiMethod.FallbackInterval"/> and yields each answer that differs from the last.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(GreenApiCall call, GreenApiJsonReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(read);
        await WaitForRateLimitAsync(call.Method, cancellationToken).ConfigureAwait(false);
        var url = BuildUrl(call);
        var socketUrl = new UriBuilder(url) { Scheme = url.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        using var socket = new ClientWebSocket();
        Exception? failure = null;
        try
        {
            await socket.ConnectAsync(socketUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException)
        {
            failure = e;
        }

        if (failure is not null)
        {
            if (call.Method.Fallback is not { } fallback)
            {
                throw Failure(call.Method, null, "", 1, null, failure, "could not open the websocket: " + failure.Message);
            }

            LogWebSocketFallback(_logger, call.Method.Name, fallback.Name, failure.GetType().Name);
            await foreach (var message in PollFallbackAsync(new GreenApiCall(fallback) { Query = call.Query, Headers = call.Headers }, call.Method.FallbackInterval, read, cancellationToken).ConfigureAwait(false))
            {
                yield return message;
            }

            yield break;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            buffer.Clear();
            ValueWebSocketReceiveResult received;
            try
            {
                do
                {
                    received = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
            }
            catch (WebSocketException e)
            {
                throw Failure(call.Method, null, "", 1, null, e, "the websocket ended without the close handshake (" + e.Message + "); open the stream again");
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                yield break;
            }

            yield return GreenApiJson.Parse(buffer.WrittenSpan, read, call.Method.Name + " message");
        }
    }

    /// <summary>
    /// Downloads a file by its link (a <c>downloadUrl</c> from downloadFile or a notification) into
    /// <paramref name="destination"/>, streaming, and reports the bytes written so far to <paramref name="progress"/>.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public async Task<long> DownloadAsync(Uri url, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The download link must be an absolute http(s) URL; it is '{GreenApiRedaction.Redact(url.ToString(), _token)}'.", nameof(url));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                throw new GreenApiServerException("download", response.StatusCode, Shorten(text), $"download failed: HTTP {(int)response.StatusCode} {response.StatusCode}. The link may have expired; request a new one with downloadFile.");
            }

            await using var source = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                    total += read;
                    progress?.Report(total);
                }

                return total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GreenApiServerException("download", null, "", $"download failed: no answer within {_timeout.TotalSeconds:0.#} s (RequestTimeout).", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new GreenApiServerException("download", null, "", "download failed: " + GreenApiRedaction.Redact(e.Message, _token) + ". Check the network.", inner: e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rateLimits.Dispose();
        _telemetry.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => _idInstance is { } id ? $"GreenApiTransport {{ {_apiUrl}, instance {id} }}" : $"GreenApiTransport {{ {_apiUrl}, partner }}";

    private static GreenApiClientOptions Validated(GreenApiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private static GreenApiPartnerClientOptions Validated(GreenApiPartnerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    private async Task<byte[]> ExchangeAsync(GreenApiCall call, CancellationToken cancellationToken)
    {
        var method = call.Method;
        // The span's name is built only when something listens (a string per call otherwise).
        using var activity = GreenApiTelemetry.ActivitySource.HasListeners() ? GreenApiTelemetry.ActivitySource.StartActivity("GreenApi " + method.Name, ActivityKind.Client) : null;
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("greenapi.method", method.Name);
            activity.SetTag("greenapi.instance", _idInstance);
            activity.SetTag("http.request.method", method.Verb.Method);
            activity.SetTag("server.address", HostOf(method).Host);
            activity.SetTag("url.template", method.Host == GreenApiHost.Partner ? PartnerUrlTemplate : UrlTemplate);
        }

        try
        {
            await CheckQuotasAsync(call, cancellationToken).ConfigureAwait(false);
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            Exchange exchange;
            try
            {
                context.Properties.Set(Replayable, IsReplayable(call));
                var outcome = await PipelineOf(method).ExecuteOutcomeAsync(static (context, state) => state.This.AttemptAsync(state.Call, context), context, (This: this, Call: call)).ConfigureAwait(false);
                outcome.ThrowIfException();
                exchange = outcome.Result!;
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            activity?.SetTag("http.response.status_code", exchange.Status);
            if (exchange.IsSuccess)
            {
                return exchange.Body;
            }

            throw ToException(method, exchange);
        }
        catch (Exception e) when (activity is not null && e is not OperationCanceledException)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            activity.SetTag("error.type", e.GetType().FullName);
            throw;
        }
    }

    private ResiliencePipeline<Exchange> PipelineOf(GreenApiMethod method) => _pipelines.GetOrAdd(method, static (method, transport) =>
    {
        var retrying = method.Errors.Where(GreenApiErrorMatcher.IsRetrying).ToList();
        if (!transport._retries || retrying.Count == 0)
        {
            return ResiliencePipeline<Exchange>.Empty;
        }

        return new ResiliencePipelineBuilder<Exchange> { TimeProvider = transport._time }
            .AddRetry(new RetryStrategyOptions<Exchange>
            {
                MaxRetryAttempts = Math.Max(1, retrying.Max(p => p.MaxAttempts ?? 3) - 1),
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is { Policy: { } policy } exchange && GreenApiErrorMatcher.IsRetrying(policy)
                    && args.AttemptNumber + 1 < (policy.MaxAttempts ?? 3)
                    && args.Context.Properties.GetValue(Replayable, true)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayOf(args.Outcome.Result!, args.AttemptNumber)),
                OnRetry = args =>
                {
                    var exchange = args.Outcome.Result!;
                    transport._telemetry.Retries.Add(1, new("greenapi.method", method.Name), new("http.response.status_code", exchange.Status));
                    LogRetry(transport._logger, method.Name, exchange.StatusText, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 2, exchange.Policy!.MaxAttempts ?? 3, exchange.Policy.Description);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }, this);

    private static TimeSpan DelayOf(Exchange exchange, int attemptNumber)
    {
        var policy = exchange.Policy!;
        if (policy.HonourRetryAfter && exchange.RetryAfter is { } retryAfter)
        {
            return Clamp(retryAfter);
        }

        var delay = TimeSpan.FromMilliseconds(policy.DelayMilliseconds ?? 1000);
        return Clamp(policy.Backoff switch
        {
            "exponential" => delay * Math.Pow(2, attemptNumber),
            "linear" => delay * (attemptNumber + 1),
            _ => delay,
        });

        static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : value;
    }

    private async ValueTask<Outcome<Exchange>> AttemptAsync(GreenApiCall call, ResilienceContext context)
    {
        var method = call.Method;
        var cancellationToken = context.CancellationToken;
        var attempt = context.Properties.GetValue(Attempts, 0) + 1;
        context.Properties.Set(Attempts, attempt);
        await WaitForRateLimitAsync(method, cancellationToken).ConfigureAwait(false);
        RewindFiles(call);
        using var request = new HttpRequestMessage(method.Verb, BuildUrl(call)) { Content = BuildContent(call) };
        if (call.Headers.Count > 0)
        {
            foreach (var (name, value) in call.Headers)
            {
                if (value is not null && !request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        if (Activity.Current is { } current)
        {
            DistributedContextPropagator.Current.Inject(current, request, static (carrier, name, value) => ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var started = _time.GetTimestamp();
        Exchange exchange;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            exchange = Classify(method, (int)response.StatusCode, body, RetryAfterOf(response));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            exchange = Unanswered(method, e, $"no answer within {_timeout.TotalSeconds:0.#} s (RequestTimeout); raise RequestTimeout or check the network");
        }
        catch (HttpRequestException e)
        {
            exchange = Unanswered(method, e, "the connection failed before an answer arrived (" + e.Message + ")");
        }

        var elapsed = _time.GetElapsedTime(started);
        // The status text (a string per call) is made only for a listening meter or an enabled log level.
        if (_telemetry.Requests.Enabled)
        {
            _telemetry.Requests.Add(1, new("greenapi.method", method.Name), new("http.response.status_code", exchange.StatusText));
        }

        _telemetry.Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("greenapi.method", method.Name));
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            LogAnswer(_logger, method.Name, exchange.StatusText, (long)elapsed.TotalMilliseconds, context.Properties.GetValue(Replayable, true) ? "" : " (body not replayable)");
        }
        return Outcome.FromResult(exchange with { Attempt = attempt });
    }

    private Exchange Classify(GreenApiMethod method, int status, byte[] body, TimeSpan? retryAfter)
    {
        if (status is >= 200 and < 300)
        {
            var policy = HasSuccessPolicies(method) ? GreenApiErrorMatcher.MatchSuccess(method, Encoding.UTF8.GetString(body)) : null;
            return new Exchange(status, body, retryAfter, null, policy, null);
        }

        var text = Encoding.UTF8.GetString(body);
        return new Exchange(status, body, retryAfter, null, GreenApiErrorMatcher.Match(method, status, text), null);
    }

    private static bool HasSuccessPolicies(GreenApiMethod method)
    {
        foreach (var policy in method.Errors)
        {
            if (policy.Status == 200 && GreenApiErrorMatcher.IsRetrying(policy))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// No answer arrived. Only a method that cannot do harm when repeated (GET, DELETE) is tried again, under
    /// its 502 policy: a POST may have been carried out, and sending it again could send a message twice.
    /// </summary>
    private Exchange Unanswered(GreenApiMethod method, Exception failure, string problem)
    {
        var idempotent = method.Verb == HttpMethod.Get || method.Verb == HttpMethod.Delete || method.Verb == HttpMethod.Head;
        var policy = idempotent ? GreenApiErrorMatcher.RetryingPolicyOf(method, 502) : null;
        if (!idempotent)
        {
            problem += "; the call may have been carried out, so check before repeating it (lastOutgoingMessages shows sent messages)";
        }

        return new Exchange(null, [], null, failure, policy, problem);
    }

    private GreenApiException ToException(GreenApiMethod method, Exchange exchange)
    {
        var attempts = exchange.Attempt;
        var text = exchange.Status is null ? "" : Shorten(Encoding.UTF8.GetString(exchange.Body));
        GreenApiQuotaStatus? invoke = null, correspondents = null;
        if (exchange.Status == 466)
        {
            (invoke, correspondents) = ReadQuotaStatuses(exchange.Body);
        }

        var problem = exchange.Problem is null ? null : GreenApiRedaction.Redact(exchange.Problem, _token);
        var exception = GreenApiErrorMatcher.ToException(method, (HttpStatusCode?)exchange.Status, text, exchange.Policy, attempts, exchange.RetryAfter, invoke, correspondents, exchange.Failure, problem);
        LogFailure(_logger, method.Name, exchange.StatusText, exception.GetType().Name);
        return exception;
    }

    private string Shorten(string text)
    {
        text = GreenApiRedaction.Redact(text.Trim(), _token);
        return text.Length > ErrorTextLimit ? text[..ErrorTextLimit] + "…" : text;
    }

    private GreenApiException Failure(GreenApiMethod method, HttpStatusCode? status, string errorText, int attempts, GreenApiErrorPolicy? policy, Exception? inner, string problem) =>
        GreenApiErrorMatcher.ToException(method, status, Shorten(errorText), policy, attempts, null, null, null, inner, GreenApiRedaction.Redact(problem, _token));

    private async ValueTask WaitForRateLimitAsync(GreenApiMethod method, CancellationToken cancellationToken)
    {
        var waited = await _rateLimits.WaitAsync(method, cancellationToken).ConfigureAwait(false);
        if (waited > TimeSpan.Zero)
        {
            _telemetry.RateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("greenapi.method", method.Name));
            LogRateLimitWait(_logger, method.Name, (long)waited.TotalMilliseconds);
        }
    }

    private async IAsyncEnumerable<T> PollFallbackAsync<T>(GreenApiCall call, TimeSpan interval, GreenApiJsonReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        byte[]? last = null;
        while (true)
        {
            var body = await ExchangeAsync(call, cancellationToken).ConfigureAwait(false);
            if (last is null || !body.AsSpan().SequenceEqual(last))
            {
                last = body;
                yield return GreenApiJson.Parse(body, read, call.Method.Name + " response");
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pause a 429 asks for; a date is measured against the answer's own Date (the server's clock), else the transport's clock.</summary>
    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? _time.GetUtcNow()),
        _ => null,
    };

    private static GreenApiReceivedNotification<T>? SplitReceived<T>(byte[] answer, string methodName, string receiptProperty, string bodyProperty, GreenApiJsonReader<T> read)
    {
        var json = answer.AsSpan();
        var reader = new Utf8JsonReader(json, GreenApiJson.ReaderOptions);
        long? receipt = null;
        var body = ReadOnlySpan<byte>.Empty;
        try
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            GreenApiJson.ExpectStartObject(ref reader, methodName + " response");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isReceipt = reader.ValueTextEquals(receiptProperty);
                var isBody = reader.ValueTextEquals(bodyProperty);
                reader.Read();
                if (isReceipt)
                {
                    receipt = GreenApiJson.ReadInt64(ref reader);
                }
                else if (isBody)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    body = json[start..(int)reader.BytesConsumed];
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw new GreenApiDecodeException("the answer is not valid JSON: " + e.Message, reader.TokenStartIndex, e).Locate(json, methodName + " response");
        }

        if (receipt is not { } receiptId)
        {
            throw new GreenApiDecodeException($"the answer has no '{receiptProperty}', so the notification cannot be deleted; the queue will return it again", 0).Locate(json, methodName + " response");
        }

        var raw = Encoding.UTF8.GetString(body);
        try
        {
            return new GreenApiReceivedNotification<T>(receiptId, GreenApiJson.Parse(body, read, methodName + " " + bodyProperty), raw);
        }
        catch (GreenApiDecodeException e)
        {
            return new GreenApiReceivedNotification<T>(receiptId, default, raw, e);
        }
    }

    private static (GreenApiQuotaStatus? Invoke, GreenApiQuotaStatus? Correspondents) ReadQuotaStatuses(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Status(document.RootElement, "invokeStatus"), Status(document.RootElement, "correspondentsStatus"));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static GreenApiQuotaStatus? Status(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var status) || status.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new GreenApiQuotaStatus(Text(status, "method") ?? "", Number(status, "used"), Number(status, "total"), Text(status, "status") ?? "", Text(status, "description"));
        }

        static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        static long Number(JsonElement element, string name) =>
            !element.TryGetProperty(name, out var value) ? 0
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
            : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number) ? number
            : 0;
    }

    private Uri HostOf(GreenApiMethod method) => method.Host switch
    {
        GreenApiHost.Media => _mediaUrl ?? throw new InvalidOperationException($"{method.Name} is sent to the media host; a partner transport has none. Use a transport made from GreenApiClientOptions."),
        _ => _apiUrl,
    };

    private Uri BuildUrl(GreenApiCall call)
    {
        var method = call.Method;
        var url = new StringBuilder(HostOf(method).GetLeftPart(UriPartial.Path).TrimEnd('/'));
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
                    form.Add(new GreenApiFileContent(file), part.Name, file.FileName);
                }
                else
                {
                    form.Add(new StringContent(part.Text ?? ""), part.Name);
                }
            }

            return form;
        }

        return call.FileBody is { } body ? new GreenApiFileContent(body) : null;
    }

    private static IEnumerable<GreenApiFile> FilesOf(GreenApiCall call)
    {
        if (call.FileBody is { } body)
        {
            yield return body;
        }

        foreach (var part in call.Form ?? [])
        {
            if (part.File is { } file)
            {
                yield return file;
            }
        }
    }

    /// <summary>A call can be sent again only when every file in it can be read again from its start.</summary>
    private static bool IsReplayable(GreenApiCall call) => !HasFiles(call) || FilesOf(call).All(f => f.Content.CanSeek);

    /// <summary>Most calls carry JSON only: they skip the file walks (an iterator each) on every attempt.</summary>
    private static bool HasFiles(GreenApiCall call) => call.FileBody is not null || call.Form is not null;

    private static void RewindFiles(GreenApiCall call)
    {
        if (!HasFiles(call))
        {
            return;
        }

        foreach (var file in FilesOf(call))
        {
            file.Rewind();
        }
    }

    private async ValueTask CheckQuotasAsync(GreenApiCall call, CancellationToken cancellationToken)
    {
        if (_tariff != GreenApiTariff.Developer || _idInstance is not { } instance)
        {
            return;
        }

        var method = call.Method;
        var period = _time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (method.CorrespondentField is { } field && CorrespondentOf(call, field) is { Length: > 0 } chatId)
        {
            var use = await _quotaStore.TryAddCorrespondentAsync(instance, chatId, period, _correspondentsLimit, cancellationToken).ConfigureAwait(false);
            if (!use.Allowed)
            {
                _telemetry.QuotaRefused.Add(1, new("greenapi.method", method.Name), new("greenapi.limit", "correspondents"));
                var chats = string.Join(",", use.Correspondents);
                var status = new GreenApiQuotaStatus("correspondents", use.Correspondents.Count, _correspondentsLimit, "CORRESPONDENTS_QUOTE_EXCEEDED",
                    $"Monthly quota has been exceeded. You can only send or receive messages from these numbers: {chats}.");
                throw new GreenApiQuotaExceededException(method.Name, null, "", $"{method.Name} was not sent: the Developer tariff allows {_correspondentsLimit} chats a month and this month's are {chats}; {chatId} would be one more. Write to one of them, wait until the 1st, or change the tariff to Business in the console (then set Tariff = Business).", null, status, isLocal: true);
            }
        }

        if (method.Quota?.Developer is { } limit)
        {
            var use = await _quotaStore.TryConsumeAsync(instance, method.Name, period, limit, cancellationToken).ConfigureAwait(false);
            if (!use.Allowed)
            {
                _telemetry.QuotaRefused.Add(1, new("greenapi.method", method.Name), new("greenapi.limit", "method"));
                var status = new GreenApiQuotaStatus(method.Name.ToLowerInvariant(), use.Used, limit, "QUOTE_EXCEEDED", "Monthly quota has been exceeded.");
                throw new GreenApiQuotaExceededException(method.Name, null, "", $"{method.Name} was not sent: the Developer tariff allows {limit} calls a month and {use.Used} are used. Wait until the 1st, or change the tariff to Business in the console (then set Tariff = Business).", status, null, isLocal: true);
            }

            _telemetry.QuotaUsed.Add(1, new KeyValuePair<string, object?>("greenapi.method", method.Name));
        }
    }

    private static string? CorrespondentOf(GreenApiCall call, string field)
    {
        if (call.Form is { } form)
        {
            return form.FirstOrDefault(p => p.Name == field)?.Text;
        }

        if (call.JsonBody is not { } json)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json.Span, GreenApiJson.ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(field);
            reader.Read();
            if (match && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Debug, "{Method} answered {Status} in {ElapsedMs} ms{Note}")]
    private static partial void LogAnswer(ILogger logger, string method, string status, long elapsedMs, string note);

    [LoggerMessage(2, LogLevel.Warning, "{Method} answered {Status}; retrying in {DelayMs} ms (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogRetry(ILogger logger, string method, string status, long delayMs, int attempt, int maxAttempts, string reason);

    [LoggerMessage(3, LogLevel.Debug, "{Method} waited {WaitMs} ms for its rate limit")]
    private static partial void LogRateLimitWait(ILogger logger, string method, long waitMs);

    [LoggerMessage(4, LogLevel.Information, "{Method} failed with {Status}: {Exception}")]
    private static partial void LogFailure(ILogger logger, string method, string status, string exception);

    [LoggerMessage(5, LogLevel.Warning, "The {Method} websocket could not be opened ({Failure}); polling {Fallback} instead")]
    private static partial void LogWebSocketFallback(ILogger logger, string method, string fallback, string failure);

    /// <summary>One attempt's outcome: an answer (any status) or a failure before one arrived, with the policy it matched.</summary>
    private sealed record Exchange(int? Status, byte[] Body, TimeSpan? RetryAfter, Exception? Failure, GreenApiErrorPolicy? Policy, string? Problem)
    {
        public bool IsSuccess => Status is >= 200 and < 300;

        public string StatusText => Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer";

        public int Attempt { get; init; } = 1;
    }
}
