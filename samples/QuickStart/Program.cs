// QuickStart — the main job: a whole bot flow through the typed client generated from spec/.
//
// With no configuration it starts the embedded Green API sandbox (runtime/GreenApi.Sandbox) and plays
// the contact itself. With GREEN_API_URL, GREEN_API_MEDIA_URL, GREEN_API_ID_INSTANCE and GREEN_API_TOKEN
// set it runs the same flow against the real service; GREEN_API_CHAT_ID names the chat to write to
// (default: the account's own number), and the reply has to come from a real phone.
//
// The flow: check the state → authorize → set settings → send a text, a file and a poll → a contact
// replies → receive and print the typed notifications until every message is delivered and the reply is in.
using System.Text;
using GreenApi;
using GreenApi.Sandbox;

var real = RealAccount.FromEnvironment(out var configurationProblem);
if (configurationProblem is not null)
{
    Console.Error.WriteLine(configurationProblem);
    return 2;
}

await using var sandbox = real is null ? await GreenApiSandbox.StartAsync() : null;
var simulated = sandbox?.CreateInstance(name: "QuickStart");
var options = real?.Options ?? sandbox!.ClientOptions(simulated!);
using var client = new GreenApiClient(options);
using var timeout = new CancellationTokenSource(real is null ? TimeSpan.FromMinutes(1) : TimeSpan.FromMinutes(5));
var ct = timeout.Token;

Console.WriteLine(real is null
    ? $"Green API QuickStart — on the embedded sandbox at {options.ApiUrl} (set GREEN_API_* to use your account)"
    : $"Green API QuickStart — on the real service at {options.ApiUrl}, instance {options.IdInstance}");

