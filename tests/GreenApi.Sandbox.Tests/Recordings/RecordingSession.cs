using GreenApi.Runtime.Tests.Infrastructure;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenApi.Sandbox;
using GreenApi.Serialization;

namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>What one run of the recorder produced: a recording per method, and why the others could not be recorded.</summary>
public sealed record RecordingResult(IReadOnlyDictionary<string, JsonObject> Recordings, IReadOnlyDictionary<string, string> Failures);

/// <summary>
/// Records one exchange per HTTP method of <see cref="GreenApiMethods.All"/> from the sandbox, deterministically:
/// a clock that stands still at <see cref="Start"/> (moved only past reboot's delay), an instance with a fixed
/// id and token, the sandbox's counter-based ids, every call in a fixed order, and each sending call settled
/// (the message recorded in its chat) before the next one. Request values come from the docs' examples
/// (tests/fixtures/docs) wherever the docs have one, adapted to the sandbox's state (message ids, the group).
/// </summary>
public sealed class RecordingSession : IAsyncDisposable
{
    public const long IdInstance = 1101000001;
    public const string ApiToken = "4f1c3a9be26d4f0a8b7c5d3e1f2a4b6c8d0e2f4a6b8c0d2e4f";
    public const string PartnerToken = "gac37ea6e4b0f9c2d8e1a5b7c3d9f0e2a4b6c8d0e2f4a6b8";

    /// <summary>The personal chat of the docs' examples.</summary>
    public const string Chat = "11001234567@c.us";

    /// <summary>The contact who writes to the account (the docs' receiveNotification example).</summary>
    public const string Contact = "79001234568@c.us";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long reboot keeps the instance starting; the clock is moved by this much after reboot.</summary>
    public static readonly TimeSpan RebootDuration = TimeSpan.FromSeconds(2);

    /// <summary>A 1×1 PNG: the file of the upload methods (named horse.png, as in the docs' sendFileByUrl example).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A 1×1 JPEG: the avatar and group picture (both methods take *.jpg).</summary>
    public static readonly byte[] Jpeg = Convert.FromBase64String("/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    private readonly GreenApiSandbox sandbox;
    private readonly SandboxInstance instance;
    private readonly FakeTimeProvider clock;
    private readonly RecordingHandler handler;
    private readonly HttpClient http;
    private readonly GreenApiClient client;
    private readonly GreenApiPartnerClient partner;
    private readonly Dictionary<string, CapturedExchange> recorded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);
    private readonly List<string> sent = [];

    private RecordingSession(GreenApiSandbox sandbox, SandboxInstance instance, FakeTimeProvider clock)
    {
        this.sandbox = sandbox;
        this.instance = instance;
        this.clock = clock;
        var redactor = new Redactor()
            .Add(ApiToken, "{{apiTokenInstance}}")
            .Add(PartnerToken, "{{partnerToken}}")
            .Add(RecordingHandler.ApiOrigin, "{{apiUrl}}")
            .Add(RecordingHandler.MediaOrigin, "{{mediaUrl}}")
            .Add(sandbox.Url.GetLeftPart(UriPartial.Authority), SandboxOrigin);
        handler = new RecordingHandler(sandbox.Url, redactor, new SocketsHttpHandler { UseProxy = false, ActivityHeadersPropagator = null });
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client = new GreenApiClient(
            new GreenApiClientOptions
            {
                ApiUrl = new Uri(RecordingHandler.ApiOrigin),
                MediaUrl = new Uri(RecordingHandler.MediaOrigin),
                IdInstance = IdInstance,
                ApiTokenInstance = ApiToken,
                EnableRetries = false,
                EnableRateLimiting = false,
                RequestTimeout = TimeSpan.FromSeconds(30),
            },
            http);
        partner = new GreenApiPartnerClient(
            new GreenApiPartnerClientOptions { ApiUrl = new Uri(RecordingHandler.ApiOrigin), PartnerToken = PartnerToken, EnableRetries = false, RequestTimeout = TimeSpan.FromSeconds(30) },
            http);
    }

    /// <summary>How the sandbox's own address (file links) is written in recordings: its port changes from run to run.</summary>
    public const string SandboxOrigin = "http://sandbox.green-api.invalid";

