namespace GreenApi;

/// <summary>Which configured host a method is sent to.</summary>
public enum GreenApiHost
{
    /// <summary><see cref="GreenApiClientOptions.ApiUrl"/>: <c>{apiUrl}/waInstance{id}/{method}/{token}</c>.</summary>
    Api,

    /// <summary><see cref="GreenApiClientOptions.MediaUrl"/>: file uploads.</summary>
    Media,

    /// <summary>The partner API: <c>{apiUrl}/partner/{method}/{partnerToken}</c>.</summary>
    Partner,
}

/// <summary>How a method talks to the service.</summary>
public enum GreenApiTransportKind
{
    /// <summary>One HTTP request, one answer.</summary>
    Http,

    /// <summary>A websocket that streams messages until it is closed.</summary>
    WebSocket,
}

/// <summary>What a client should do when an error comes back (the spec's <c>policy.action</c>).</summary>
public enum GreenApiErrorAction
{
    /// <summary>Wait and try again (<c>retry-after-delay</c>).</summary>
    RetryAfterDelay,

    /// <summary>Try again a bounded number of times (<c>retry-limited</c>).</summary>
    RetryLimited,

    /// <summary>The request itself is wrong; repeating it cannot help (<c>never-retry</c>).</summary>
    NeverRetry,

    /// <summary>Someone has to act on the instance or account (<c>ask-operator</c>).</summary>
    AskOperator,

    /// <summary>The contact has to send the message again (<c>ask-sender-to-resend</c>).</summary>
    AskSenderToResend,
}

/// <summary>The monthly quota of a method on one tariff; <see langword="null"/> limits mean unlimited.</summary>
/// <param name="Developer">Calls a month on the Developer tariff, or <see langword="null"/> when unlimited.</param>
/// <param name="Business">Calls a month on the Business tariff, or <see langword="null"/> when unlimited.</param>
public sealed record GreenApiQuota(int? Developer, int? Business);

/// <summary>One documented error of a method and what to do about it.</summary>
/// <param name="Status">The HTTP status (200 when the error arrives in a successful body).</param>
/// <param name="Text">The error text as the docs print it.</param>
/// <param name="Pattern">A case-insensitive regular expression matching the body, when the text varies.</param>
/// <param name="Description">What the error means.</param>
/// <param name="Action">What to do.</param>
/// <param name="MaxAttempts">How many attempts in all, when the action retries.</param>
/// <param name="DelayMilliseconds">The pause before the next attempt, when the action retries.</param>
/// <param name="Backoff">How the pause grows (<c>constant</c>, <c>linear</c>, <c>exponential</c>), when given.</param>
/// <param name="HonourRetryAfter">Whether a <c>Retry-After</c> header takes precedence over the delay.</param>
/// <param name="Escalation">What to do once the retries are used up, when the spec says.</param>
public sealed record GreenApiErrorPolicy(
    int Status,
    string Text,
    string? Pattern,
    string Description,
    GreenApiErrorAction Action,
    int? MaxAttempts = null,
    int? DelayMilliseconds = null,
    string? Backoff = null,
    bool HonourRetryAfter = false,
    GreenApiErrorAction? Escalation = null);

/// <summary>
/// Everything the runtime needs to know about one method, as the spec declares it. Generated code hands
/// these to <see cref="GreenApiTransport"/>; the runtime never names a method itself.
/// </summary>
public sealed class GreenApiMethod
{
    /// <summary>Creates a descriptor.</summary>
    public GreenApiMethod(string name, string section, HttpMethod verb, GreenApiHost host)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(section);
        Name = name;
        Section = section;
        Verb = verb ?? throw new ArgumentNullException(nameof(verb));
        Host = host;
    }

    /// <summary>The method name as it appears in the URL (the spec's operationId).</summary>
    public string Name { get; }

    /// <summary>The docs section (the spec's tag): Account, Sending, …, Partner.</summary>
    public string Section { get; }

    /// <summary>The HTTP verb.</summary>
    public HttpMethod Verb { get; }

    /// <summary>The host the method is sent to.</summary>
    public GreenApiHost Host { get; }

    /// <summary>HTTP or websocket.</summary>
    public GreenApiTransportKind Transport { get; init; } = GreenApiTransportKind.Http;

    /// <summary>Documented requests per second per instance, or <see langword="null"/> when the docs give none.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Monthly quotas per tariff, or <see langword="null"/> when the docs give none.</summary>
    public GreenApiQuota? Quota { get; init; }

    /// <summary>Whether a successful answer may be the JSON literal <c>null</c>.</summary>
    public bool ResponseMayBeNull { get; init; }

    /// <summary>
    /// The errors the method can answer with, in the order they are matched: the method's own
    /// documented errors first, then the standard errors of every method (docs 1.3.11).
    /// </summary>
    public IReadOnlyList<GreenApiErrorPolicy> Errors { get; init; } = [];

    /// <summary>
    /// The request field naming the chat the call writes to (<c>chatId</c>), or <see langword="null"/>.
    /// On the Developer tariff such calls count against the monthly correspondents limit.
    /// </summary>
    public string? CorrespondentField { get; init; }

    /// <summary>For a websocket method: the HTTP method polled instead when the websocket cannot be opened.</summary>
    public GreenApiMethod? Fallback { get; init; }

    /// <summary>How often <see cref="Fallback"/> is polled.</summary>
    public TimeSpan FallbackInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public override string ToString() => $"{Verb} {Name}";
}