try
{
    // 1. State, then authorization: the QR code is scanned by the simulated phone (or by you).
    var state = (await client.Account.GetStateInstanceAsync(ct))?.StateInstance ?? StateInstance.Starting;
    Console.WriteLine($"1. instance {options.IdInstance} is {state.Value}");
    if (state != StateInstance.Authorized)
    {
        var qr = await client.Account.QrAsync(ct);
        Console.WriteLine($"2. QR code received ({qr.Type.Value}, {qr.Message.Length} base64 characters)"
            + (simulated is null ? " — scan it in the console at https://console.green-api.com; waiting…" : "; the sandbox's phone scans it"));
        simulated?.Authorize();
        while ((state = (await client.Account.GetStateInstanceAsync(ct))?.StateInstance ?? StateInstance.Starting) != StateInstance.Authorized)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    var settings = await client.Account.GetSettingsAsync(ct);
    Console.WriteLine($"3. authorized as {settings.Wid}");

    // 2. Settings: notifications through the HTTP API queue (no webhook), short sending interval.
    await client.Account.SetSettingsAsync(new SetSettingsRequest
    {
        WebhookUrl = "",
        DelaySendMessagesMilliseconds = 500,
        IncomingWebhook = true,
        OutgoingWebhook = true,
        OutgoingAPIMessageWebhook = true,
    }, ct);
    Console.WriteLine("4. settings saved: queue delivery, 500 ms between messages, incoming/outgoing/status notifications on");

    // 3. Send a text, a file and a poll.
    var chatId = real is null ? "79001234567@c.us" : real.ChatId.Length > 0 ? real.ChatId : settings.Wid;
    simulated?.Contacts.Add(chatId, new SandboxContact(chatId, "Alice", "Alice (QuickStart)"));
    var text = await client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = chatId, Message = "Hello from GreenApi.Generated!" }, ct);
    var fileBytes = Encoding.UTF8.GetBytes("A file sent by the QuickStart.\n");
    var file = await client.Sending.SendFileByUploadAsync(new SendFileByUploadRequest
    {
        ChatId = chatId,
        File = new GreenApiFile(new MemoryStream(fileBytes), "quickstart.txt", "text/plain"),
        Caption = "the file",
    }, ct);
    var poll = await client.Sending.SendPollAsync(new SendPollRequest
    {
        ChatId = chatId,
        Message = "Which do you prefer?",
        Options = [new SendPollOption { OptionName = "Typed clients" }, new SendPollOption { OptionName = "Dictionaries" }],
    }, ct);
    Console.WriteLine($"5. queued a text ({text.IdMessage}), a file ({file.IdMessage}) and a poll ({poll.IdMessage}) for {chatId}");

    // 4. Receive typed notifications until all three are delivered and the contact has replied.
    var waiting = new HashSet<string> { text.IdMessage, file.IdMessage, poll.IdMessage };
    var replied = false;
    var received = 0;
    Console.WriteLine(simulated is null ? "6. receiving notifications; reply to the text from the phone that owns the chat…" : "6. receiving notifications:");
    while (waiting.Count > 0 || !replied)
    {
        var next = await client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 }, ct);
        if (next is null)
        {
            continue;
        }

        received++;
        switch (next.Body)
        {
            case OutgoingAPIMessageReceived sent:
                Console.WriteLine($"   ← sent through the API: {Describe(sent.MessageData)} ({sent.IdMessage})");
                break;
            case OutgoingMessageStatus status:
                Console.WriteLine($"   ← status of {status.IdMessage}: {status.Status.Value}");
                if (status.Status.Value is "delivered" or "read")
                {
                    waiting.Remove(status.IdMessage);
                }

                if (status.IdMessage == text.IdMessage && status.Status.Value == "read" && simulated is not null && !replied)
                {
                    simulated.ReceiveText(chatId, "Got it, thanks!", quotedMessageId: text.IdMessage);
                }

                break;
            case IncomingMessageReceived incoming:
                Console.WriteLine($"   ← {incoming.SenderData.SenderName} wrote: {Describe(incoming.MessageData)}");
                replied = true;
                break;
            case StateInstanceChanged changed:
                Console.WriteLine($"   ← state changed: {changed.StateInstance.Value}");
                break;
            default:
                Console.WriteLine($"   ← {next.Body.TypeWebhook}");
                break;
        }

        await client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = next.ReceiptId }, ct);
    }

    Console.WriteLine($"Done: 3 messages sent and delivered, the reply received, {received} notifications handled and deleted.");
    return 0;
}
catch (GreenApiException e)
{
    Console.Error.WriteLine($"The service refused a call: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Console.Error.WriteLine("The flow did not complete in time (on a real account: is the phone online, and did the contact reply?).");
    return 1;
}

static string Describe(MessageData data) => data switch
{
    TextMessage t => $"text \"{t.TextMessageData.TextMessage}\"",
    QuotedMessageMessageData q => $"\"{q.ExtendedTextMessageData.Text}\" (a reply to {q.QuotedMessage?.StanzaId})",
    ExtendedTextMessage e => $"text \"{e.ExtendedTextMessageData.Text}\"",
    DocumentMessage d => $"file {d.FileMessageData.FileName} \"{d.FileMessageData.Caption}\"",
    PollMessage p => $"poll \"{p.PollMessageData?.Name}\" with {p.PollMessageData?.Options.Count} options",
    _ => data.TypeMessage,
};

/// <summary>The real account, when GREEN_API_* are set.</summary>
internal sealed record RealAccount(GreenApiClientOptions Options, string ChatId)
{
    public static RealAccount? FromEnvironment(out string? problem)
    {
        problem = null;
        string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        var names = new[] { "GREEN_API_URL", "GREEN_API_MEDIA_URL", "GREEN_API_ID_INSTANCE", "GREEN_API_TOKEN" };
        var set = names.Where(n => Get(n) is not null).ToList();
        if (set.Count == 0)
        {
            return null;
        }

        if (set.Count < names.Length || !long.TryParse(Get("GREEN_API_ID_INSTANCE"), out var id)
            || !Uri.TryCreate(Get("GREEN_API_URL"), UriKind.Absolute, out var api) || !Uri.TryCreate(Get("GREEN_API_MEDIA_URL"), UriKind.Absolute, out var media))
        {
            problem = $"To use a real account set all of {string.Join(", ", names)} (URLs absolute, the id a number); missing or invalid: "
                + string.Join(", ", names.Except(set).DefaultIfEmpty("a value is malformed")) + ". Unset them all to run on the sandbox.";
            return null;
        }

        var options = new GreenApiClientOptions { ApiUrl = api, MediaUrl = media, IdInstance = id, ApiTokenInstance = Get("GREEN_API_TOKEN")! };
        return new RealAccount(options, Get("GREEN_API_CHAT_ID") ?? "");
    }
}