    /// <summary>Starts a sandbox, records every method and stops the sandbox.</summary>
    public static async Task<RecordingResult> RecordAsync()
    {
        var clock = new FakeTimeProvider(Start);
        var sandbox = await GreenApiSandbox.StartAsync(new GreenApiSandboxOptions
        {
            TimeProvider = clock,
            EnforceRateLimits = false,
            DeliveryDelay = null,
            PartnerToken = PartnerToken,
            StartingDuration = RebootDuration,
        });
        var instance = sandbox.CreateInstance(IdInstance, ApiToken, GreenApiTariff.Business, authorized: true);
        await using var session = new RecordingSession(sandbox, instance, clock);
        await session.RunAsync();
        return await session.ResultAsync();
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        partner.Dispose();
        http.Dispose();
        await sandbox.DisposeAsync();
    }

    /// <summary>The docs' example at tests/fixtures/docs/<paramref name="path"/>.</summary>
    public static JsonObject Docs(string path) => JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus.Fixtures, "docs", path)))!.AsObject();

    /// <summary>A request decoded from JSON by its generated reader, as a caller who has the docs' JSON would build it.</summary>
    public static T Request<T>(JsonNode json)
        where T : IGreenApiJsonValue<T> =>
        GreenApiJson.Parse(json.ToJsonString(RecordingFormat.Compact), static (ref Utf8JsonReader reader) => T.ReadJson(ref reader), typeof(T).Name);

    private static JsonObject With(JsonObject json, params (string Name, JsonNode? Value)[] changes)
    {
        var copy = json.DeepClone().AsObject();
        foreach (var (name, value) in changes)
        {
            copy[name] = value;
        }

        return copy;
    }

    private async Task RunAsync()
    {
        await AccountAsync();

        // From here on the account sends at once and reports nothing about its own messages, so that a
        // sent message is settled as soon as it is in its chat, and the notification queue holds only
        // what a step puts there on purpose.
        instance.UpdateSettings(new JsonObject { ["delaySendMessagesMilliseconds"] = 0, ["outgoingWebhook"] = "no", ["outgoingAPIMessageWebhook"] = "no" });
        instance.Contacts[Contact] = new SandboxContact(Contact, "Иван", "Иван Васильевич");
        instance.Contacts[Chat] = new SandboxContact(Chat, "Green API", "Green API Support");

        var ids = await SendingAsync();
        var incoming = await ReceivingAsync(ids);
        await JournalsAsync(ids);
        await ReadMarkAsync(incoming);
        await ServiceAsync(ids);
        await GroupsAsync();
        await StatusesAsync();
        await QueuesAndAuthorizationAsync();
        await PartnerAsync();

        // Last: the instance's token changes.
        await Step("updateApiToken", () => client.Account.UpdateApiTokenAsync());
    }

    private async Task AccountAsync()
    {
        await Step("getSettings", () => client.Account.GetSettingsAsync());
        await Step("setSettings", () => client.Account.SetSettingsAsync(Request<SetSettingsRequest>(Docs("receiving/setSettings.request.http-api.json"))));
        await Step("getStateInstance", () => client.Account.GetStateInstanceAsync());
        await Step("getStatusInstance", () => client.Account.GetStatusInstanceAsync());
        await Step("setProfilePicture", () => client.Account.SetProfilePictureAsync(new SetProfilePictureRequest { File = new GreenApiFile(new MemoryStream(Jpeg), "avatar.jpg", "image/jpeg") }));
        await Step("getWaSettings", () => client.Account.GetWaSettingsAsync());
        await Step("getDeviceInfo", () => client.Account.GetDeviceInfoAsync());
    }

    private async Task<Dictionary<string, string>> SendingAsync()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task Send(string method, Func<Task<string>> call)
        {
            var id = await Step(method, call);
            if (id is not null)
            {
                ids[method] = id;
                sent.Add(id);
            }
        }

        await Send("sendMessage", async () => (await client.Sending.SendMessageAsync(Request<SendMessageRequest>(Docs("sending/sendMessage.request.personal-chat.json")))).IdMessage);
        await Send("sendFileByUrl", async () => (await client.Sending.SendFileByUrlAsync(Request<SendFileByUrlRequest>(Docs("sending/sendFileByUrl.request.personal-chat.json")))).IdMessage);
        await Step("uploadFile", () => client.Sending.UploadFileAsync(new UploadFileRequest { File = new GreenApiFile(new MemoryStream(Png), "horse.png", "image/png"), GAFilename = "horse.png" }));
        await Send("sendFileByUpload", async () => (await client.Sending.SendFileByUploadAsync(new SendFileByUploadRequest
        {
            ChatId = Chat,
            File = new GreenApiFile(new MemoryStream(Png), "horse.png", "image/png"),
            FileName = "horse.png",
            Caption = "Лошадка",
        })).IdMessage);
        await Send("sendLocation", async () => (await client.Sending.SendLocationAsync(Request<SendLocationRequest>(Docs("sending/sendLocation.request.personal-chat.json")))).IdMessage);
        await Send("sendContact", async () => (await client.Sending.SendContactAsync(Request<SendContactRequest>(Docs("sending/sendContact.request.personal-chat.json")))).IdMessage);
        await Send("sendPoll", async () => (await client.Sending.SendPollAsync(Request<SendPollRequest>(Docs("sending/sendPoll.request.personal-chat.json")))).IdMessage);

        // Methods the 2024 docs have no request example for: the Postman collection's, or the 2023 docs' shapes.
        await Send("sendLink", async () => (await client.Sending.SendLinkAsync(new SendLinkRequest { ChatId = Chat, UrlLink = "https://green-api.com" })).IdMessage);
        await Send("sendInteractiveButtons", async () => (await client.Sending.SendInteractiveButtonsAsync(Request<SendInteractiveButtonsRequest>(With(PostmanRequest("sendInteractiveButtons"), ("chatId", Chat))))).IdMessage);
        await Send("sendInteractiveButtonsReply", async () => (await client.Sending.SendInteractiveButtonsReplyAsync(Request<SendInteractiveButtonsReplyRequest>(With(PostmanRequest("sendInteractiveButtonsReply"), ("chatId", Chat))))).IdMessage);
        await Send("sendButtons", async () => (await client.Sending.SendButtonsAsync(Request<SendButtonsRequest>(JsonNode.Parse("""
            {"chatId": "11001234567@c.us", "message": "Please choose the color:", "footer": "Green API",
             "buttons": [{"buttonId": "1", "buttonText": "green"}, {"buttonId": "2", "buttonText": "red"}, {"buttonId": "3", "buttonText": "blue"}]}
            """)!))).IdMessage);
        await Send("sendTemplateButtons", async () => (await client.Sending.SendTemplateButtonsAsync(Request<SendTemplateButtonsRequest>(JsonNode.Parse("""
            {"chatId": "11001234567@c.us", "message": "I use Green-API to send this message to you!", "footer": "Green API",
             "templateButtons": [
               {"index": 1, "urlButton": {"displayText": "Star us on GitHub!", "url": "https://github.com/green-api/docs"}},
               {"index": 2, "callButton": {"displayText": "Call us", "phoneNumber": "+79001234567"}},
               {"index": 3, "quickReplyButton": {"displayText": "Write to us", "id": "reply-1"}}]}
            """)!))).IdMessage);
        await Send("sendListMessage", async () => (await client.Sending.SendListMessageAsync(Request<SendListMessageRequest>(JsonNode.Parse("""
            {"chatId": "11001234567@c.us", "message": "I use Green-API to send this message to you!", "title": "Colors", "footer": "Green API", "buttonText": "Choose",
             "sections": [{"title": "Colors", "rows": [
               {"title": "green", "rowId": "option1", "description": "The color of Green API"},
               {"title": "red", "rowId": "option2"}]}]}
            """)!))).IdMessage);
        await Send("sendTemplate", async () => (await client.Sending.SendTemplateAsync(Request<SendTemplateRequest>(JsonNode.Parse("""
            {"chatId": "11001234567@c.us", "namespace": "c1f0a8e2_5b3d_4a7e_9f21_0d6c4b8a2e13", "name": "order_status", "languageCode": "en",
             "params": [{"default": "Иван"}, {"default": "12345"}]}
            """)!))).IdMessage);
        await SettleAsync();

        if (ids.TryGetValue("sendMessage", out var text) && ids.TryGetValue("sendLocation", out var location))
        {
            await Step("forwardMessages", async () =>
            {
                var answer = await client.Sending.ForwardMessagesAsync(Request<ForwardMessagesRequest>(With(Docs("sending/forwardMessages.request.json"), ("messages", new JsonArray(text, location)))));
                sent.AddRange(answer.Messages);
                return answer;
            });
            await SettleAsync();
        }
        else
        {
            failures["forwardMessages"] = "needs the messages of sendMessage and sendLocation";
        }

        return ids;
    }

    private async Task<SandboxMessage> ReceivingAsync(Dictionary<string, string> ids)
    {
        await DrainNotificationsAsync();
        var incoming = instance.ReceiveText(Contact, "I use Green-API to send this message to you!");
        var received = await Step("receiveNotification", () => client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 }));
        if (received is not null)
        {
            await Step("deleteNotification", () => client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = received.ReceiptId }));
        }
        else
        {
            failures["deleteNotification"] = "needs the receipt of receiveNotification";
        }

        await Step("downloadFile", () => client.Receiving.DownloadFileAsync(new DownloadFileRequest { ChatId = Chat, IdMessage = Need(ids, "sendFileByUpload") }));
        return incoming;
    }

    private async Task JournalsAsync(Dictionary<string, string> ids)
    {
        instance.ReceiveCall(Contact, "missed");
        instance.PlaceCall(Contact, "hangUp");
        await Step("getChatHistory", () => client.Journals.GetChatHistoryAsync(Request<GetChatHistoryRequest>(Docs("journals/getChatHistory.request.json"))));
        await Step("getMessage", () => client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Chat, IdMessage = Need(ids, "sendMessage") }));
        await Step("lastIncomingMessages", () => client.Journals.LastIncomingMessagesAsync(new LastIncomingMessagesRequest { Minutes = 1440 }));
        await Step("lastOutgoingMessages", () => client.Journals.LastOutgoingMessagesAsync(new LastOutgoingMessagesRequest { Minutes = 1440 }));
        await Step("lastIncomingCalls", () => client.Journals.LastIncomingCallsAsync(new LastIncomingCallsRequest { Minutes = 1440 }));
        await Step("lastOutgoingCalls", () => client.Journals.LastOutgoingCallsAsync(new LastOutgoingCallsRequest { Minutes = 1440 }));
    }

    private async Task ReadMarkAsync(SandboxMessage incoming) =>
        await Step("readChat", () => client.ReadMark.ReadChatAsync(new ReadChatRequest { ChatId = Contact, IdMessage = incoming.IdMessage }));

    private async Task ServiceAsync(Dictionary<string, string> ids)
    {
        await Step("checkWhatsapp", () => client.Service.CheckWhatsappAsync(Request<CheckWhatsappRequest>(Docs("service/checkWhatsapp.request.json"))));
        await Step("getAvatar", () => client.Service.GetAvatarAsync(Request<GetAvatarRequest>(Docs("service/getAvatar.request.personal-chat.json"))));
        await Step("getContacts", () => client.Service.GetContactsAsync());
        await Step("getContactInfo", () => client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Contact }));
        await Step("sendTyping", () => client.Service.SendTypingAsync(new SendTypingRequest { ChatId = Contact, TypingTime = 5000 }));
        await Step("editMessage", () => client.Service.EditMessageAsync(new EditMessageRequest { ChatId = Chat, IdMessage = Need(ids, "sendMessage"), Message = "I use Green-API to edit this message!" }));
        await Step("deleteMessage", () => client.Service.DeleteMessageAsync(new DeleteMessageRequest { ChatId = Chat, IdMessage = Need(ids, "sendPoll") }));
        await Step("archiveChat", () => client.Service.ArchiveChatAsync(new ArchiveChatRequest { ChatId = Contact }));
        await Step("unarchiveChat", () => client.Service.UnarchiveChatAsync(new UnarchiveChatRequest { ChatId = Contact }));
        await Step("setDisappearingChat", () => client.Service.SetDisappearingChatAsync(Request<SetDisappearingChatRequest>(With(Docs("service/setDisappearingChat.request.json"), ("chatId", Contact), ("ephemeralExpiration", 86400)))));
    }

    private async Task GroupsAsync()
    {
        var group = await Step("createGroup", () => client.Groups.CreateGroupAsync(Request<CreateGroupRequest>(Docs("groups/createGroup.request.json"))));
        var groupId = group?.ChatId;
        const string member = "79001234565@c.us";
        JsonObject InGroup(string docs) => With(Docs(docs), ("groupId", groupId ?? throw new InvalidOperationException("needs the group of createGroup")));
        await Step("updateGroupName", () => client.Groups.UpdateGroupNameAsync(Request<UpdateGroupNameRequest>(InGroup("groups/updateGroupName.request.json"))));
        await Step("getGroupData", () => client.Groups.GetGroupDataAsync(Request<GetGroupDataRequest>(InGroup("groups/getGroupData.request.json"))));
        await Step("addGroupParticipant", () => client.Groups.AddGroupParticipantAsync(Request<GroupParticipantRequest>(With(InGroup("groups/addGroupParticipant.request.json"), ("participantChatId", member)))));
        await Step("setGroupAdmin", () => client.Groups.SetGroupAdminAsync(Request<GroupParticipantRequest>(With(InGroup("groups/setGroupAdmin.request.json"), ("participantChatId", member)))));
        await Step("removeAdmin", () => client.Groups.RemoveAdminAsync(Request<GroupParticipantRequest>(With(InGroup("groups/removeAdmin.request.json"), ("participantChatId", member)))));
        await Step("removeGroupParticipant", () => client.Groups.RemoveGroupParticipantAsync(Request<GroupParticipantRequest>(With(InGroup("groups/removeGroupParticipant.request.json"), ("participantChatId", member)))));
        await Step("setGroupPicture", () => client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest
        {
            GroupId = groupId ?? throw new InvalidOperationException("needs the group of createGroup"),
            File = new GreenApiFile(new MemoryStream(Jpeg), "group.jpg", "image/jpeg"),
        }));
        await Step("updateGroupSettings", () => client.Groups.UpdateGroupSettingsAsync(new UpdateGroupSettingsRequest
        {
            GroupId = groupId ?? throw new InvalidOperationException("needs the group of createGroup"),
            AllowParticipantsEditGroupSettings = false,
            AllowParticipantsSendMessages = true,
        }));
        await Step("leaveGroup", () => client.Groups.LeaveGroupAsync(Request<LeaveGroupRequest>(InGroup("groups/leaveGroup.request.json"))));
    }

    private async Task StatusesAsync()
    {
        // A status is a message to status@broadcast: it goes through the outgoing queue like any other.
        var text = await Step("sendTextStatus", () => client.Statuses.SendTextStatusAsync(Request<SendTextStatusRequest>(Docs("statuses/sendTextStatus.request.json"))));
        var voice = await Step("sendVoiceStatus", () => client.Statuses.SendVoiceStatusAsync(Request<SendVoiceStatusRequest>(Docs("statuses/sendVoiceStatus.request.json"))));
        var media = await Step("sendMediaStatus", () => client.Statuses.SendMediaStatusAsync(Request<SendMediaStatusRequest>(Docs("statuses/sendMediaStatus.request.json"))));
        sent.AddRange(new[] { text?.IdMessage, voice?.IdMessage, media?.IdMessage }.OfType<string>());
        await SettleAsync();
        instance.ReceiveStatus(Contact, "Good morning!");
        await Step("getOutgoingStatuses", () => client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest { Minutes = 1440 }));
        await Step("getIncomingStatuses", () => client.Statuses.GetIncomingStatusesAsync(new GetIncomingStatusesRequest { Minutes = 1440 }));
        var id = text?.IdMessage;
        await Step("getStatusStatistic", () => client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = id ?? throw new InvalidOperationException("needs the status of sendTextStatus") }));
        await Step("deleteStatus", () => client.Statuses.DeleteStatusAsync(Request<DeleteStatusRequest>(With(Docs("statuses/deleteStatus.request.json"), ("idMessage", id ?? throw new InvalidOperationException("needs the status of sendTextStatus"))))));
    }

    /// <summary>
    /// The webhook queue, then logout: while the instance is not authorized two messages wait in the outgoing
    /// queue (shown, counted and cleared), the QR code and an authorization code are handed out; then the
    /// phone scans the code and reboot restarts the instance.
    /// </summary>
    private async Task QueuesAndAuthorizationAsync()
    {
        await Step("getWebhooksCount", () => client.Queues.GetWebhooksCountAsync());
        await Step("clearWebhooksQueue", () => client.Queues.ClearWebhooksQueueAsync());
        await Step("logout", () => client.Account.LogoutAsync());

        // Queued while the instance is not authorized (the docs: a message waits until it is).
        await client.Sending.SendMessageAsync(Request<SendMessageRequest>(Docs("sending/sendMessage.request.personal-chat.json")));
        await client.Sending.SendFileByUrlAsync(Request<SendFileByUrlRequest>(Docs("sending/sendFileByUrl.request.personal-chat.json")));
        await Step("getMessagesCount", () => client.Queues.GetMessagesCountAsync());
        await Step("showMessagesQueue", () => client.Queues.ShowMessagesQueueAsync());
        await Step("clearMessagesQueue", () => client.Queues.ClearMessagesQueueAsync());
        await Step("qr", () => client.Account.QrAsync());
        await Step("getAuthorizationCode", () => client.Account.GetAuthorizationCodeAsync(Request<GetAuthorizationCodeRequest>(Docs("account/getAuthorizationCode.request.json"))));
        instance.Authorize();
        await Step("reboot", () => client.Account.RebootAsync());
        clock.Advance(RebootDuration);
        await Wait.UntilAsync(() => instance.State == SandboxStates.Authorized, "the instance is authorized again after reboot");
    }

    private async Task PartnerAsync()
    {
        var created = await Step("createInstance", () => partner.CreateInstanceAsync(new CreateInstanceRequest
        {
            Name = "Support bot",
            WebhookUrl = "",
            DelaySendMessagesMilliseconds = 1000,
            IncomingWebhook = true,
            OutgoingWebhook = true,
            StateWebhook = true,
        }));
        await Step("getInstances", () => partner.GetInstancesAsync());
        await Step("deleteInstanceAccount", () => partner.DeleteInstanceAccountAsync(new DeleteInstanceAccountRequest
        {
            IdInstance = created?.IdInstance ?? throw new InvalidOperationException("needs the instance of createInstance"),
        }));
    }

    private static string Need(Dictionary<string, string> ids, string method) =>
        ids.TryGetValue(method, out var id) ? id : throw new InvalidOperationException($"needs the message of {method}");

    private static JsonObject PostmanRequest(string method)
    {
        var methods = JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus.Fixtures, "postman", "methods.json")))!.AsArray();
        return methods.Single(m => (string?)m!["method"] == method)!["requestExamples"]![0]!.DeepClone().AsObject();
    }

    /// <summary>Waits until every message sent so far has left the outgoing queue and is in its chat.</summary>
    private Task SettleAsync() =>
        Wait.UntilAsync(() => instance.QueuedMessages == 0 && sent.All(id => instance.FindMessage(id) is not null), "every sent message is in its chat");

    /// <summary>Receives and deletes notifications (not recorded) until the queue is empty.</summary>
    private async Task DrainNotificationsAsync()
    {
        while (instance.QueuedNotifications > 0)
        {
            var next = await client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 });
            if (next is not null)
            {
                await client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = next.ReceiptId });
            }
        }
    }

    private async Task Step(string method, Func<Task> call) => await Step<object?>(method, async () =>
    {
        await call();
        return null;
    });

    /// <summary>Makes one call and keeps its exchange as the method's recording; a failure is noted and the run goes on.</summary>
    private async Task<T?> Step<T>(string method, Func<Task<T>> call)
    {
        var before = handler.Exchanges.Count;
        try
        {
            var result = await call().WaitAsync(TimeSpan.FromSeconds(30));
            var exchanges = handler.Exchanges.Skip(before).ToList();
            if (exchanges is not [var exchange] || !exchange.MethodName.Equals(method, StringComparison.OrdinalIgnoreCase) || exchange.Status != 200)
            {
                throw new InvalidOperationException($"expected one 200 exchange of {method}, got: {string.Join(", ", exchanges.Select(e => $"{e.MethodName} {e.Status}"))}");
            }

            recorded[method] = exchange;
            return result;
        }
        catch (Exception e)
        {
            var answer = handler.Exchanges.Skip(before).LastOrDefault();
            failures[method] = answer is { Status: not 200 }
                ? $"HTTP {answer.Status}: {System.Text.Encoding.UTF8.GetString(answer.ResponseBody)}"
                : $"{e.GetType().Name}: {e.Message}";
            return default;
        }
    }

    private async Task<RecordingResult> ResultAsync()
    {
        var recordings = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (method, exchange) in recorded)
        {
            var descriptor = ApiSurface.Descriptor(method);
            recordings[method] = new JsonObject
            {
                ["method"] = descriptor.Name,
                ["section"] = descriptor.Section,
                ["request"] = await RecordingFormat.DescribeRequestAsync(exchange, handler.Redactor),
                ["response"] = RecordingFormat.DescribeResponse(exchange, handler.Redactor),
            };
        }

        var allFailures = new SortedDictionary<string, string>(failures, StringComparer.Ordinal);
        var defects = SandboxDefects();
        for (var i = 0; i < defects.Count; i++)
        {
            allFailures[$"(sandbox defect {i + 1})"] = defects[i];
        }

        return new RecordingResult(recordings, allFailures);
    }

    /// <summary>Exceptions the sandbox's own code threw (answered 500 "sandbox defect").</summary>
    private List<string> SandboxDefects() =>
        handler.Exchanges.Where(e => e.Status == 500 && System.Text.Encoding.UTF8.GetString(e.ResponseBody).Contains("sandbox defect", StringComparison.Ordinal))
            .Select(e => $"{e.MethodName}: {System.Text.Encoding.UTF8.GetString(e.ResponseBody)}")
            .ToList();
}
