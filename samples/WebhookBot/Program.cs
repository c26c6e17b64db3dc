// WebhookBot — an echo bot on a webhook: every incoming text is answered in its chat with "Echo: <text>",
// quoting it, through the typed client generated from spec/.
//
// With no GREEN_API_* variables it starts the embedded Green API sandbox, creates an authorized instance
// and points its webhookUrl (and webhookUrlToken) at the bot with setSettings, so it runs offline: post a
// message to the sandbox's simulation API and watch the echo. With GREEN_API_URL, GREEN_API_MEDIA_URL,
// GREEN_API_ID_INSTANCE and GREEN_API_TOKEN set it answers through your instance; set the instance's
// webhookUrl to a public address that reaches this bot, and GREEN_API_WEBHOOK_TOKEN to its webhookUrlToken.
// WEBHOOK_BOT_URL sets the listen address (default http://127.0.0.1:5080). Ctrl+C stops it.
using System.Security.Cryptography;
using GreenApi;
using GreenApi.Samples.WebhookBot;
using GreenApi.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

var environment = WebhookBotEnvironment.Read(out var problem);
if (environment is null)
{
    Console.Error.WriteLine(problem);
    return 2;
}

await using var sandbox = environment.Client is null ? await GreenApiSandbox.StartAsync() : null;
var simulated = sandbox?.CreateInstance(name: "WebhookBot", authorized: true);
var client = environment.Client ?? sandbox!.ClientOptions(simulated!);
// On the sandbox the token is made up here when none is given; it is never printed.
var webhookToken = environment.WebhookToken ?? (sandbox is null ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

await using var app = WebhookBotApp.Build(new WebhookBotOptions
{
    Client = client,
    WebhookToken = webhookToken,
    ListenUrl = environment.ListenUrl,
});

try
{
    await app.StartAsync();
}
catch (IOException e)
{
    Console.Error.WriteLine($"The bot cannot listen on {environment.ListenUrl}: {e.Message} Set WEBHOOK_BOT_URL to another address (port 0 picks a free one).");
    return 1;
}

var webhookUrl = WebhookBotApp.WebhookUrl(app);
Console.WriteLine($"Green API echo bot listening on {WebhookBotApp.ListenAddress(app)} — webhook: POST {webhookUrl}");
if (sandbox is not null && simulated is not null)
{
    try
    {
        await WebhookBotApp.PointWebhookAsync(client, webhookUrl, webhookToken, delaySendMessagesMilliseconds: 500);
    }
    catch (GreenApiException e)
    {
        Console.Error.WriteLine($"The sandbox refused setSettings: {e.Message}");
        return 1;
    }

    var incoming = new Uri(sandbox.Url, $"sandbox/instances/{simulated.IdInstance}/incoming");
    var messages = new Uri(sandbox.Url, $"sandbox/instances/{simulated.IdInstance}/messages?chatId=79001234567@c.us");
    Console.WriteLine($"Embedded sandbox at {sandbox.Url}: instance {simulated.IdInstance} is authorized and its webhookUrl points at the bot (with a webhookUrlToken).");
    Console.WriteLine("Send the bot a message as a contact would:");
    Console.WriteLine($"  curl -X POST {incoming} -H 'Content-Type: application/json' -d '{{\"chatId\":\"79001234567@c.us\",\"text\":\"hello\"}}'");
    Console.WriteLine($"then see the chat (the echo follows within a second): curl '{messages}'");
}
else
{
    Console.WriteLine($"Instance {client.IdInstance} at {client.ApiUrl}: set its webhookUrl to a public URL that reaches {webhookUrl}"
        + (string.IsNullOrEmpty(webhookToken)
            ? " — GREEN_API_WEBHOOK_TOKEN is not set, so any request is accepted; set it to the instance's webhookUrlToken."
            : " and its webhookUrlToken to the value of GREEN_API_WEBHOOK_TOKEN."));
}

Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
return 0;
