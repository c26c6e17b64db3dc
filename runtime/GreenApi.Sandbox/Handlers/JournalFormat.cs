using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>
/// Journal entries (spec/journals.yaml, <c>JournalMessage</c> and <c>JournalCall</c>) built from an
/// instance's state. A <see cref="SandboxMessage"/> keeps the notification shape
/// (<c>{"typeMessage": …, "…Data": {…}}</c>); a journal entry is flat: the common fields, then the
/// type's own fields under the journal's names (<c>textMessage</c>, <c>location</c>, <c>contact</c>,
/// <c>extendedTextMessage</c>, …). Every nested object is cut down to the properties its journal schema
/// declares, so an entry never carries a field the spec does not have.
/// </summary>
internal static class JournalFormat
{
    /// <summary>The statuses <c>JournalStatusMessage</c> allows; a message that failed has none.</summary>
    private static readonly HashSet<string> StatusMessages = new(StringComparer.Ordinal)
    {
        "noAccount", "notInGroup", "pending", "sent", "delivered", "read", "yellowCard",
    };

    /// <summary>The statuses <c>JournalCallStatus</c> allows.</summary>
    private static readonly HashSet<string> CallStatuses = new(StringComparer.Ordinal) { "offer", "pickUp", "hangUp", "missed", "declined" };

    private static readonly HashSet<string> FileTypes = new(StringComparer.Ordinal)
    {
        "imageMessage", "videoMessage", "documentMessage", "audioMessage", "stickerMessage",
    };

    private static readonly HashSet<string> LegacyButtonTypes = new(StringComparer.Ordinal)
    {
        "buttonsMessage", "templateMessage", "listMessage", "buttonsResponseMessage", "templateButtonsReplyMessage", "listResponseMessage",
    };

    /// <summary>The id of the edit event of a message edited through editMessage (its <c>editedMessageId</c>).</summary>
    private static readonly ConditionalWeakTable<SandboxMessage, string> EditIds = new();

    private static readonly ConcurrentDictionary<string, HashSet<string>> Declared = new(StringComparer.Ordinal);

    /// <summary>Whether a message is an event about another message (an edit or a deletion), not a message of its own.</summary>
    public static bool IsEvent(SandboxMessage message) => message.TypeMessage is "editedMessage" or "deletedMessage";

    /// <summary>Remembers the id of the edit event of <paramref name="message"/>.</summary>
    public static void RememberEdit(SandboxMessage message, string editId) => EditIds.AddOrUpdate(message, editId);

    /// <summary>
    /// The journal entries of the messages that pass <paramref name="filter"/>, newest first (in one chat
    /// when <paramref name="chatId"/> is given). Edits and deletions recorded as messages of their own
    /// (<c>editedMessage</c>, <c>deletedMessage</c>) are applied to the entries they name.
    /// </summary>
    public static List<JsonObject> Messages(SandboxInstance instance, SandboxSpec spec, string? chatId, Func<SandboxMessage, bool> filter)
    {
        lock (instance.Sync)
        {
            IEnumerable<KeyValuePair<string, List<SandboxMessage>>> chats = chatId is null
                ? instance.Chats
                : instance.Chats.TryGetValue(chatId, out var one) ? [new(chatId, one)] : [];
            var found = new List<(SandboxMessage Message, int Index, JsonObject Entry)>();
            foreach (var (_, list) in chats)
            {
                var marks = ChatMarks.Of(list);
                for (var i = 0; i < list.Count; i++)
                {
                    if (filter(list[i]) && Entry(instance, spec, list[i], marks) is { } entry)
                    {
                        found.Add((list[i], i, entry));
                    }
                }
            }

            return found
                .OrderByDescending(f => f.Message.Timestamp)
                .ThenByDescending(f => Sequence(f.Message.IdMessage))
                .ThenByDescending(f => f.Index)
                .Select(f => f.Entry)
                .ToList();
        }
    }

