using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>Answers one method: the JSON to send with 200 (<see langword="null"/> sends <c>null</c>), or a <see cref="SandboxError"/>.</summary>
internal delegate Task<JsonNode?> SandboxHandler(SandboxCall call);

/// <summary>The handlers of every method, by section. <see cref="Build"/> checks that they and the spec name the same methods.</summary>
internal static partial class SandboxHandlers
{
    public static IReadOnlyDictionary<string, SandboxHandler> Build(SandboxSpec spec)
    {
        var map = new Dictionary<string, SandboxHandler>(StringComparer.OrdinalIgnoreCase);
        Account(map);
        Queues(map);
        Receiving(map);
        Partner(map);
        Sending(map);
        Journals(map);
        Groups(map);
        Statuses(map);
        Service(map);
        ReadMark(map);
        var unknown = map.Keys.Where(k => spec.Find(k) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"sandbox handlers for methods the spec does not have: {string.Join(", ", unknown)}");
        }

        return map;
    }

    /// <summary>The spec's methods that have no handler (a test keeps this empty).</summary>
    public static IReadOnlyList<string> Missing(SandboxSpec spec, IReadOnlyDictionary<string, SandboxHandler> map) =>
        spec.Methods.Where(m => !m.IsWebSocket && !map.ContainsKey(m.Name)).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();

    internal static Task<JsonNode?> Json(JsonNode? node) => Task.FromResult(node);

    private static void Account(Dictionary<string, SandboxHandler> map)
    {
        map["getSettings"] = call =>
        {
            lock (call.Instance.Sync)
            {
                return Json(call.Instance.Settings.DeepClone());
            }
        };
        map["setSettings"] = call =>
        {
            call.Instance.UpdateSettings(call.Body);
            return Json(new JsonObject { ["saveSettings"] = true });
        };
        map["getStateInstance"] = call => Json(call.Instance.Creating ? null : new JsonObject { ["stateInstance"] = call.Instance.State });
        map["getStatusInstance"] = call => Json(new JsonObject { ["statusInstance"] = call.Instance.State == SandboxStates.Authorized ? "online" : "offline" });
        map["reboot"] = call =>
        {
            var after = call.Instance.State is SandboxStates.Starting ? SandboxStates.Authorized : call.Instance.State;
            call.Instance.Restart(after);
            return Json(new JsonObject { ["isReboot"] = true });
        };
        map["logout"] = call =>
        {
            call.Instance.SetState(SandboxStates.NotAuthorized);
            return Json(new JsonObject { ["isLogout"] = true });
        };
        map["qr"] = call => Json(QrAnswer(call));
        map["getAuthorizationCode"] = call =>
        {
            if (call.Instance.State == SandboxStates.Authorized)
            {
                return Json(new JsonObject { ["status"] = false, ["code"] = "" });
            }

            var code = "SBX" + (call.Sandbox.Ids.Number() % 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            call.Instance.PendingAuthorizationCode = code;
            return Json(new JsonObject { ["status"] = true, ["code"] = code });
        };
        map["setProfilePicture"] = call =>
        {
            var file = call.File ?? throw SandboxError.Validation("'file' is required");
            if (!file.ContentType.Contains("jpeg", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !file.FileName.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            {
                return Json(new JsonObject { ["reason"] = "Unsupported file type", ["setProfilePicture"] = false });
            }

            var url = call.Sandbox.FileUrl(call.Sandbox.Store(file)).ToString();
            call.Instance.AvatarUrl = url;
            return Json(new JsonObject { ["reason"] = null, ["urlAvatar"] = url, ["setProfilePicture"] = true });
        };
        map["getWaSettings"] = call => Json(new JsonObject
        {
            ["avatar"] = call.Instance.AvatarUrl ?? "",
            ["phone"] = call.Instance.Phone,
            ["stateInstance"] = call.Instance.State,
            ["deviceId"] = call.Instance.Phone + ":1@s.whatsapp.net",
        });
        map["getDeviceInfo"] = _ => Json(new JsonObject
        {
            ["platform"] = "android",
            ["deviceManufacturer"] = "Sandbox",
            ["deviceModel"] = "Virtual",
            ["osVersion"] = "14",
            ["waVersion"] = "2.24.0",
            ["battery"] = 80,
        });
        map["updateApiToken"] = call =>
        {
            var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(25));
            call.Instance.ApiTokenInstance = token;
            return Json(new JsonObject { ["apiTokenInstance"] = token });
        };
    }

    private static JsonObject QrAnswer(SandboxCall call) => call.Instance.State switch
    {
        SandboxStates.Authorized => new JsonObject { ["type"] = "alreadyLogged", ["message"] = "instance account already authorized" },
        SandboxStates.NotAuthorized => new JsonObject { ["type"] = "qrCode", ["message"] = SandboxMedia.QrPng(call.Instance.IdInstance, call.Sandbox.UnixNow) },
        _ => new JsonObject { ["type"] = "error", ["message"] = $"instance is {call.Instance.State}; the QR code is available in state notAuthorized" },
    };

    /// <summary>
    /// <c>scanqrcode</c>: a websocket that sends a QR code message every second until the instance is
    /// authorized (then <c>alreadyLogged</c>) or the client closes it.
    /// </summary>
    public static async Task ScanQrCodeAsync(SandboxCall call)
    {
        using var socket = await call.Http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(call.Aborted, call.Sandbox.Stopping);
        _ = DrainAsync(socket, cancel);
        try
        {
            while (socket.State == WebSocketState.Open && !cancel.IsCancellationRequested)
            {
                var answer = QrAnswer(call);
                var bytes = Encoding.UTF8.GetBytes(SandboxJson.Write(answer));
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancel.Token).ConfigureAwait(false);
                if ((string?)answer["type"] != "qrCode")
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, (string?)answer["type"], cancel.Token).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), call.Sandbox.Time, cancel.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            cancel.Dispose();
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource cancel)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancel.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await cancel.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static void Queues(Dictionary<string, SandboxHandler> map)
    {
        map["showMessagesQueue"] = call => Json(new JsonArray(call.Instance.Outgoing.Snapshot().Select(q => (JsonNode)new JsonObject
        {
            ["messageID"] = q.MessageId,
            ["type"] = q.Type,
            ["body"] = q.Body.DeepClone(),
        }).ToArray()));
        map["clearMessagesQueue"] = call =>
        {
            call.Instance.Outgoing.Clear();
            return Json(new JsonObject { ["isCleared"] = true });
        };
        map["getMessagesCount"] = call => Json(new JsonObject { ["count"] = call.Instance.Outgoing.Count });
        map["getWebhooksCount"] = call => Json(new JsonObject { ["count"] = call.Instance.Notifications.PendingWebhooks });
        map["clearWebhooksQueue"] = call =>
        {
            call.Instance.Notifications.ClearWebhooks();
            return Json(new JsonObject { ["isCleared"] = true });
        };
    }

    private static void Receiving(Dictionary<string, SandboxHandler> map)
    {
        map["receiveNotification"] = async call =>
        {
            var seconds = call.Number("receiveTimeout") ?? 5;
            var next = await call.Instance.Notifications.ReceiveAsync(TimeSpan.FromSeconds(seconds), call.Aborted).ConfigureAwait(false);
            return next is { } n ? new JsonObject { ["receiptId"] = n.ReceiptId, ["body"] = n.Body.DeepClone() } : null;
        };
        map["deleteNotification"] = call =>
        {
            var receipt = call.Number("receiptId") ?? throw SandboxError.Validation("'receiptId' is required");
            return Json(call.Instance.Notifications.Delete(receipt)
                ? new JsonObject { ["result"] = true }
                : new JsonObject { ["result"] = false, ["reason"] = "Notification not found" });
        };
        map["downloadFile"] = call =>
        {
            var chatId = call.Required("chatId");
            var idMessage = call.Required("idMessage");
            var message = call.Instance.FindMessage(idMessage);
            var url = message is not null && message.ChatId == chatId ? (string?)message.MessageData["fileMessageData"]?["downloadUrl"] : null;
            return url is null
                ? throw new SandboxError(400, $"file not found: chat {chatId} has no file message {idMessage}")
                : Json(new JsonObject { ["downloadUrl"] = url });
        };
    }

    private static void Partner(Dictionary<string, SandboxHandler> map)
    {
        map["createInstance"] = call =>
        {
            var instance = call.Sandbox.CreateInstance(name: call.Text("name"));
            instance.Creating = true;

            // The docs (partner API): settings the request leaves out are off.
            var settings = (JsonObject)call.Body.DeepClone();
            settings.Remove("name");
            var off = new JsonObject();
            foreach (var (key, value) in SandboxInstance.DefaultSettings(instance.Wid))
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var flag) && flag is "yes" or "no")
                {
                    off[key] = "no";
                }
            }

            instance.UpdateSettings(off);
            instance.UpdateSettings(settings);
            instance.Restart(SandboxStates.NotAuthorized);
            return Json(new JsonObject
            {
                ["idInstance"] = instance.IdInstance,
                ["apiTokenInstance"] = instance.ApiTokenInstance,
                ["typeInstance"] = "whatsapp",
            });
        };
        map["deleteInstanceAccount"] = call =>
        {
            var id = call.Number("idInstance") ?? throw SandboxError.Validation("'idInstance' is required");
            var instance = call.Sandbox.Instances.FirstOrDefault(i => i.IdInstance == id);
            if (instance is null || instance.Deleted)
            {
                return Json(new JsonObject { ["deleteInstanceAccount"] = false });
            }

            instance.Deleted = true;
            return Json(new JsonObject { ["deleteInstanceAccount"] = true });
        };
        map["getInstances"] = call => Json(new JsonArray(call.Sandbox.Instances.OrderBy(i => i.IdInstance).Select(i => (JsonNode)new JsonObject
        {
            ["idInstance"] = i.IdInstance,
            ["name"] = i.Name,
            ["typeInstance"] = "whatsapp",
            ["typeAccount"] = "instance",
            ["partnerUserUiid"] = "",
            ["timeCreated"] = call.Now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["timeDeleted"] = "",
            ["apiTokenInstance"] = i.ApiTokenInstance,
            ["deleted"] = i.Deleted,
            ["tariff"] = i.Tariff == GreenApiTariff.Developer ? "DEVELOPER" : "BUSINESS",
            ["isFree"] = i.Tariff == GreenApiTariff.Developer,
            ["isPartner"] = true,
            ["expirationDate"] = call.Now.AddMonths(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["isExpired"] = i.Expired,
        }).ToArray()));
    }
}
