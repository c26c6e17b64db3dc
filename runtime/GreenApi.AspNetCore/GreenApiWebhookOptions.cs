using GreenApi.Receiving;

namespace GreenApi.AspNetCore;

/// <summary>
/// How a webhook endpoint mapped with
/// <see cref="Microsoft.AspNetCore.Builder.GreenApiWebhookEndpointRouteBuilderExtensions.MapGreenApiWebhook{TNotification}(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, Func{TNotification, CancellationToken, Task}, Action{GreenApiWebhookOptions}?)"/>
/// checks and reads the requests the service sends. Validated when the endpoint is mapped.
/// </summary>
public sealed class GreenApiWebhookOptions
{
    /// <summary>The category of the endpoint's log messages (resolved from <c>ILoggerFactory</c>).</summary>
    public const string LogCategory = "GreenApi.Webhook";

    /// <summary>The default of <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>The default of <see cref="LogBodyLimit"/>: 500 characters.</summary>
    public const int DefaultLogBodyLimit = 500;

    /// <summary>
    /// The instance's <c>webhookUrlToken</c> setting, exactly as set there. The service then sends the header
    /// <c>Authorization: Basic &lt;token&gt;</c> or <c>Bearer &lt;token&gt;</c> when the setting starts with one of
    /// these, otherwise <c>Authorization: Bearer &lt;setting&gt;</c>; requests without that header are answered 401.
    /// <see langword="null"/> or empty: no check (anyone who knows the URL can post notifications).
    /// </summary>
    public string? AuthorizationToken { get; set; }

    /// <summary>The largest body accepted, in bytes; a larger one is answered 413. <see cref="DefaultMaxBodyBytes"/> by default; must be greater than 0.</summary>
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// Remembers handled notifications so that one delivered twice is handled once (answered 200 without calling
    /// the handler). When the handler fails the notification is forgotten again, so the service's retry is handled.
    /// <see langword="null"/> (the default): every request is handed to the handler.
    /// </summary>
    public GreenApiNotificationDeduplicator? Deduplicator { get; set; }

    /// <summary>How many characters of a body that cannot be decoded are logged; 0 logs none. <see cref="DefaultLogBodyLimit"/> by default.</summary>
    public int LogBodyLimit { get; set; } = DefaultLogBodyLimit;
}