    /// <summary>
    /// The call journal of one direction since <paramref name="since"/> (Unix seconds), newest first. The
    /// simulation records every status of a call (<c>offer</c>, then <c>pickUp</c>, …) as it happens; the
    /// journal shows one entry per call: an <c>offer</c> opens a call with its correspondent, the next
    /// status closes it and becomes its status; a status with no open call is a call of its own.
    /// </summary>
    public static List<JsonObject> Calls(SandboxInstance instance, bool outgoing, long since)
    {
        List<SandboxCallRecord> records;
        lock (instance.Sync)
        {
            records = instance.Calls.Where(c => c.Outgoing == outgoing).ToList();
        }

        var calls = new List<(SandboxCallRecord First, string Status)>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Status != "offer" && open.Remove(record.ChatId, out var index))
            {
                calls[index] = (calls[index].First, record.Status);
                continue;
            }

            calls.Add((record, record.Status));
            if (record.Status == "offer")
            {
                open[record.ChatId] = calls.Count - 1;
            }
        }

        return calls
            .Select((c, i) => (c.First, c.Status, Index: i))
            .Where(c => c.First.Timestamp >= since && CallStatuses.Contains(c.Status))
            .OrderByDescending(c => c.First.Timestamp)
            .ThenByDescending(c => c.Index)
            .Select(c => new JsonObject
            {
                ["type"] = outgoing ? "outgoing" : "incoming",
                ["idMessage"] = c.First.IdMessage,
                ["timestamp"] = c.First.Timestamp,
                ["typeMessage"] = outgoing ? "outgoingCall" : "incomingCall",
                ["chatId"] = c.First.ChatId,
                ["duration"] = 0,
                ["isVideo"] = false,
                ["status"] = c.Status,
            })
            .ToList();
    }

    /// <summary>The start of the period the <c>minutes</c> parameter asks for (default 1440, 24 hours), Unix seconds.</summary>
    public static long Since(SandboxCall call) => call.Sandbox.UnixNow - Math.Max(0, call.Number("minutes") ?? 1440) * 60;

    /// <summary>Entries as a JSON array.</summary>
    public static JsonArray List(IEnumerable<JsonObject> entries) => new(entries.Select(e => (JsonNode)e).ToArray());

    /// <summary>Answers 200 with an empty body (deleteMessage, archiveChat, unarchiveChat, sendTyping).</summary>
    public static async Task<JsonNode?> EmptyAsync(SandboxCall call)
    {
        var response = call.Http.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.ContentLength = 0;
        await response.StartAsync(call.Aborted).ConfigureAwait(false);
        return null;
    }

    /// <summary>The journal entry of one message, or <see langword="null"/> when the journals have no shape for its type.</summary>
    private static JsonObject? Entry(SandboxInstance instance, SandboxSpec spec, SandboxMessage message, ChatMarks marks)
    {
        var type = JournalType(message.TypeMessage);
        var data = message.MessageData;
        var entry = new JsonObject
        {
            ["type"] = message.Outgoing ? "outgoing" : "incoming",
            ["idMessage"] = message.IdMessage,
            ["timestamp"] = message.Timestamp,
            ["typeMessage"] = type,
            ["chatId"] = message.ChatId,
        };
        if (message.Outgoing)
        {
            if (StatusMessages.Contains(message.Status))
            {
                entry["statusMessage"] = message.Status;
            }

            entry["sendByApi"] = message.SendByApi;
        }
        else
        {
            entry["senderId"] = message.SenderId ?? message.ChatId;
            entry["senderName"] = message.SenderName ?? "";
            entry["senderContactName"] = message.SenderContactName ?? "";
        }

        var editedText = marks.Edits.TryGetValue(message.IdMessage, out var edit) ? edit.Text : null;
        var editId = edit.EventId ?? (EditIds.TryGetValue(message, out var id) ? id : null);
        var isEdited = message.IsEdited || editedText is not null;
        var deletionId = marks.Deletions.GetValueOrDefault(message.IdMessage);
        var isDeleted = message.IsDeleted || deletionId is not null;
        switch (type)
        {
            case "textMessage":
                var text = editedText ?? (string?)data["textMessageData"]?["textMessage"] ?? "";
                if (isEdited)
                {
                    // The collection's journal examples show an edited text as an extendedTextMessage entry.
                    entry["typeMessage"] = "extendedTextMessage";
                    entry["textMessage"] = text;
                    entry["extendedTextMessage"] = new JsonObject
                    {
                        ["text"] = text,
                        ["description"] = "",
                        ["title"] = "",
                        ["previewType"] = "None",
                        ["jpegThumbnail"] = "",
                        ["forwardingScore"] = Forwarding(data["textMessageData"]).Score,
                        ["isForwarded"] = Forwarding(data["textMessageData"]).IsForwarded,
                    };
                }
                else
                {
                    entry["textMessage"] = text;
                    CopyForwarding(data["textMessageData"], entry);
                }

                break;
            case "extendedTextMessage":
                var extended = Pick(spec, "JournalExtendedText", data["extendedTextMessageData"]);
                if (editedText is not null)
                {
                    extended["text"] = editedText;
                }

                entry["textMessage"] = (string?)extended["text"] ?? "";
                entry["extendedTextMessage"] = extended;
                break;
            case "quotedMessage":
                var reply = Pick(spec, "JournalExtendedText", data["extendedTextMessageData"]);
                if (editedText is not null)
                {
                    reply["text"] = editedText;
                }

                entry["extendedTextMessage"] = reply;
                entry["quotedMessage"] = Quote(instance, spec, data["quotedMessage"], (string?)reply["stanzaId"]);
                break;
            case "reactionMessage":
                entry["extendedTextMessageData"] = new JsonObject { ["text"] = (string?)data["extendedTextMessageData"]?["text"] ?? "" };
                var reacted = new JsonObject { ["stanzaId"] = (string?)data["quotedMessage"]?["stanzaId"] ?? "" };
                if ((string?)data["quotedMessage"]?["participant"] is { } participant)
                {
                    reacted["participant"] = participant;
                }

                entry["quotedMessage"] = reacted;
                break;
            case var file when FileTypes.Contains(file):
                foreach (var (key, value) in Pick(spec, "JournalFileMessage", data["fileMessageData"]))
                {
                    entry[key] = value?.DeepClone();
                }

                entry["downloadUrl"] ??= "";
                if (editedText is not null)
                {
                    entry["caption"] = editedText;
                }

                break;
            case "locationMessage" or "LocationMessage":
                var location = Pick(spec, "JournalLocation", data["locationMessageData"]);
                location["latitude"] ??= 0.0;
                location["longitude"] ??= 0.0;
                entry["location"] = location;
                break;
            case "contactMessage":
                var contact = Pick(spec, "JournalContact", data["contactMessageData"]);
                contact["vcard"] ??= "";
                entry["contact"] = contact;
                break;
            case "contactsArrayMessage":
                var source = data["messageData"] as JsonObject ?? data;
                var array = Pick(spec, "JournalContactsArray", source);
                array["contacts"] = new JsonArray((source["contacts"] as JsonArray ?? []).Select(c =>
                {
                    var one = Pick(spec, "JournalContactsArrayContact", c);
                    one["vcard"] ??= "";
                    return (JsonNode)one;
                }).ToArray());
                entry["messageData"] = array;
                break;
            case "pollMessage" or "pollUpdateMessage":
                entry["pollMessageData"] = Poll(spec, data, keepOptions: true);
                break;
            case "interactiveButtons":
                var buttons = Pick(spec, "JournalInteractiveButtons", data["interactiveButtons"]);
                buttons["buttons"] = new JsonArray((data["interactiveButtons"]?["buttons"] as JsonArray ?? []).Select(b =>
                {
                    var button = Pick(spec, "JournalInteractiveButton", b);
                    if ((string?)button["type"] is not ("copy" or "call" or "url" or "reply"))
                    {
                        button.Remove("type");
                    }

                    button["buttonId"] ??= "";
                    button["buttonText"] ??= "";
                    return (JsonNode)button;
                }).ToArray());
                entry["interactiveButtons"] = buttons;
                break;
            case "groupInviteMessage":
                entry["groupInviteMessage"] = data["groupInviteMessageData"] is JsonObject invite ? invite.DeepClone() : null;
                break;
            case "deletedMessage":
                entry["deletedMessageData"] = new JsonObject { ["stanzaId"] = (string?)data["deletedMessageData"]?["stanzaId"] ?? "" };
                return entry;
            case var legacy when LegacyButtonTypes.Contains(legacy):
                break;
            default:
                // editedMessage (applied to the message it edits) and types the journals have no shape for.
                return null;
        }

        // The collection's (2025+) journal examples carry these four on every message entry.
        entry["deletedMessageId"] = deletionId ?? "";
        entry["editedMessageId"] = isEdited ? editId ?? "" : "";
        entry["isEdited"] = isEdited;
        entry["isDeleted"] = isDeleted;
        return entry;
    }

    /// <summary>
    /// The <c>quotedMessage</c> of a reply (<c>JournalQuote</c>): built from the quoted message when the
    /// sandbox still has it, as the docs' examples show it (a quoted file without its link, caption and
    /// name; a quoted poll without its options); otherwise the stored quote cut down to the schema.
    /// </summary>
    private static JsonObject Quote(SandboxInstance instance, SandboxSpec spec, JsonNode? stored, string? replyStanzaId)
    {
        var stanzaId = (string?)stored?["stanzaId"] ?? replyStanzaId ?? "";
        var quoted = stanzaId.Length > 0 ? instance.FindMessage(stanzaId) : null;
        if (quoted is null)
        {
            var copy = Pick(spec, "JournalQuote", stored);
            copy["stanzaId"] = stanzaId;
            foreach (var (key, schema) in new[] { ("location", "JournalLocation"), ("contact", "JournalContact"), ("extendedTextMessage", "JournalExtendedText"), ("pollMessageData", "JournalPollData") })
            {
                if (copy.ContainsKey(key))
                {
                    copy[key] = key == "pollMessageData" ? Poll(spec, stored!.AsObject(), keepOptions: false) : Pick(spec, schema, stored?[key]);
                }
            }

            return copy;
        }

        var quote = new JsonObject
        {
            ["stanzaId"] = stanzaId,
            ["participant"] = (string?)stored?["participant"] ?? quoted.SenderId ?? instance.Wid,
        };
        var type = JournalType(quoted.TypeMessage);
        var data = quoted.MessageData;
        switch (type)
        {
            case "reactionMessage" or "stickerMessage":
                // The docs: the quote of a reaction or a sticker has only stanzaId and participant.
                break;
            case "textMessage":
                quote["typeMessage"] = type;
                quote["textMessage"] = (string?)data["textMessageData"]?["textMessage"] ?? "";
                break;
            case "extendedTextMessage":
                quote["typeMessage"] = type;
                quote["textMessage"] = (string?)data["extendedTextMessageData"]?["text"] ?? "";
                var link = Pick(spec, "JournalExtendedText", data["extendedTextMessageData"]);
                link.Remove("stanzaId");
                link.Remove("participant");
                quote["extendedTextMessage"] = link;
                break;
            case "quotedMessage":
                // A quoted reply is a text with a quote of its own.
                quote["typeMessage"] = "extendedTextMessage";
                quote["textMessage"] = (string?)data["extendedTextMessageData"]?["text"] ?? "";
                break;
            case var file when FileTypes.Contains(file):
                var f = data["fileMessageData"];
                quote["typeMessage"] = type;
                quote["downloadUrl"] = "";
                quote["caption"] = "";
                quote["fileName"] = "";
                quote["jpegThumbnail"] = (string?)f?["jpegThumbnail"] ?? "";
                quote["mimeType"] = (string?)f?["mimeType"] ?? "";
                quote["isAnimated"] = (bool?)f?["isAnimated"] ?? false;
                quote["isForwarded"] = Forwarding(f).IsForwarded;
                quote["forwardingScore"] = Forwarding(f).Score;
                break;
            case "locationMessage" or "LocationMessage":
                quote["typeMessage"] = "locationMessage";
                quote["location"] = Pick(spec, "JournalLocation", data["locationMessageData"]);
                break;
            case "contactMessage":
                quote["typeMessage"] = type;
                quote["contact"] = Pick(spec, "JournalContact", data["contactMessageData"]);
                break;
            case "pollMessage":
                quote["typeMessage"] = type;
                quote["pollMessageData"] = Poll(spec, data, keepOptions: false);
                break;
            default:
                quote["typeMessage"] = type;
                break;
        }

        return quote;
    }

    /// <summary>
    /// <c>pollMessageData</c> (<c>JournalPollData</c>), also from the older <c>pollCreationMessage</c>.
    /// A quoted poll has empty options, as in the docs' examples.
    /// </summary>
    private static JsonObject Poll(SandboxSpec spec, JsonObject data, bool keepOptions)
    {
        JsonObject poll;
        if (data["pollMessageData"] is JsonObject current)
        {
            poll = Pick(spec, "JournalPollData", current);
        }
        else
        {
            var creation = data["pollCreationMessage"];
            poll = new JsonObject
            {
                ["name"] = (string?)creation?["name"] ?? "",
                ["options"] = creation?["options"]?.DeepClone() ?? new JsonArray(),
                ["multipleAnswers"] = (long?)creation?["selectableOptionsCount"] is not 1,
            };
        }

        poll["name"] ??= "";
        if (!keepOptions && poll.ContainsKey("options"))
        {
            poll["options"] = new JsonArray();
        }

        if (poll["options"] is JsonArray options)
        {
            poll["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["optionName"] = (string?)o?["optionName"] ?? "" }).ToArray());
        }

        if (poll["votes"] is JsonArray votes)
        {
            poll["votes"] = new JsonArray(votes.Select(v => (JsonNode)new JsonObject
            {
                ["optionName"] = (string?)v?["optionName"] ?? "",
                ["optionVoters"] = v?["optionVoters"]?.DeepClone() ?? new JsonArray(),
            }).ToArray());
        }

        return poll;
    }

    /// <summary>The journal's key for a notification <c>typeMessage</c> the journals spell differently.</summary>
    private static string JournalType(string typeMessage) => typeMessage switch
    {
        "ListMessage" => "listMessage",
        "templateButtonReplyMessage" => "templateButtonsReplyMessage",
        "ListResponseMessage" => "listResponseMessage",
        // The journals have no key for a pressed interactive reply button: the nearest is the (legacy) button reply.
        "interactiveButtonsResponse" => "buttonsResponseMessage",
        _ => typeMessage,
    };

    private static (bool IsForwarded, long Score) Forwarding(JsonNode? data) =>
        ((bool?)data?["isForwarded"] ?? false, (long?)data?["forwardingScore"] ?? 0);

    private static void CopyForwarding(JsonNode? data, JsonObject entry)
    {
        if (data?["isForwarded"] is JsonValue forwarded)
        {
            entry["isForwarded"] = forwarded.DeepClone();
        }

        if (data?["forwardingScore"] is JsonValue score)
        {
            entry["forwardingScore"] = score.DeepClone();
        }
    }

    /// <summary>Copies the non-null properties of <paramref name="source"/> that the schema <paramref name="schemaName"/> declares.</summary>
    private static JsonObject Pick(SandboxSpec spec, string schemaName, JsonNode? source)
    {
        var declared = Declared.GetOrAdd(schemaName, name =>
        {
            var schema = spec.Resolve(spec.Bundle["components"]?["schemas"]?[name]) as JsonObject
                ?? throw new InvalidOperationException($"the spec has no schema {name}");
            return (spec.Resolve(schema["properties"]) as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        });
        var copy = new JsonObject();
        if (source is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                if (value is not null && declared.Contains(key))
                {
                    copy[key] = value.DeepClone();
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// A tie-breaker for messages of the same second: the counter inside the sandbox's own ids
    /// (<see cref="SandboxIds"/>: <c>BAE5</c>+12, <c>3EB0</c>+16 or <c>A</c>+31 hex digits); 0 for other ids.
    /// </summary>
    private static ulong Sequence(string id)
    {
        var digits = id switch
        {
            { Length: 16 } when id.StartsWith("BAE5", StringComparison.Ordinal) => id[4..],
            { Length: 20 } when id.StartsWith("3EB0", StringComparison.Ordinal) => id[4..],
            { Length: 32 } when id.StartsWith('A') => id[^16..],
            _ => "",
        };
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    /// <summary>The edits and deletions a chat records as messages of their own, by the id of the message they name.</summary>
    private sealed class ChatMarks
    {
        public Dictionary<string, (string? Text, string? EventId)> Edits { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Deletions { get; } = new(StringComparer.Ordinal);

        public static ChatMarks Of(List<SandboxMessage> chat)
        {
            var marks = new ChatMarks();
            foreach (var message in chat)
            {
                if (message.TypeMessage == "editedMessage" && (string?)message.MessageData["editedMessageData"]?["stanzaId"] is { } edited)
                {
                    marks.Edits[edited] = ((string?)message.MessageData["editedMessageData"]?["textMessage"] ?? "", message.IdMessage);
                }
                else if (message.TypeMessage == "deletedMessage" && (string?)message.MessageData["deletedMessageData"]?["stanzaId"] is { } deleted)
                {
                    marks.Deletions[deleted] = message.IdMessage;
                }
            }

            return marks;
        }
    }
}
