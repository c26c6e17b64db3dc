namespace GreenApi;

/// <summary>How to reach one instance: its hosts, id and token (all shown in the console).</summary>
public sealed class GreenApiClientOptions
{
    /// <summary>The instance's API host, e.g. <c>https://1101.api.green-api.com</c>.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.green-api.com");

    /// <summary>The instance's media host for uploads, e.g. <c>https://1101.media.green-api.com</c>.</summary>
    public Uri MediaUrl { get; set; } = new("https://media.green-api.com");

    /// <summary>The instance id (<c>idInstance</c>).</summary>
    public long IdInstance { get; set; }

    /// <summary>The instance's API token (<c>apiTokenInstance</c>). Never printed.</summary>
    public string ApiTokenInstance { get; set; } = "";

    /// <summary>
    /// How long one HTTP request may take. The default, 100 seconds, outlasts the longest long poll of
    /// receiveNotification (60 seconds).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The instance's tariff. On <see cref="GreenApiTariff.Developer"/> the monthly method quotas and the
    /// correspondents limit are counted locally and a call over them fails before it is sent. The default,
    /// <see cref="GreenApiTariff.Business"/>, checks nothing locally.
    /// </summary>
    public GreenApiTariff Tariff { get; set; } = GreenApiTariff.Business;

    /// <summary>How many chats a month the Developer tariff allows (3, docs 1.3.11).</summary>
    public int CorrespondentsLimit { get; set; } = 3;

    /// <summary>
    /// Whether calls wait for their turn under the documented per-method rate limits (docs 1.3.12), so that
    /// the service never answers 429. On by default.
    /// </summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>
    /// Requests per second by method name (case-insensitive), replacing the documented limit of those
    /// methods, e.g. <c>RateLimits["sendMessage"] = 20</c>.
    /// </summary>
    public IDictionary<string, double> RateLimits { get; set; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether failed calls are retried as the spec's error policies say (429, 502, 499, …). On by default.</summary>
    public bool EnableRetries { get; set; } = true;

    /// <summary>Fails with a message that says what to set when the options cannot work.</summary>
    public void Validate()
    {
        GreenApiOptionChecks.RequireAbsolute(ApiUrl, nameof(ApiUrl));
        GreenApiOptionChecks.RequireAbsolute(MediaUrl, nameof(MediaUrl));
        if (CorrespondentsLimit < 1)
        {
            throw new ArgumentException($"{nameof(CorrespondentsLimit)} must be at least 1; it is {CorrespondentsLimit}.", nameof(CorrespondentsLimit));
        }

        foreach (var (method, rate) in RateLimits ?? new Dictionary<string, double>())
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentException($"{nameof(RateLimits)}[\"{method}\"] must be a positive number of requests per second; it is {rate}. Set {nameof(EnableRateLimiting)} = false to lift all limits.", nameof(RateLimits));
            }
        }

        if (IdInstance <= 0)
        {
            throw new ArgumentException($"{nameof(IdInstance)} must be the instance id shown in the console (a positive number); it is {IdInstance}.", nameof(IdInstance));
        }

        if (string.IsNullOrWhiteSpace(ApiTokenInstance))
        {
            throw new ArgumentException($"{nameof(ApiTokenInstance)} is empty; copy the instance's apiTokenInstance from the console.", nameof(ApiTokenInstance));
        }

        GreenApiOptionChecks.RequirePositive(RequestTimeout, nameof(RequestTimeout));
    }

    /// <inheritdoc />
    public override string ToString() => $"GreenApiClientOptions {{ ApiUrl = {ApiUrl}, MediaUrl = {MediaUrl}, IdInstance = {IdInstance}, ApiTokenInstance = {GreenApiRedaction.Mask}, Tariff = {Tariff} }}";
}

/// <summary>How to reach the partner API.</summary>
public sealed class GreenApiPartnerClientOptions
{
    /// <summary>The partner API host.</summary>
    public Uri ApiUrl { get; set; } = new("https://api.green-api.com");

    /// <summary>The partner token. Never printed.</summary>
    public string PartnerToken { get; set; } = "";

    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Whether failed calls are retried as the spec's error policies say (429, 502, 499, …). On by default.</summary>
    public bool EnableRetries { get; set; } = true;

    /// <summary>Fails with a message that says what to set when the options cannot work.</summary>
    public void Validate()
    {
        GreenApiOptionChecks.RequireAbsolute(ApiUrl, nameof(ApiUrl));
        if (string.IsNullOrWhiteSpace(PartnerToken))
        {
            throw new ArgumentException($"{nameof(PartnerToken)} is empty; use the partner token Green API support issued to you.", nameof(PartnerToken));
        }

        GreenApiOptionChecks.RequirePositive(RequestTimeout, nameof(RequestTimeout));
    }

    /// <inheritdoc />
    public override string ToString() => $"GreenApiPartnerClientOptions {{ ApiUrl = {ApiUrl}, PartnerToken = {GreenApiRedaction.Mask} }}";
}

internal static class GreenApiOptionChecks
{
    public static void RequireAbsolute(Uri? url, string name)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) URL such as https://api.green-api.com; it is '{url}'.", name);
        }
    }

    public static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"{name} must be positive; it is {value}.", name);
        }
    }
}
