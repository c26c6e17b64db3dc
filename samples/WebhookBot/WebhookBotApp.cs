using GreenApi.Receiving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GreenApi.Samples.WebhookBot;

/// <summary>
/// The echo bot as an ASP.NET Core application: <c>POST /webhook</c> receives the instance's notifications
/// (<c>MapGreenApiWebhook</c> checks the <c>Authorization</c> header and answers the status codes the service's
/// retries expect) and every incoming text is answered in its chat with <c>Echo: &lt;text&gt;</c>, quoting it.
/// Program.cs runs it; tests build it in-process with <see cref="Build"/>.
/// </summary>
public static class WebhookBotApp
{
    /// <summary>The reply's prefix.</summary>
    public const string EchoPrefix = "Echo: ";

    /// <summary>
    /// Builds the bot (not started): the generated <see cref="GreenApiClient"/> registered with
    /// <c>AddGreenApi</c>, the webhook endpoint, and <c>GET /</c> answering what the bot is.
    /// Start it with <c>StartAsync</c>, then read its address with <see cref="WebhookUrl"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static WebApplication Build(WebhookBotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Client);
        options.Client.Validate();
        if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"ListenUrl '{options.ListenUrl}' is not an absolute URL such as {WebhookBotOptions.DefaultListenUrl}.", nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WebhookBotApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(options.ListenUrl);
        builder.Logging.ClearProviders();
        if (options.ConsoleLogLevel is { } level)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(level);
            // A failed start (the port is taken) is thrown from StartAsync and reported by Program.cs in one line.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        var client = options.Client;
        builder.Services.AddGreenApi(o =>
        {
            o.ApiUrl = client.ApiUrl;
            o.MediaUrl = client.MediaUrl;
            o.IdInstance = client.IdInstance;
            o.ApiTokenInstance = client.ApiTokenInstance;
            o.Tariff = client.Tariff;
            o.CorrespondentsLimit = client.CorrespondentsLimit;
            o.RequestTimeout = client.RequestTimeout;
            o.EnableRateLimiting = client.EnableRateLimiting;
            o.EnableRetries = client.EnableRetries;
            foreach (var (method, perSecond) in client.RateLimits)
            {
                o.RateLimits[method] = perSecond;
            }
        });

        var app = builder.Build();
        var output = TextWriter.Synchronized(options.Output);
        var greenApi = app.Services.GetRequiredService<GreenApiClient>();

        app.MapGet("/", () => $"Green API echo bot for instance {client.IdInstance}: POST notifications to {options.WebhookPath}.");
        app.MapGreenApiWebhook<Notification>(
            options.WebhookPath,
            (notification, cancellationToken) => EchoAsync(greenApi, notification, output, cancellationToken),
            o =>
            {
                o.AuthorizationToken = options.WebhookToken;
                // The service delivers at least once: a notification delivered again after a lost answer is
                // answered 200 without a second echo. A failed handler is forgotten, so its retry is handled.
                o.Deduplicator = new GreenApiNotificationDeduplicator();
            });
        return app;
    }

    /// <summary>The address the started <paramref name="app"/> listens on (the real port when it was 0).</summary>
    public static Uri ListenAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The bot has no address yet: call StartAsync first.");
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>The webhook URL of the started <paramref name="app"/>, to set as the instance's <c>webhookUrl</c>.</summary>
    public static Uri WebhookUrl(WebApplication app, string webhookPath = WebhookBotOptions.DefaultWebhookPath) =>
        new(ListenAddress(app), webhookPath.TrimStart('/'));

    /// <summary>
    /// Points the instance's webhook at the bot with <c>setSettings</c>: <c>webhookUrl</c>, <c>webhookUrlToken</c>
    /// and incoming-message notifications on; <paramref name="delaySendMessagesMilliseconds"/> sets the sending
    /// interval too (500 at least) when given.
    /// </summary>
    public static async Task PointWebhookAsync(GreenApiClientOptions instance, Uri webhookUrl, string? webhookToken, long? delaySendMessagesMilliseconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(webhookUrl);
        using var client = new GreenApiClient(instance);
        var saved = await client.Account.SetSettingsAsync(new SetSettingsRequest
        {
            WebhookUrl = webhookUrl.ToString(),
            WebhookUrlToken = webhookToken ?? "",
            IncomingWebhook = true,
            DelaySendMessagesMilliseconds = delaySendMessagesMilliseconds,
        }, cancellationToken).ConfigureAwait(false);
        if (!saved.SaveSettings)
        {
            throw new InvalidOperationException($"setSettings did not save the webhook settings of instance {instance.IdInstance}.");
        }
    }

    /// <summary>The text of a text message (plain, with a link preview, or a reply); <see langword="null"/> for anything else.</summary>
    public static string? TextOf(MessageData data) => data switch
    {
        TextMessage t => t.TextMessageData.TextMessage,
        ExtendedTextMessage e => e.ExtendedTextMessageData.Text,
        QuotedMessageMessageData q => q.ExtendedTextMessageData.Text,
        _ => null,
    };

    /// <summary>
    /// Answers an incoming text with <c>Echo: &lt;text&gt;</c> in the same chat, quoting it. Other notifications
    /// are acknowledged and ignored. A failed send throws, so the endpoint answers 500 and the service delivers
    /// the notification again later.
    /// </summary>
    private static async Task EchoAsync(GreenApiClient client, Notification notification, TextWriter output, CancellationToken cancellationToken)
    {
        if (notification is not IncomingMessageReceived incoming)
        {
            return;
        }

        var chatId = incoming.SenderData.ChatId;
        if (TextOf(incoming.MessageData) is not { Length: > 0 } text)
        {
            await output.WriteLineAsync($"← {chatId}: a {incoming.MessageData.TypeMessage}, not a text; no echo").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"← {chatId} ({incoming.SenderData.SenderName}): \"{text}\"").ConfigureAwait(false);
        var sent = await client.Sending.SendMessageAsync(new SendMessageRequest
        {
            ChatId = chatId,
            Message = EchoPrefix + text,
            QuotedMessageId = incoming.IdMessage,
        }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"→ {chatId}: \"{EchoPrefix}{text}\" queued as {sent.IdMessage}, quoting {incoming.IdMessage}").ConfigureAwait(false);
    }
}
