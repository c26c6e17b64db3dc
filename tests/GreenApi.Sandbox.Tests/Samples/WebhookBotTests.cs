extern alias WebhookBotSample;

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Bot = WebhookBotSample::GreenApi.Samples.WebhookBot;

namespace GreenApi.Sandbox.Tests.Samples;

/// <summary>samples/WebhookBot started in-process on 127.0.0.1, with a sandbox instance's webhook pointed at it.</summary>
public sealed class WebhookBotTests
{
    private const string Chat = "79005550101@c.us";
    private const string BotToken = "bot-webhook-token-1";

    [Fact]
    public async Task An_incoming_text_is_echoed_in_its_chat_quoting_it_and_a_reply_to_the_echo_is_echoed_too()
    {
        await using var rig = await BotRig.StartAsync(BotToken, BotToken);

        var hello = rig.Instance.ReceiveText(Chat, "hello bot", "Alice");
        var echo = await EventuallyAsync(() => rig.Echoes(Chat).FirstOrDefault(), "the echo of 'hello bot'");

        echo.Outgoing.ShouldBeTrue();
        echo.SendByApi.ShouldBeTrue();
        echo.TypeMessage.ShouldBe("quotedMessage");
        TextOf(echo).ShouldBe("Echo: hello bot");
        echo.MessageData["extendedTextMessageData"]!["stanzaId"]!.GetValue<string>().ShouldBe(hello.IdMessage);
        echo.MessageData["quotedMessage"]!["stanzaId"]!.GetValue<string>().ShouldBe(hello.IdMessage);
        echo.MessageData["quotedMessage"]!["textMessage"]!.GetValue<string>().ShouldBe("hello bot");
        // The echo can be sent before the webhook's 200 reaches the sandbox: wait for the delivery to complete.
        (await rig.CompletedAttemptsAsync(hello.IdMessage)).ShouldBe([200]);

        // The contact answers the echo (a quotedMessage): its text is echoed as well, quoting the answer.
        var answer = rig.Instance.ReceiveText(Chat, "thanks", "Alice", quotedMessageId: echo.IdMessage);
        var second = await EventuallyAsync(() => rig.Echoes(Chat).Skip(1).FirstOrDefault(), "the echo of 'thanks'");
        TextOf(second).ShouldBe("Echo: thanks");
        second.MessageData["extendedTextMessageData"]!["stanzaId"]!.GetValue<string>().ShouldBe(answer.IdMessage);

        // Nothing else was sent, and the bot said what it did.
        await Task.Delay(300);
        rig.Echoes(Chat).Count.ShouldBe(2);
        var output = rig.Output.ToString();
        output.ShouldContain("\"Echo: hello bot\" queued as " + echo.IdMessage);
        output.ShouldContain("\"Echo: thanks\" queued as " + second.IdMessage);
        output.ShouldNotContain(rig.Instance.ApiTokenInstance);
        output.ShouldNotContain(BotToken);
    }

    [Fact]
    public async Task A_wrong_webhook_token_is_refused_with_401_and_the_sandbox_delivers_again_once_the_token_is_right()
    {
        await using var rig = await BotRig.StartAsync(botToken: BotToken, instanceToken: "not-the-bot-token", retryDelay: TimeSpan.FromMilliseconds(150));

        var hello = rig.Instance.ReceiveText(Chat, "anyone there?");
        await EventuallyAsync(() => rig.AttemptsFor(hello.IdMessage).Count >= 2 ? "two refusals" : null, "two refused deliveries");
        rig.AttemptsFor(hello.IdMessage).ShouldAllBe(status => status == 401);
        rig.Echoes(Chat).ShouldBeEmpty();
        rig.Output.ToString().ShouldNotContain("anyone there?");
        rig.Instance.PendingWebhooks.ShouldBeGreaterThan(0);

        // The operator fixes webhookUrlToken; the sandbox's next retry gets through and the text is echoed.
        await Bot.WebhookBotApp.PointWebhookAsync(rig.Sandbox.ClientOptions(rig.Instance), rig.WebhookUrl, BotToken);
        var echo = await EventuallyAsync(() => rig.Echoes(Chat).FirstOrDefault(), "the echo after the token was fixed");
        TextOf(echo).ShouldBe("Echo: anyone there?");
        var attempts = await rig.CompletedAttemptsAsync(hello.IdMessage);
        attempts[^1].ShouldBe(200);
        attempts.Take(attempts.Count - 1).ShouldAllBe(status => status == 401);
    }

