using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    private const string StatusChatId = "status@broadcast";

    /// <summary>What <see cref="SandboxStatus"/> does not hold for a sent status: its queued message and the exact time it was posted.</summary>
    private static readonly ConditionalWeakTable<SandboxStatus, StatusTrack> StatusTracks = new();

    private static readonly string[] StatusProgress = ["pending", "sent", "delivered", "read"];

    /// <summary>
    /// 1.3.8 Statuses (beta in the docs; always on in the sandbox). A sent status goes through the outgoing
    /// queue like a message (showMessagesQueue shows it with its method as <c>type</c>; it is sent at the
    /// sending interval to <c>status@broadcast</c>, with the usual outgoing notifications) and is recorded in
    /// <see cref="SandboxInstance.OutgoingStatuses"/> with its recipients: the <c>participants</c> given, or
    /// the first 1024 contacts with a contact name; numbers not on WhatsApp are skipped. Once sent, each
    /// recipient who is in the account's contacts (the docs: both sides must have saved each other) sees it
    /// delivered and then read after <see cref="GreenApiSandboxOptions.DeliveryDelay"/> each, provided the
    /// <c>outgoingWebhook</c> setting is on (the docs: states are only tracked with it); the others stay <c>sent</c>.
    /// </summary>
    private static void Statuses(Dictionary<string, SandboxHandler> map)
    {
        map["sendTextStatus"] = call =>
        {
            var text = call.Required("message");
            var look = new JsonObject { ["text"] = text, ["backgroundColor"] = call.Text("backgroundColor") ?? "#FFFFFF" };
            if (call.Text("font") is { } font)
            {
                look["font"] = font;
            }

            return StatusPost(
                call,
                new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = look },
                new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = new JsonObject { ["text"] = text } });
        };
        map["sendVoiceStatus"] = call => StatusPostFile(call, voice: true);
        map["sendMediaStatus"] = call => StatusPostFile(call, voice: false);

        map["deleteStatus"] = async call =>
        {
            var instance = call.Instance;
            var id = call.Required("idMessage");
            lock (instance.Sync)
            {
                var status = instance.OutgoingStatuses.FirstOrDefault(s => s.IdMessage == id && !s.Deleted)
                    ?? throw SandboxError.BadRequest("ID message notfound");
                status.Deleted = true;
                if (StatusTracks.TryGetValue(status, out var track))
                {
                    track.Message.IsDeleted = true;
                }
            }

            // The docs: 200 with an empty body.
            call.Http.Response.StatusCode = 200;
            call.Http.Response.ContentLength = 0;
            await call.Http.Response.StartAsync(call.Aborted).ConfigureAwait(false);
            return null;
        };

        map["getStatusStatistic"] = call =>
        {
            var instance = call.Instance;
            var id = call.Required("idMessage");
            lock (instance.Sync)
            {
                var status = instance.OutgoingStatuses.FirstOrDefault(s => s.IdMessage == id && !s.Deleted);
                if (status is null || StatusTrackOf(status) is not { MessageState: not "failed" } track)
                {
                    return Json(new JsonArray());
                }

                return Json(new JsonArray(status.Participants.Select(p =>
                {
                    var (state, at) = StatusStateFor(call, track, p);
                    return (JsonNode)new JsonObject { ["participant"] = p, ["timestamp"] = at, ["status"] = state };
                }).ToArray()));
            }
        };

        map["getOutgoingStatuses"] = call =>
        {
            var instance = call.Instance;
            var since = call.Sandbox.UnixNow - (call.Number("minutes") ?? 1440) * 60;
            var list = new JsonArray();
            lock (instance.Sync)
            {
                foreach (var status in instance.OutgoingStatuses.Where(s => !s.Deleted && s.Timestamp >= since))
                {
                    // A status whose message was cleared from the queue (clearMessagesQueue) was never sent.
                    var track = StatusTrackOf(status);
                    if (track.MessageState == "failed")
                    {
                        continue;
                    }

                    var (state, at) = StatusOverallState(call, track, status);
                    var item = new JsonObject
                    {
                        ["type"] = "outgoing",
                        ["idMessage"] = status.IdMessage,
                        ["timestamp"] = at,
                        ["typeMessage"] = StatusTypeOf(status.MessageData),
                        ["chatId"] = status.Sender,
                    };
                    // The docs: participants is [] for a status not sent through the API.
                    var requested = track.ByApi ? status.MessageData["participants"]?.DeepClone() ?? new JsonArray() : new JsonArray();
                    StatusContent(item, status.MessageData, requested);
                    item["statusMessage"] = state;
                    item["sendByApi"] = track.ByApi;
                    list.Add(item);
                }
            }

            return Json(list);
        };

        map["getIncomingStatuses"] = call =>
        {
            var instance = call.Instance;
            var since = call.Sandbox.UnixNow - (call.Number("minutes") ?? 1440) * 60;
            var list = new JsonArray();
            lock (instance.Sync)
            {
                foreach (var status in instance.IncomingStatuses.Where(s => !s.Deleted && s.Timestamp >= since))
                {
                    var contact = instance.Contacts.TryGetValue(status.Sender, out var c) ? c : null;
                    var item = new JsonObject
                    {
                        ["type"] = "incoming",
                        ["idMessage"] = status.IdMessage,
                        ["timestamp"] = status.Timestamp,
                        ["typeMessage"] = StatusTypeOf(status.MessageData),
                        ["chatId"] = status.Sender,
                        ["senderId"] = status.Sender,
                        ["senderName"] = contact?.Name ?? status.Sender.Split('@')[0],
                        ["senderContactName"] = contact?.ContactName ?? "",
                    };
                    StatusContent(item, status.MessageData, participants: null);
                    list.Add(item);
                }
            }

            return Json(list);
        };
    }

    /// <summary>sendVoiceStatus and sendMediaStatus: a file by URL.</summary>
    private static Task<JsonNode?> StatusPostFile(SandboxCall call, bool voice)
    {
        var url = call.Required("urlFile");
        var name = call.Required("fileName");
        var known = call.Sandbox.FileAt(url);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var type = known?.ContentType is { } t && !t.StartsWith("application/octet-stream", StringComparison.Ordinal) ? t : SandboxMedia.TypeOf(name);
        if (type == "application/octet-stream" && extension == ".wav")
        {
            type = "audio/wav";
        }

        if (voice && !type.StartsWith("audio/", StringComparison.Ordinal))
        {
            type = extension == ".wav" ? "audio/wav" : "audio/mpeg";
        }

        var typeMessage = SandboxMedia.MessageTypeOf(type);
        if (typeMessage is not ("imageMessage" or "videoMessage" or "audioMessage"))
        {
            throw SandboxError.Validation($"'fileName' must name an image, video or audio file; '{name}' is {type}");
        }

        // The docs: the file's name in the status is generated by the service.
        var generated = new SandboxFile("status", Guid.NewGuid().ToString() + extension, type, []);
        var caption = voice ? null : call.Text("caption");
        var data = FileData(generated, url, caption);
        return StatusPost(call, (JsonObject)data.DeepClone(), data);
    }

    /// <summary>Records a status, queues its message for <c>status@broadcast</c> and answers with its id.</summary>
    private static Task<JsonNode?> StatusPost(SandboxCall call, JsonObject statusData, JsonObject messageData)
    {
        var instance = call.Instance;
        var requested = call.Body["participants"] is JsonArray given ? given.Select(p => (string?)p ?? "").Distinct(StringComparer.Ordinal).ToList() : [];
        var id = call.Sandbox.Ids.Api();
        var now = call.Sandbox.UnixNow;
        var message = new SandboxMessage(id, StatusChatId, outgoing: true, sendByApi: true, now, messageData)
        {
            SenderId = instance.Wid,
            SenderName = instance.Name,
        };
        statusData["participants"] = new JsonArray(requested.Select(p => (JsonNode?)p).ToArray());
        lock (instance.Sync)
        {
            // Empty participants: every contact with a contact name, the first 1024 (the docs).
            var audience = requested.Count > 0
                ? requested
                : instance.Contacts.Values.Where(c => !string.IsNullOrEmpty(c.ContactName) && GroupIsPersonalChat(c.ChatId)).Select(c => c.ChatId).Take(1024).ToList();
            var recipients = audience.Where(p => p != instance.Wid && GroupIsOnWhatsapp(instance, p)).ToList();
            var status = new SandboxStatus(id, instance.Wid, now, statusData, recipients);
            instance.OutgoingStatuses.Add(status);
            StatusTracks.AddOrUpdate(status, new StatusTrack(message, call.Now));
        }

        instance.Outgoing.Add(new SandboxQueuedMessage(id, call.Method.Name, QueueBody(call), message));
        return Json(new JsonObject { ["idMessage"] = id });
    }

    /// <summary>
    /// One recipient's state: <c>pending</c> while queued, then <c>sent</c>; a recipient in the contacts
    /// sees it <c>delivered</c> and <c>read</c> one and two delivery delays after it was posted. With the
    /// time (Unix seconds) it reached that state.
    /// </summary>
    private static (string State, long At) StatusStateFor(SandboxCall call, StatusView track, string participant)
    {
        var posted = track.Posted.ToUnixTimeSeconds();
        if (track.MessageState == "pending")
        {
            return ("pending", posted);
        }

        var instance = call.Instance;
        if (call.Sandbox.Options.DeliveryDelay is not { } delay || !instance.Flag("outgoingWebhook") || !instance.Contacts.ContainsKey(participant))
        {
            return ("sent", posted);
        }

        var now = call.Now;
        var read = track.Posted + (2 * delay);
        if (now >= read)
        {
            return ("read", Math.Max(posted, read.ToUnixTimeSeconds()));
        }

        var delivered = track.Posted + delay;
        return now >= delivered ? ("delivered", Math.Max(posted, delivered.ToUnixTimeSeconds())) : ("sent", posted);
    }

    /// <summary>A status's state as getOutgoingStatuses shows it: the furthest any recipient has got, and when.</summary>
    private static (string State, long At) StatusOverallState(SandboxCall call, StatusView track, SandboxStatus status)
    {
        var best = track.MessageState == "pending" ? ("pending", track.Posted.ToUnixTimeSeconds()) : ("sent", track.Posted.ToUnixTimeSeconds());
        foreach (var participant in status.Participants)
        {
            var state = StatusStateFor(call, track, participant);
            if (Array.IndexOf(StatusProgress, state.State) > Array.IndexOf(StatusProgress, best.Item1))
            {
                best = state;
            }
        }

        return best;
    }

    /// <summary>The status's <c>typeMessage</c> (one of StatusTypeMessage's values).</summary>
    private static string StatusTypeOf(JsonObject data)
    {
        var type = (string?)data["typeMessage"];
        if (type is "extendedTextMessage" or "imageMessage" or "videoMessage" or "audioMessage")
        {
            return type;
        }

        return data["fileMessageData"]?["mimeType"] is JsonValue mime && mime.TryGetValue<string>(out var m) && SandboxMedia.MessageTypeOf(m) is var byMime && byMime != "documentMessage"
            ? byMime
            : "extendedTextMessage";
    }

    /// <summary>
    /// The fields after <c>chatId</c> that depend on <c>typeMessage</c>: for a text status <c>textMessage</c> and
    /// <c>extendedTextMessage</c> (with <paramref name="participants"/> inside it, as the docs' example has it);
    /// for a file its link, name, type and (image, video) caption and thumbnail, with <paramref name="participants"/> at the top.
    /// </summary>
    private static void StatusContent(JsonObject item, JsonObject data, JsonNode? participants)
    {
        var type = StatusTypeOf(data);
        if (type == "extendedTextMessage")
        {
            var source = data["extendedTextMessageData"] as JsonObject;
            var text = (string?)source?["text"] ?? (string?)data["textMessageData"]?["textMessage"] ?? "";
            var look = new JsonObject { ["text"] = text, ["backgroundColor"] = (string?)source?["backgroundColor"] ?? "#FFFFFF" };
            if ((string?)source?["font"] is { } font)
            {
                look["font"] = font;
            }

            if (participants is not null)
            {
                look["participants"] = participants;
            }

            item["textMessage"] = text;
            item["extendedTextMessage"] = look;
            return;
        }

        if (participants is not null)
        {
            item["participants"] = participants;
        }

        var file = data["fileMessageData"] as JsonObject;
        item["downloadUrl"] = (string?)file?["downloadUrl"] ?? "";
        if (type != "audioMessage")
        {
            item["caption"] = (string?)file?["caption"] ?? "";
        }

        item["fileName"] = (string?)file?["fileName"] ?? "";
        if (type != "audioMessage")
        {
            item["jpegThumbnail"] = (string?)file?["jpegThumbnail"] ?? "";
        }

        item["mimeType"] = (string?)file?["mimeType"] ?? "";
    }

    /// <summary>
    /// How far a status's message has got (<c>pending</c> in the queue, <c>sent</c>, or <c>failed</c> when the
    /// queue was cleared), when it was posted, and whether through the API. A status recorded without going
    /// through sendTextStatus/…Status (put in <see cref="SandboxInstance.OutgoingStatuses"/> directly) counts
    /// as one sent from the phone at its timestamp.
    /// </summary>
    private static StatusView StatusTrackOf(SandboxStatus status) =>
        StatusTracks.TryGetValue(status, out var track)
            ? new StatusView(track.Message.Status, track.Posted, ByApi: true)
            : new StatusView("sent", DateTimeOffset.FromUnixTimeSeconds(status.Timestamp), ByApi: false);

    /// <summary>A sent status's queued message and the exact time it was posted.</summary>
    private sealed record StatusTrack(SandboxMessage Message, DateTimeOffset Posted);

    /// <summary>See <see cref="StatusTrackOf"/>.</summary>
    private sealed record StatusView(string MessageState, DateTimeOffset Posted, bool ByApi);
}
