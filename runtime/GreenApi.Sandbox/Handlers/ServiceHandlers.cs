using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    /// <summary>
    /// 1.3.10 Service methods: answered from the simulated account (numbers without WhatsApp, contacts,
    /// groups, avatars, the chats' messages, archive and disappearing-message state). Methods whose
    /// answer the docs give as "200 with an empty body" answer exactly that.
    /// </summary>
    private static void Service(Dictionary<string, SandboxHandler> map)
    {
        map["checkWhatsapp"] = call =>
        {
            var number = (call.Number("phoneNumber") ?? throw SandboxError.Validation("'phoneNumber' is required"))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            var missing = call.Instance.NumbersWithoutWhatsapp;
            bool exists;
            lock (call.Instance.Sync)
            {
                exists = !missing.Contains(number) && !missing.Contains("+" + number) && !missing.Contains(number + "@c.us");
            }

            return Json(new JsonObject { ["existsWhatsapp"] = exists });
        };
        map["getAvatar"] = call =>
        {
            var chatId = call.Required("chatId");
            var instance = call.Instance;
            string url;
            lock (instance.Sync)
            {
                url = chatId == instance.Wid ? instance.AvatarUrl ?? ""
                    : instance.Groups.TryGetValue(chatId, out var group) ? group.PictureUrl ?? ""
                    : "";
            }

            // The docs: an empty link with available=true means no avatar is set or the number has no WhatsApp.
            return Json(new JsonObject { ["urlAvatar"] = url, ["available"] = true });
        };
        map["getContacts"] = call =>
        {
            var instance = call.Instance;
            var users = new List<JsonObject>();
            var groups = new List<JsonObject>();
            lock (instance.Sync)
            {
                foreach (var contact in instance.Contacts.Values.OrderBy(c => c.ChatId, StringComparer.Ordinal))
                {
                    users.Add(new JsonObject { ["id"] = contact.ChatId, ["name"] = contact.Name, ["contactName"] = contact.ContactName, ["type"] = "user" });
                }

                // Correspondents not in the address book: the docs' name is the profile name the account
                // learnt from their messages; they have no phone-book name.
                foreach (var (chatId, messages) in instance.Chats.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    if (instance.Contacts.ContainsKey(chatId) || chatId.EndsWith("@g.us", StringComparison.Ordinal) || chatId.EndsWith("@broadcast", StringComparison.Ordinal) || chatId.EndsWith("@newsletter", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var name = messages.LastOrDefault(m => !m.Outgoing && m.SenderId == chatId)?.SenderName ?? "";
                    users.Add(new JsonObject { ["id"] = chatId, ["name"] = name, ["contactName"] = "", ["type"] = "user" });
                }

                foreach (var group in instance.Groups.Values.Where(g => !g.Left).OrderBy(g => g.GroupId, StringComparer.Ordinal))
                {
                    groups.Add(new JsonObject { ["id"] = group.GroupId, ["name"] = group.Subject, ["type"] = "group" });
                }
            }

            return Json(JournalFormat.List(users.Concat(groups)));
        };
        map["getContactInfo"] = call =>
        {
            var chatId = call.Required("chatId");
            if (chatId.EndsWith("@g.us", StringComparison.Ordinal))
            {
                throw SandboxError.Validation("The method GetContactInfo does not support group chats, to work with groups, use the GetGroupData method");
            }

            var instance = call.Instance;
            lock (instance.Sync)
            {
                var contact = instance.Contacts.TryGetValue(chatId, out var c) ? c : null;
                var heard = instance.Chats.TryGetValue(chatId, out var messages)
                    ? messages.LastOrDefault(m => !m.Outgoing && m.SenderId == chatId)?.SenderName
                    : null;
                var expiration = instance.DisappearingChats.GetValueOrDefault(chatId);
                return Json(new JsonObject
                {
                    ["avatar"] = chatId == instance.Wid ? instance.AvatarUrl ?? "" : "",
                    ["name"] = contact?.Name ?? heard ?? "",
                    ["contactName"] = contact?.ContactName ?? "",
                    ["email"] = "",
                    ["category"] = "",
                    ["description"] = "",
                    ["products"] = new JsonArray(),
                    ["chatId"] = chatId,
                    ["lastSeen"] = null,
                    ["isArchive"] = instance.ArchivedChats.Contains(chatId),
                    ["isDisappearing"] = expiration > 0,
                    ["isMute"] = false,
                    ["messageExpiration"] = expiration,
                    ["muteExpiration"] = null,
                    ["isBusiness"] = false,
                });
            }
        };
        map["deleteMessage"] = call =>
        {
            var chatId = call.Required("chatId");
            var idMessage = call.Required("idMessage");
            var instance = call.Instance;
            var message = Message(instance, chatId, idMessage);
            if (message is null || message.IsDeleted)
            {
                throw new SandboxError(400, "Message by id not found");
            }

            message.IsDeleted = true;

            // Deleted for everyone (an own message, not onlySenderDelete): with deletedMessageWebhook on, the
            // deletion shows in the journals (a deletedMessage entry) and comes as a notification of a
            // message sent through the API (Postman notifications.json, "Message sent via API / Deleted Message").
            if (message.Outgoing && call.Flag("onlySenderDelete") != true && instance.Flag("deletedMessageWebhook"))
            {
                var deletion = new SandboxMessage(call.Sandbox.Ids.Api(), chatId, outgoing: true, sendByApi: true, call.Sandbox.UnixNow,
                    new JsonObject { ["typeMessage"] = "deletedMessage", ["deletedMessageData"] = new JsonObject { ["stanzaId"] = idMessage } })
                {
                    SenderId = instance.Wid,
                    SenderName = instance.Name,
                    Status = "sent",
                };
                instance.Record(deletion);
                instance.Notify("outgoingAPIMessageReceived", new JsonObject
                {
                    ["idMessage"] = deletion.IdMessage,
                    ["senderData"] = instance.SenderData(deletion),
                    ["messageData"] = deletion.MessageData.DeepClone(),
                });
            }

            return JournalFormat.EmptyAsync(call);
        };
        map["editMessage"] = call =>
        {
            var chatId = call.Required("chatId");
            var idMessage = call.Required("idMessage");
            var text = call.Required("message");
            var instance = call.Instance;
            var message = Message(instance, chatId, idMessage);
            if (message is null || message.IsDeleted)
            {
                throw new SandboxError(400, "Message by id not found");
            }

            if (!message.Outgoing)
            {
                throw new SandboxError(400, $"message {idMessage} was received, not sent by this account: only the account's own messages can be edited");
            }

            lock (instance.Sync)
            {
                var data = message.MessageData;
                var target = message.TypeMessage switch
                {
                    "textMessage" => (data["textMessageData"] as JsonObject, "textMessage"),
                    "extendedTextMessage" or "quotedMessage" => (data["extendedTextMessageData"] as JsonObject, "text"),
                    "imageMessage" or "videoMessage" or "documentMessage" => (data["fileMessageData"] as JsonObject, "caption"),
                    _ => ((JsonObject?)null, ""),
                };
                if (target.Item1 is not { } holder)
                {
                    throw new SandboxError(400, $"message {idMessage} is a {message.TypeMessage}: only texts and media captions can be edited");
                }

                holder[target.Item2] = text;
                message.IsEdited = true;
            }

            var editId = call.Sandbox.Ids.Api();
            JournalFormat.RememberEdit(message, editId);
            if (instance.Flag("editedMessageWebhook"))
            {
                instance.Notify("outgoingAPIMessageReceived", new JsonObject
                {
                    ["idMessage"] = editId,
                    ["senderData"] = instance.SenderData(message),
                    ["messageData"] = new JsonObject
                    {
                        ["typeMessage"] = "editedMessage",
                        ["editedMessageData"] = new JsonObject { ["textMessage"] = text, ["stanzaId"] = idMessage },
                    },
                });
            }

            // EN/RU collections: the answer carries the id of the edited message.
            return Json(new JsonObject { ["idMessage"] = idMessage });
        };
        map["archiveChat"] = call => Archive(call, archive: true);
        map["unarchiveChat"] = call => Archive(call, archive: false);
        map["setDisappearingChat"] = call =>
        {
            var chatId = call.Required("chatId");
            var expiration = call.Number("ephemeralExpiration") ?? throw SandboxError.Validation("'value' must have at least 2 keys");
            lock (call.Instance.Sync)
            {
                if (expiration > 0)
                {
                    call.Instance.DisappearingChats[chatId] = expiration;
                }
                else
                {
                    call.Instance.DisappearingChats.Remove(chatId);
                }
            }

            return Json(new JsonObject
            {
                ["chatId"] = chatId,
                ["disappearingMessagesInChat"] = expiration > 0,
                ["ephemeralExpiration"] = expiration,
            });
        };
        map["sendTyping"] = call =>
        {
            call.Sandbox.Log($"instance {call.Instance.IdInstance}: {(call.Text("typingType") == "recording" ? "recording" : "typing")} in {call.Required("chatId")} for {call.Number("typingTime") ?? 1000} ms");
            return JournalFormat.EmptyAsync(call);
        };

        // A message (not an edit or deletion event) of a chat.
        static SandboxMessage? Message(SandboxInstance instance, string chatId, string idMessage)
        {
            lock (instance.Sync)
            {
                return instance.Chats.TryGetValue(chatId, out var chat)
                    ? chat.FirstOrDefault(m => m.IdMessage == idMessage && !JournalFormat.IsEvent(m))
                    : null;
            }
        }

        // archiveChat / unarchiveChat, with the docs' errors in their order: an unknown chat, a chat with
        // no incoming message the system has seen (it sees them only with incomingWebhook on), the
        // requested state already holding.
        static Task<JsonNode?> Archive(SandboxCall call, bool archive)
        {
            var chatId = call.Required("chatId");
            var instance = call.Instance;
            var prefix = archive ? "ArchiveChatError" : "UnarchiveChatError";
            var seesIncoming = instance.Flag("incomingWebhook");
            lock (instance.Sync)
            {
                var hasChat = instance.Chats.TryGetValue(chatId, out var messages);
                if (!hasChat && !instance.Contacts.ContainsKey(chatId) && !instance.Groups.ContainsKey(chatId))
                {
                    throw new SandboxError(400, $"{prefix}: chat with id {chatId} not found");
                }

                if (!seesIncoming || messages is null || !messages.Any(m => !m.Outgoing))
                {
                    throw new SandboxError(400, $"{prefix}: cannot archive chat cause last message not found in chat");
                }

                if (instance.ArchivedChats.Contains(chatId) == archive)
                {
                    throw new SandboxError(400, $"{prefix}: chat with id {chatId} already archive={(archive ? "true" : "false")}");
                }

                if (archive)
                {
                    instance.ArchivedChats.Add(chatId);
                }
                else
                {
                    instance.ArchivedChats.Remove(chatId);
                }
            }

            return JournalFormat.EmptyAsync(call);
        }
    }
}