    [Fact]
    public async Task A_handler_that_fails_answers_500_and_the_sandboxs_retry_is_echoed_once()
    {
        await using var rig = await BotRig.StartAsync(BotToken, BotToken, retryDelay: TimeSpan.FromMilliseconds(200));
        // The first sendMessage fails on the service's side: the handler throws, the endpoint answers 500.
        rig.Instance.Faults.Add(new SandboxFault { Method = "sendMessage", Status = 500, Times = 1 });

        var hello = rig.Instance.ReceiveText(Chat, "try again");
        var echo = await EventuallyAsync(() => rig.Echoes(Chat).FirstOrDefault(), "the echo after the retry");

        TextOf(echo).ShouldBe("Echo: try again");
        (await rig.CompletedAttemptsAsync(hello.IdMessage)).ShouldBe([500, 200]);
        await Task.Delay(300);
        rig.Echoes(Chat).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_endpoint_refuses_requests_without_the_token_and_answers_what_it_is_on_GET()
    {
        await using var rig = await BotRig.StartAsync(BotToken, BotToken);
        using var http = new HttpClient();

        using var anonymous = await http.PostAsync(rig.WebhookUrl, new StringContent("{\"typeWebhook\":\"incomingMessageReceived\"}"));
        ((int)anonymous.StatusCode).ShouldBe(401);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, rig.WebhookUrl) { Content = new StringContent("{}") };
        wrong.Headers.TryAddWithoutValidation("Authorization", "Bearer nope");
        ((int)(await http.SendAsync(wrong)).StatusCode).ShouldBe(401);

        var about = await http.GetStringAsync(new Uri(rig.WebhookUrl, "/"));
        about.ShouldContain(rig.Instance.IdInstance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        about.ShouldNotContain(rig.Instance.ApiTokenInstance);
    }

    [Fact]
    public void The_environment_needs_all_four_instance_variables_and_never_repeats_a_value()
    {
        var none = Bot.WebhookBotEnvironment.Read(out var problem, _ => null);
        problem.ShouldBeNull();
        none.ShouldNotBeNull();
        none.Client.ShouldBeNull();
        none.ListenUrl.ShouldBe("http://127.0.0.1:5080");

        var values = new Dictionary<string, string> { ["GREEN_API_URL"] = "https://api.green-api.com", ["GREEN_API_TOKEN"] = "secret-token-value" };
        Bot.WebhookBotEnvironment.Read(out problem, n => values.GetValueOrDefault(n)).ShouldBeNull();
        problem.ShouldNotBeNull();
        problem.ShouldContain("GREEN_API_MEDIA_URL");
        problem.ShouldContain("GREEN_API_ID_INSTANCE");
        problem.ShouldNotContain("secret-token-value");

        values["GREEN_API_MEDIA_URL"] = "https://media.green-api.com";
        values["GREEN_API_ID_INSTANCE"] = "1101000001";
        values["GREEN_API_WEBHOOK_TOKEN"] = "secret-webhook-token";
        values["WEBHOOK_BOT_URL"] = "http://127.0.0.1:6000";
        var real = Bot.WebhookBotEnvironment.Read(out problem, n => values.GetValueOrDefault(n));
        problem.ShouldBeNull();
        real!.Client!.IdInstance.ShouldBe(1101000001);
        real.ListenUrl.ShouldBe("http://127.0.0.1:6000");
        real.ToString().ShouldNotContain("secret-token-value");
        real.ToString().ShouldNotContain("secret-webhook-token");
    }

    private static string? TextOf(SandboxMessage message) => message.MessageData["extendedTextMessageData"]?["text"]?.GetValue<string>();

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what, int seconds = 20)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no {what} within {seconds} s");
    }

    /// <summary>A sandbox with an authorized instance and the bot, the instance's webhook pointed at the bot.</summary>
    private sealed class BotRig : IAsyncDisposable
    {
        private BotRig(GreenApiSandbox sandbox, SandboxInstance instance, WebApplication app, StringWriter output, Uri webhookUrl)
        {
            Sandbox = sandbox;
            Instance = instance;
            App = app;
            Output = output;
            WebhookUrl = webhookUrl;
        }

        public GreenApiSandbox Sandbox { get; }

        public SandboxInstance Instance { get; }

        public WebApplication App { get; }

        public StringWriter Output { get; }

        public Uri WebhookUrl { get; }

        public static async Task<BotRig> StartAsync(string? botToken, string? instanceToken, TimeSpan? retryDelay = null)
        {
            var sandbox = await GreenApiSandbox.StartAsync(new GreenApiSandboxOptions
            {
                WebhookRetryDelay = retryDelay ?? TimeSpan.FromMilliseconds(200),
                DeliveryDelay = null,
            });
            var instance = sandbox.CreateInstance(authorized: true, name: "Echo bot test");
            instance.UpdateSettings(new JsonObject { ["delaySendMessagesMilliseconds"] = 0 });
            var output = new StringWriter();
            var app = Bot.WebhookBotApp.Build(new Bot.WebhookBotOptions
            {
                Client = sandbox.ClientOptions(instance),
                WebhookToken = botToken,
                ListenUrl = "http://127.0.0.1:0",
                Output = output,
                ConsoleLogLevel = null,
            });
            await app.StartAsync();
            var webhookUrl = Bot.WebhookBotApp.WebhookUrl(app);
            webhookUrl.IsLoopback.ShouldBeTrue();
            webhookUrl.Port.ShouldNotBe(0);
            await Bot.WebhookBotApp.PointWebhookAsync(sandbox.ClientOptions(instance), webhookUrl, instanceToken);
            instance.Setting("webhookUrl").ShouldBe(webhookUrl.ToString());
            return new BotRig(sandbox, instance, app, output, webhookUrl);
        }

        /// <summary>The bot's replies in a chat, oldest first.</summary>
        public List<SandboxMessage> Echoes(string chatId) => Instance.Messages(chatId).Where(m => m.Outgoing).ToList();

        /// <summary>The HTTP statuses of the webhook deliveries of one incoming message, in order.</summary>
        public List<int> AttemptsFor(string idMessage) => Sandbox.WebhookAttempts
            .Where(a => (string?)a.Body["typeWebhook"] == "incomingMessageReceived" && (string?)a.Body["idMessage"] == idMessage)
            .Select(a => a.Status)
            .ToList();

        /// <summary>The statuses of the deliveries of one incoming message, once one of them got 200.</summary>
        public async Task<List<int>> CompletedAttemptsAsync(string idMessage)
        {
            await EventuallyAsync(() => AttemptsFor(idMessage).Contains(200) ? "delivered" : null, $"a delivery of {idMessage} answered 200");
            return AttemptsFor(idMessage);
        }

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await Sandbox.DisposeAsync();
        }
    }
}
