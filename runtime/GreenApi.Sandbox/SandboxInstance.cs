using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>
/// One instance of the sandbox: its credentials, settings and authorization state, the simulated
/// WhatsApp account behind it (chats, contacts, groups, statuses, calls), its outgoing queue and its
/// notifications. The public members are the simulation API a bot's tests drive.
/// </summary>
public sealed class SandboxInstance
{
    private readonly GreenApiSandbox sandbox;
    private string state = SandboxStates.NotAuthorized;
    private CancellationTokenSource? startingTimer;

    internal SandboxInstance(GreenApiSandbox sandbox, long idInstance, string apiToken, GreenApiTariff tariff, string phone, string name)
    {
        this.sandbox = sandbox;
        IdInstance = idInstance;
        ApiTokenInstance = apiToken;
        Tariff = tariff;
        Phone = phone;
        Name = name;
        Settings = DefaultSettings(Wid);
        Notifications = new SandboxNotifications(this, sandbox);
        Outgoing = new SandboxOutgoingQueue(this, sandbox);
        Contacts[Wid] = new SandboxContact(Wid, name, name);
    }

    /// <summary>The instance id (the number in <c>/waInstance{id}/</c>).</summary>
    public long IdInstance { get; }

    /// <summary>The instance's API token. Changed by <c>updateApiToken</c>.</summary>
    public string ApiTokenInstance { get; internal set; }

    /// <summary>The tariff: Developer instances get the monthly quotas and the 3-chat limit (466).</summary>
    public GreenApiTariff Tariff { get; set; }

    /// <summary>The simulated account's phone number.</summary>
    public string Phone { get; }

    /// <summary>The account's own chat id (<c>wid</c>).</summary>
    public string Wid => Phone + "@c.us";

    /// <summary>The instance's name in the console.</summary>
    public string Name { get; set; }

    /// <summary>The authorization state.</summary>
    public string State
    {
        get
        {
            lock (Sync)
            {
                return state;
            }
        }
    }

    /// <summary>Whether the paid period has ended (every method answers the "expired" error).</summary>
    public bool Expired { get; set; }

    /// <summary>Whether the instance was deleted through the partner API.</summary>
    public bool Deleted { get; internal set; }

    /// <summary>Whether the instance is still being created (partner <c>createInstance</c>): getStateInstance answers <c>null</c>.</summary>
    public bool Creating { get; internal set; }

    /// <summary>The authorization code handed out by <c>getAuthorizationCode</c>, until it is entered.</summary>
    public string? PendingAuthorizationCode { get; internal set; }

