using System.Globalization;
using Microsoft.Extensions.Logging;

namespace GreenApi.Samples.WebhookBot;

/// <summary>How the echo bot runs: the instance it answers through, the webhook token it expects, where it listens.</summary>
public sealed class WebhookBotOptions
{
    /// <summary>The listen URL when none is configured.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:5080";

    /// <summary>The route the service posts notifications to.</summary>
    public const string DefaultWebhookPath = "/webhook";

    /// <summary>The instance the replies are sent through (<c>apiUrl</c>, <c>mediaUrl</c>, <c>idInstance</c>, <c>apiTokenInstance</c>).</summary>
    public required GreenApiClientOptions Client { get; set; }

    /// <summary>
    /// The instance's <c>webhookUrlToken</c>: requests without the matching <c>Authorization</c> header are answered 401.
    /// <see langword="null"/> or empty: no check.
    /// </summary>
    public string? WebhookToken { get; set; }

    /// <summary>The Kestrel address, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public string ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>The webhook route.</summary>
    public string WebhookPath { get; set; } = DefaultWebhookPath;

    /// <summary>Where the bot writes one line per message it handles (never a token).</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>The console log level (warnings by default: refused requests, failed handlers); <see langword="null"/> for no console log.</summary>
    public LogLevel? ConsoleLogLevel { get; set; } = LogLevel.Warning;
}

/// <summary>
/// The bot's configuration from environment variables: <c>GREEN_API_URL</c>, <c>GREEN_API_MEDIA_URL</c>,
/// <c>GREEN_API_ID_INSTANCE</c> and <c>GREEN_API_TOKEN</c> for a real instance (none of them: the embedded
/// sandbox), <c>GREEN_API_WEBHOOK_TOKEN</c> for the instance's <c>webhookUrlToken</c>, and
/// <c>WEBHOOK_BOT_URL</c> for the listen address.
/// </summary>
/// <param name="Client">The real instance, or <see langword="null"/> to run on the embedded sandbox.</param>
/// <param name="WebhookToken">The expected <c>webhookUrlToken</c>, if set.</param>
/// <param name="ListenUrl">The listen address.</param>
public sealed record WebhookBotEnvironment(GreenApiClientOptions? Client, string? WebhookToken, string ListenUrl)
{
    /// <summary>The variables that name a real instance; all or none of them must be set.</summary>
    public static IReadOnlyList<string> InstanceVariables { get; } = ["GREEN_API_URL", "GREEN_API_MEDIA_URL", "GREEN_API_ID_INSTANCE", "GREEN_API_TOKEN"];

    /// <summary>Reads the configuration through <paramref name="get"/> (by default the process environment); <paramref name="problem"/> says what is wrong, without values.</summary>
    public static WebhookBotEnvironment? Read(out string? problem, Func<string, string?>? get = null)
    {
        get ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => get(name) is { Length: > 0 } v ? v.Trim() : null;
        problem = null;

        var listen = Get("WEBHOOK_BOT_URL") ?? WebhookBotOptions.DefaultListenUrl;
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var listenUri) || listenUri.Scheme is not ("http" or "https"))
        {
            problem = $"WEBHOOK_BOT_URL must be an absolute http(s) URL such as {WebhookBotOptions.DefaultListenUrl}.";
            return null;
        }

        var webhookToken = Get("GREEN_API_WEBHOOK_TOKEN");
        var set = InstanceVariables.Where(n => Get(n) is not null).ToList();
        if (set.Count == 0)
        {
            return new WebhookBotEnvironment(null, webhookToken, listen);
        }

        if (set.Count < InstanceVariables.Count
            || !long.TryParse(Get("GREEN_API_ID_INSTANCE"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !Uri.TryCreate(Get("GREEN_API_URL"), UriKind.Absolute, out var api)
            || !Uri.TryCreate(Get("GREEN_API_MEDIA_URL"), UriKind.Absolute, out var media))
        {
            // Names only: a value could be the token.
            problem = $"To use a real instance set all of {string.Join(", ", InstanceVariables)} (URLs absolute, the id a number); missing or invalid: "
                + string.Join(", ", InstanceVariables.Except(set).DefaultIfEmpty("a value is malformed")) + ". Unset them all to run on the embedded sandbox.";
            return null;
        }

        return new WebhookBotEnvironment(
            new GreenApiClientOptions { ApiUrl = api, MediaUrl = media, IdInstance = id, ApiTokenInstance = Get("GREEN_API_TOKEN")! },
            webhookToken,
            listen);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"WebhookBotEnvironment {{ Client = {Client?.ToString() ?? "(sandbox)"}, WebhookToken = {(string.IsNullOrEmpty(WebhookToken) ? "(none)" : "***")}, ListenUrl = {ListenUrl} }}";
}
