using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    /// <summary>The queue entry types showMessagesQueue documents; other sending methods show as the nearest one.</summary>
    private static readonly HashSet<string> QueueTypes = new(StringComparer.Ordinal)
    {
        "sendMessage", "sendPoll", "sendFileByUrl", "sendLocation", "sendContact", "sendLink", "ForwardMessages",
    };

    private static void Sending(Dictionary<string, SandboxHandler> map)
    {
        map["sendMessage"] = call =>
        {
            var text = call.Required("message");
            var data = call.Text("quotedMessageId") is { } quoted
                ? QuotedText(call, text, quoted)
                : call.Flag("linkPreview") != false && Regex.IsMatch(text, @"https?://", RegexOptions.None, TimeSpan.FromSeconds(1))
                    ? new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = LinkPreview(text) }
                    : new JsonObject { ["typeMessage"] = "textMessage", ["textMessageData"] = new JsonObject { ["textMessage"] = text } };
            return Queue(call, data);
        };
        map["sendPoll"] = call =>
        {
            var options = call.Body["options"]!.AsArray().Select(o => (string)o!["optionName"]!).ToList();
            if (options.Distinct(StringComparer.Ordinal).Count() != options.Count)
            {
                throw SandboxError.Validation("'optionName' field must have unique value");
            }

            return Queue(call, new JsonObject
            {
                ["typeMessage"] = "pollMessage",
                ["pollMessageData"] = new JsonObject
                {
                    ["name"] = call.Required("message"),
                    ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["optionName"] = o }).ToArray()),
                    ["multipleAnswers"] = call.Flag("multipleAnswers") ?? false,
                },
            });
        };
        map["sendFileByUpload"] = call =>
        {
            var file = call.File ?? throw SandboxError.Validation("'file' is required");
            var name = call.Text("fileName") is { Length: > 0 } given ? given : file.FileName;
            var stored = call.Sandbox.Store(file with { FileName = name, ContentType = ContentType(file.ContentType, name) });
            var url = call.Sandbox.FileUrl(stored).ToString();
            var id = Enqueue(call, FileData(stored, url, call.Text("caption")), "sendFileByUrl");
            return Json(new JsonObject { ["idMessage"] = id, ["urlFile"] = url });
        };
        map["sendFileByUrl"] = call =>
        {
            var url = call.Required("urlFile");
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw SandboxError.Validation("url has incorrect format. It should start with http(s)://'");
            }

            var name = call.Required("fileName");
            var known = call.Sandbox.FileAt(url);
            if (known is not null && known.Content.LongLength > call.Sandbox.Options.MaxFileBytes)
            {
                throw new SandboxError(500, $"File from url exceeded max upload size. Size: {known.Content.LongLength / (1024 * 1024)}mb Limit: {call.Sandbox.Options.MaxFileBytes / (1024 * 1024)}mb Url: {url}");
            }

            var file = new SandboxFile("url", name, known?.ContentType is { } t && t != "application/octet-stream" ? t : SandboxMedia.TypeOf(name), []);
            return Queue(call, FileData(file, url, call.Text("caption")));
        };
        map["uploadFile"] = call =>
        {
            var file = call.File ?? throw new SandboxError(400, "file should not be empty");
            var stored = call.Sandbox.Store(file with { ContentType = ContentType(file.ContentType, file.FileName) });
            return Json(new JsonObject { ["urlFile"] = call.Sandbox.FileUrl(stored).ToString() });
        };
        map["sendLocation"] = call =>
        {
            var data = new JsonObject
            {
                ["latitude"] = Coordinate(call.Body["latitude"], "latitude"),
                ["longitude"] = Coordinate(call.Body["longitude"], "longitude"),
                ["jpegThumbnail"] = "",
            };
            if (call.Text("nameLocation") is { } place)
            {
                data["nameLocation"] = place;
            }

            if (call.Text("address") is { } address)
            {
                data["address"] = address;
            }

            return Queue(call, new JsonObject { ["typeMessage"] = "locationMessage", ["locationMessageData"] = data });
        };
        map["sendContact"] = call =>
        {
            var contact = call.Body["contact"]!.AsObject();
            var names = new[] { "firstName", "middleName", "lastName" }.Select(k => (string?)contact[k]).Where(n => !string.IsNullOrEmpty(n)).ToList();
            var display = names.Count > 0 ? string.Join(" ", names) : (string?)contact["company"] ?? "";
            var phone = contact["phoneContact"]!.ToString();
            var vcard = $"BEGIN:VCARD\nVERSION:3.0\nN:{(string?)contact["lastName"]};{(string?)contact["firstName"]};{(string?)contact["middleName"]};;\nFN:{display}\nORG:{(string?)contact["company"]}\nTEL;type=CELL;type=VOICE;waid={phone}:+{phone}\nEND:VCARD";
            return Queue(call, new JsonObject
            {
                ["typeMessage"] = "contactMessage",
                ["contactMessageData"] = new JsonObject { ["displayName"] = display, ["vcard"] = vcard },
            });
        };
        map["forwardMessages"] = call =>
        {
            var from = call.Required("chatIdFrom");
            var ids = new JsonArray();
            foreach (var id in call.Body["messages"]!.AsArray().Select(m => (string)m!))
            {
                var original = call.Instance.FindMessage(id);
                if (original is null || original.ChatId != from)
                {
                    continue;
                }

                var data = (JsonObject)original.MessageData.DeepClone();
                foreach (var (_, inner) in data)
                {
                    if (inner is JsonObject o && (o.ContainsKey("textMessage") || o.ContainsKey("downloadUrl") || o.ContainsKey("text") || o.ContainsKey("latitude")))
                    {
                        o["isForwarded"] = true;
                        o["forwardingScore"] = 1;
                    }
                }

                ids.Add(Enqueue(call, data, "ForwardMessages"));
            }

            return Json(new JsonObject { ["messages"] = ids });
        };
        map["sendButtons"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "buttonsMessage",
            ["buttonsMessage"] = Pick(call.Body, "message->contentText", "footer", "buttons"),
        });
        map["sendTemplateButtons"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "templateMessage",
            ["templateMessage"] = TemplateButtons(call.Body),
        });
        map["sendListMessage"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "listMessage",
            ["ListMessage"] = Pick(call.Body, "message->contentText", "title", "footer", "buttonText", "sections"),
        });
        map["sendLink"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "extendedTextMessage",
            ["extendedTextMessageData"] = LinkPreview(call.Required("urlLink")),
        });
        map["sendTemplate"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "templateMessage",
            ["templateMessage"] = new JsonObject
            {
                ["namespace"] = "sandbox",
                ["elementName"] = call.Text("templateId") ?? "",
                ["contentText"] = call.Text("templateId") ?? "",
                ["buttons"] = new JsonArray(),
            },
        });
        map["sendInteractiveButtons"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "interactiveButtons",
            ["interactiveButtons"] = InteractiveButtons(call.Body),
        });
        map["sendInteractiveButtonsReply"] = call => Queue(call, new JsonObject
        {
            ["typeMessage"] = "interactiveButtons",
            ["interactiveButtons"] = InteractiveButtons(call.Body),
        });
    }

    /// <summary>Queues a message and answers with its id.</summary>
    private static Task<JsonNode?> Queue(SandboxCall call, JsonObject messageData) =>
        Json(new JsonObject { ["idMessage"] = Enqueue(call, messageData, call.Method.Name) });

    internal static string Enqueue(SandboxCall call, JsonObject messageData, string type)
    {
        var chatId = call.Required("chatId");
        var instance = call.Instance;
        var message = new SandboxMessage(call.Sandbox.Ids.Api(), chatId, outgoing: true, sendByApi: true, call.Sandbox.UnixNow, messageData)
        {
            SenderId = instance.Wid,
            SenderName = instance.Name,
        };
        instance.Outgoing.Add(new SandboxQueuedMessage(message.IdMessage, QueueTypes.Contains(type) ? type : "sendMessage", QueueBody(call), message));
        return message.IdMessage;
    }

    /// <summary>The request as showMessagesQueue shows it: only the fields its <c>body</c> schema declares.</summary>
    private static JsonObject QueueBody(SandboxCall call)
    {
        var schema = call.Sandbox.Spec.Resolve(call.Sandbox.Spec.Find("showMessagesQueue")?.ResponseSchema) as JsonObject;
        var item = call.Sandbox.Spec.Resolve(schema?["items"]) as JsonObject;
        var body = call.Sandbox.Spec.Resolve(item?["properties"]?["body"]) as JsonObject;
        var declared = call.Sandbox.Spec.Resolve(body?["properties"]) as JsonObject;
        var copy = new JsonObject();
        foreach (var (key, value) in call.Body)
        {
            if (declared is null || declared.ContainsKey(key))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static JsonObject QuotedText(SandboxCall call, string text, string quotedId)
    {
        var quoted = call.Instance.FindMessage(quotedId);
        var data = new JsonObject
        {
            ["typeMessage"] = "quotedMessage",
            ["extendedTextMessageData"] = new JsonObject { ["text"] = text, ["stanzaId"] = quotedId, ["participant"] = quoted?.SenderId ?? call.Instance.Wid },
        };
        data["quotedMessage"] = quoted is not null ? call.Instance.Quote(quoted) : new JsonObject { ["stanzaId"] = quotedId, ["participant"] = call.Instance.Wid };
        return data;
    }

    private static JsonObject LinkPreview(string text)
    {
        var url = Regex.Match(text, @"https?://\S+", RegexOptions.None, TimeSpan.FromSeconds(1)).Value;
        return new JsonObject
        {
            ["text"] = text,
            ["description"] = "",
            ["title"] = url.Length > 0 ? new Uri(url).Host : "",
            ["previewType"] = "None",
            ["jpegThumbnail"] = "",
        };
    }

    internal static JsonObject FileData(SandboxFile file, string url, string? caption)
    {
        var data = new JsonObject
        {
            ["downloadUrl"] = url,
            ["caption"] = caption ?? "",
            ["fileName"] = file.FileName,
            ["jpegThumbnail"] = "",
            ["mimeType"] = file.ContentType,
        };
        return new JsonObject { ["typeMessage"] = SandboxMedia.MessageTypeOf(file.ContentType), ["fileMessageData"] = data };
    }

    private static string ContentType(string given, string fileName) =>
        string.IsNullOrEmpty(given) || given.StartsWith("application/octet-stream", StringComparison.Ordinal) ? SandboxMedia.TypeOf(fileName) : given.Split(';')[0].Trim();

    private static double Coordinate(JsonNode? node, string name)
    {
        var text = node?.ToString();
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw SandboxError.Validation($"'{name}' must be a number or string");
    }

    /// <summary>Copies fields from the request, <c>from-&gt;to</c> renaming one.</summary>
    private static JsonObject Pick(JsonObject body, params string[] fields)
    {
        var o = new JsonObject();
        foreach (var field in fields)
        {
            var parts = field.Split("->");
            if (body[parts[0]] is { } value)
            {
                o[parts[^1]] = value.DeepClone();
            }
        }

        return o;
    }

    private static JsonObject TemplateButtons(JsonObject body)
    {
        var o = Pick(body, "message->contentText", "footer");
        o["buttons"] = body["templateButtons"]?.DeepClone() ?? new JsonArray();
        return o;
    }

    private static JsonObject InteractiveButtons(JsonObject body)
    {
        var o = Pick(body, "header->titleText", "body->contentText", "footer->footerText");
        var buttons = new JsonArray();
        foreach (var button in body["buttons"]?.AsArray() ?? [])
        {
            var b = new JsonObject
            {
                ["type"] = (string?)button?["type"] ?? "reply",
                ["buttonId"] = (string?)button?["buttonId"] ?? "",
                ["buttonText"] = (string?)button?["buttonText"] ?? "",
            };
            foreach (var extra in new[] { "copyCode", "phoneNumber", "url" })
            {
                if (button?[extra] is { } v)
                {
                    b[extra] = v.DeepClone();
                }
            }

            buttons.Add(b);
        }

        o["buttons"] = buttons;
        return o;
    }
}
