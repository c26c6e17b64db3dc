using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    /// <summary>
    /// 1.3.9 Read mark: readChat marks the chat's unread incoming messages read (or only the incoming
    /// message <c>idMessage</c>). <c>setRead</c> is false when there is nothing it could mark: no such
    /// chat, or no such incoming message in it.
    /// </summary>
    private static void ReadMark(Dictionary<string, SandboxHandler> map)
    {
        map["readChat"] = call =>
        {
            var chatId = call.Required("chatId");
            var idMessage = call.Text("idMessage");
            var instance = call.Instance;
            lock (instance.Sync)
            {
                if (!instance.Chats.TryGetValue(chatId, out var chat))
                {
                    return Json(new JsonObject { ["setRead"] = false });
                }

                var incoming = chat.Where(m => !m.Outgoing && !JournalFormat.IsEvent(m)).ToList();
                if (idMessage is not null)
                {
                    incoming = incoming.Where(m => m.IdMessage == idMessage).ToList();
                    if (incoming.Count == 0)
                    {
                        return Json(new JsonObject { ["setRead"] = false });
                    }
                }

                foreach (var message in incoming)
                {
                    message.Status = "read";
                }

                return Json(new JsonObject { ["setRead"] = true });
            }
        };
    }
}