    /// <summary>Numbers that <c>checkWhatsapp</c> reports as not on WhatsApp; every other number is.</summary>
    public ISet<string> NumbersWithoutWhatsapp { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The account's contacts by chat id.</summary>
    public IDictionary<string, SandboxContact> Contacts { get; } = new Dictionary<string, SandboxContact>(StringComparer.Ordinal);

    /// <summary>Faults injected into this instance's methods.</summary>
    public SandboxFaults Faults { get; } = new();

    internal object Sync { get; } = new();

    internal JsonObject Settings { get; private set; }

    internal SandboxNotifications Notifications { get; }

    internal SandboxOutgoingQueue Outgoing { get; }

    internal Dictionary<string, List<SandboxMessage>> Chats { get; } = new(StringComparer.Ordinal);

    internal HashSet<string> ArchivedChats { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, long> DisappearingChats { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, SandboxGroup> Groups { get; } = new(StringComparer.Ordinal);

    internal List<SandboxStatus> OutgoingStatuses { get; } = [];

    internal List<SandboxStatus> IncomingStatuses { get; } = [];

    internal List<SandboxCallRecord> Calls { get; } = [];

    internal string? AvatarUrl { get; set; }

    internal SandboxQuotas Quotas { get; } = new();

    internal SandboxRateLimits RateLimits { get; } = new();

    /// <summary>Every message of a chat, oldest first.</summary>
    public IReadOnlyList<SandboxMessage> Messages(string chatId)
    {
        lock (Sync)
        {
            return Chats.TryGetValue(chatId, out var list) ? list.ToList() : [];
        }
    }

    /// <summary>A message by id, in any chat.</summary>
    public SandboxMessage? FindMessage(string idMessage)
    {
        lock (Sync)
        {
            return Chats.Values.SelectMany(c => c).FirstOrDefault(m => m.IdMessage == idMessage);
        }
    }

    /// <summary>How many notifications wait in the HTTP API queue.</summary>
    public int QueuedNotifications => Notifications.Count;

    /// <summary>How many notifications wait for webhook delivery.</summary>
    public int PendingWebhooks => Notifications.PendingWebhooks;

    /// <summary>How many messages wait in the outgoing queue.</summary>
    public int QueuedMessages => Outgoing.Count;

    /// <summary>A setting's current value (<c>"yes"</c>/<c>"no"</c>, a number or a text), as getSettings shows it.</summary>
    public string? Setting(string name)
    {
        lock (Sync)
        {
            return Settings[name]?.ToString();
        }
    }

    /// <summary>The simulated phone scans the QR code (or the authorization code is entered): the instance becomes authorized.</summary>
    public void Authorize()
    {
        PendingAuthorizationCode = null;
        SetState(SandboxStates.Authorized);
    }

    /// <summary>
    /// Moves the instance to a state (<see cref="SandboxStates"/>), as WhatsApp or the phone would:
    /// a <c>stateInstanceChanged</c> notification follows. An authorized instance sends its queue.
    /// </summary>
    public void SetState(string newState)
    {
        if (!SandboxStates.All.Contains(newState))
        {
            throw new ArgumentException($"'{newState}' is not a state; use one of {string.Join(", ", SandboxStates.All)}", nameof(newState));
        }

        bool changed;
        lock (Sync)
        {
            startingTimer?.Cancel();
            startingTimer = null;
            changed = state != newState;
            state = newState;
        }

        if (changed)
        {
            Notify("stateInstanceChanged", new JsonObject { ["stateInstance"] = newState });
            Notify("statusInstanceChanged", new JsonObject { ["statusInstance"] = newState == SandboxStates.Authorized ? "online" : "offline" });
        }

        Outgoing.Wake();
    }

    internal void StartAs(string initial)
    {
        lock (Sync)
        {
            state = initial;
        }
    }

    /// <summary>Puts the instance into <c>starting</c> for <see cref="GreenApiSandboxOptions.StartingDuration"/>, then back to <paramref name="after"/>.</summary>
    internal void Restart(string after)
    {
        SetState(SandboxStates.Starting);
        var cancel = new CancellationTokenSource();
        lock (Sync)
        {
            startingTimer = cancel;
        }

        _ = FinishStartingAsync(after, cancel.Token);
    }

    private async Task FinishStartingAsync(string after, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(sandbox.Options.StartingDuration, sandbox.Time, cancel).ConfigureAwait(false);
            Creating = false;
            SetState(after);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A contact sends a text message to the account; it arrives as <c>incomingMessageReceived</c>.</summary>
    public SandboxMessage ReceiveText(string chatId, string text, string? senderName = null, string? quotedMessageId = null)
    {
        JsonObject data;
        if (quotedMessageId is null)
        {
            data = new JsonObject { ["typeMessage"] = "textMessage", ["textMessageData"] = new JsonObject { ["textMessage"] = text } };
        }
        else
        {
            var quoted = FindMessage(quotedMessageId) ?? throw new ArgumentException($"there is no message '{quotedMessageId}' to quote", nameof(quotedMessageId));
            data = new JsonObject
            {
                ["typeMessage"] = "quotedMessage",
                ["extendedTextMessageData"] = new JsonObject { ["text"] = text, ["stanzaId"] = quoted.IdMessage, ["participant"] = quoted.SenderId ?? Wid },
                ["quotedMessage"] = Quote(quoted),
            };
        }

        return Receive(chatId, data, senderName);
    }

    /// <summary>
    /// A contact sends any message: <paramref name="messageData"/> is the notification's
    /// <c>messageData</c> (<c>typeMessage</c> plus its data object), as in the wire examples.
    /// In a group chat <paramref name="sender"/> names the member who wrote.
    /// </summary>
    public SandboxMessage Receive(string chatId, JsonObject messageData, string? senderName = null, string? sender = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        ArgumentNullException.ThrowIfNull(messageData);
        if (messageData["typeMessage"] is null)
        {
            throw new ArgumentException("messageData needs a typeMessage", nameof(messageData));
        }

        sender ??= chatId;
        var contact = Contacts.TryGetValue(sender, out var c) ? c : null;
        var message = new SandboxMessage(sandbox.Ids.Incoming(), chatId, outgoing: false, sendByApi: false, sandbox.UnixNow, (JsonObject)messageData.DeepClone())
        {
            SenderId = sender,
            SenderName = senderName ?? contact?.Name ?? sender.Split('@')[0],
            SenderContactName = contact?.ContactName ?? "",
        };
        Record(message);
        var type = message.TypeMessage;
        var enabled = type == "pollUpdateMessage" ? Flag("pollMessageWebhook") : Flag("incomingWebhook");
        if (enabled)
        {
            Notify("incomingMessageReceived", new JsonObject
            {
                ["idMessage"] = message.IdMessage,
                ["senderData"] = SenderData(message),
                ["messageData"] = message.MessageData.DeepClone(),
            }, force: true);
        }

        message.Status = Flag("markIncomingMessagesRead") || Flag("markIncomingMessagesReaded") ? "read" : "delivered";

        return message;
    }

    /// <summary>The account's phone sends a text (not through the API): <c>outgoingMessageReceived</c>.</summary>
    public SandboxMessage SendFromPhone(string chatId, string text)
    {
        var message = new SandboxMessage(sandbox.Ids.Phone(), chatId, outgoing: true, sendByApi: false, sandbox.UnixNow,
            new JsonObject { ["typeMessage"] = "textMessage", ["textMessageData"] = new JsonObject { ["textMessage"] = text } })
        {
            SenderId = Wid,
            SenderName = Name,
            Status = "sent",
        };
        Record(message);
        if (Flag("outgoingMessageWebhook"))
        {
            Notify("outgoingMessageReceived", new JsonObject
            {
                ["idMessage"] = message.IdMessage,
                ["senderData"] = SenderData(message),
                ["messageData"] = message.MessageData.DeepClone(),
            }, force: true);
        }

        return message;
    }

    /// <summary>A contact calls the account; <paramref name="status"/> is <c>offer</c>, <c>pickUp</c>, <c>hangUp</c>, <c>missed</c> or <c>declined</c>.</summary>
    public void ReceiveCall(string from, string status = "offer")
    {
        var id = sandbox.Ids.Incoming();
        lock (Sync)
        {
            Calls.Add(new SandboxCallRecord(id, from, Outgoing: false, sandbox.UnixNow, status));
        }

        Notify("incomingCall", new JsonObject { ["from"] = from, ["status"] = status, ["idMessage"] = id });
    }

    /// <summary>The account's phone calls a contact (<c>outgoingCall</c>).</summary>
    public void PlaceCall(string to, string status = "offer")
    {
        var id = sandbox.Ids.Phone();
        lock (Sync)
        {
            Calls.Add(new SandboxCallRecord(id, to, Outgoing: true, sandbox.UnixNow, status));
        }

        Notify("outgoingCall", new JsonObject { ["to"] = to, ["status"] = status, ["idMessage"] = id });
    }

    /// <summary>A contact blocks (or unblocks) the account: <c>incomingBlock</c>.</summary>
    public void BlockedBy(string chatId, bool blocked = true) =>
        Notify("incomingBlock", new JsonObject { ["chatId"] = chatId, ["chatState"] = blocked ? "blocked" : "unblocked" });

    /// <summary>The phone's battery and device state (<c>deviceInfo</c>).</summary>
    public void ReportDevice(int battery = 80, string platform = "android") =>
        Notify("deviceInfo", new JsonObject
        {
            ["deviceData"] = new JsonObject { ["platform"] = platform, ["deviceManufacturer"] = "Sandbox", ["deviceModel"] = "Virtual", ["osVersion"] = "14", ["waVersion"] = "2.24.0", ["battery"] = battery },
        });

    /// <summary>A contact posts a status (story) the account can see (<c>getIncomingStatuses</c>).</summary>
    public void ReceiveStatus(string from, string text)
    {
        lock (Sync)
        {
            IncomingStatuses.Add(new SandboxStatus(sandbox.Ids.Incoming(), from, sandbox.UnixNow,
                new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = new JsonObject { ["text"] = text } }, [Wid]));
        }
    }

    internal string Url(string path) => sandbox.Url + path.TrimStart('/');

    internal bool Flag(string setting)
    {
        lock (Sync)
        {
            return Settings[setting] is JsonValue v && v.TryGetValue<string>(out var s) && s == "yes";
        }
    }

    internal int SendingIntervalMilliseconds
    {
        get
        {
            lock (Sync)
            {
                return SandboxSpec.Number(Settings["delaySendMessagesMilliseconds"]) is { } ms ? (int)Math.Clamp(ms, 0, int.MaxValue) : 5000;
            }
        }
    }

    /// <summary>Changes settings as <c>setSettings</c> does (the older <c>…Readed</c> spellings are accepted too).</summary>
    public void UpdateSettings(JsonObject changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (Sync)
        {
            foreach (var (key, value) in changes)
            {
                // setSettings writes the older spelling (…Readed); getSettings shows both (docs 1.3.2).
                var name = key switch
                {
                    "markIncomingMessagesReaded" => "markIncomingMessagesRead",
                    "markIncomingMessagesReadedOnReply" => "markIncomingMessagesReadOnReply",
                    "statusInstanceChangedWebhook" => "statusInstanceWebhook",
                    _ => key,
                };
                Settings[name] = value?.DeepClone();
                if (name != key)
                {
                    Settings[key] = value?.DeepClone();
                }
            }
        }
    }

    internal void ResetSettings()
    {
        lock (Sync)
        {
            Settings = DefaultSettings(Wid);
        }
    }

    internal void Record(SandboxMessage message)
    {
        lock (Sync)
        {
            if (!Chats.TryGetValue(message.ChatId, out var list))
            {
                Chats[message.ChatId] = list = [];
            }

            list.Add(message);
        }
    }

    /// <summary>
    /// Puts a notification on its way, if the instance's settings enable its type: into the HTTP API queue,
    /// or to <c>webhookUrl</c> when one is set. <paramref name="force"/> skips the settings check (the caller did it).
    /// </summary>
    internal void Notify(string typeWebhook, JsonObject fields, bool force = false)
    {
        var setting = typeWebhook switch
        {
            "incomingMessageReceived" => "incomingWebhook",
            "outgoingMessageReceived" => "outgoingMessageWebhook",
            "outgoingAPIMessageReceived" => "outgoingAPIMessageWebhook",
            "outgoingMessageStatus" => "outgoingWebhook",
            "stateInstanceChanged" => "stateWebhook",
            "statusInstanceChanged" => "statusInstanceWebhook",
            "deviceInfo" => "deviceWebhook",
            "incomingCall" or "outgoingCall" => "incomingCallWebhook",
            "incomingBlock" => "incomingBlockWebhook",
            _ => null,
        };
        if (!force && setting is not null && !Flag(setting))
        {
            return;
        }

        var body = new JsonObject
        {
            ["typeWebhook"] = typeWebhook,
            ["instanceData"] = new JsonObject { ["idInstance"] = IdInstance, ["wid"] = Wid, ["typeInstance"] = "whatsapp" },
            ["timestamp"] = sandbox.UnixNow,
        };
        foreach (var (key, value) in fields)
        {
            body[key] = value?.DeepClone();
        }

        Notifications.Add(body);
    }

    internal JsonObject SenderData(SandboxMessage message)
    {
        var contact = Contacts.TryGetValue(message.ChatId, out var c) ? c : null;
        var data = new JsonObject
        {
            ["chatId"] = message.ChatId,
            ["chatName"] = Groups.TryGetValue(message.ChatId, out var g) ? g.Subject : contact?.Name ?? message.ChatId.Split('@')[0],
            ["sender"] = message.SenderId ?? (message.Outgoing ? Wid : message.ChatId),
            ["senderName"] = message.SenderName ?? "",
            ["senderContactName"] = message.SenderContactName ?? contact?.ContactName ?? "",
        };
        return data;
    }

    internal JsonObject Quote(SandboxMessage quoted)
    {
        var quote = new JsonObject { ["stanzaId"] = quoted.IdMessage, ["participant"] = quoted.SenderId ?? Wid, ["typeMessage"] = quoted.TypeMessage };
        foreach (var (key, value) in quoted.MessageData)
        {
            if (key.EndsWith("Data", StringComparison.Ordinal) && value is JsonObject inner)
            {
                foreach (var (k, v) in inner)
                {
                    quote[k] = v?.DeepClone();
                }
            }
        }

        return quote;
    }

    internal static JsonObject DefaultSettings(string wid) => new()
    {
        ["wid"] = wid,
        ["countryInstance"] = "",
        ["typeAccount"] = "",
        ["webhookUrl"] = "",
        ["webhookUrlToken"] = "",
        ["delaySendMessagesMilliseconds"] = 5000,
        ["markIncomingMessagesReaded"] = "no",
        ["markIncomingMessagesReadedOnReply"] = "no",
        ["markIncomingMessagesRead"] = "no",
        ["markIncomingMessagesReadOnReply"] = "no",
        ["sharedSession"] = "no",
        ["outgoingWebhook"] = "yes",
        ["outgoingMessageWebhook"] = "yes",
        ["outgoingAPIMessageWebhook"] = "yes",
        ["incomingWebhook"] = "yes",
        ["deviceWebhook"] = "no",
        ["statusInstanceWebhook"] = "no",
        ["stateWebhook"] = "yes",
        ["enableMessagesHistory"] = "no",
        ["keepOnlineStatus"] = "no",
        ["pollMessageWebhook"] = "no",
        ["incomingBlockWebhook"] = "yes",
        ["incomingCallWebhook"] = "yes",
        ["editedMessageWebhook"] = "no",
        ["deletedMessageWebhook"] = "no",
    };

    /// <inheritdoc />
    public override string ToString() => $"sandbox instance {IdInstance} ({State})";
}
