using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    /// <summary>
    /// 1.3.5 Journals: the recorded messages of the instance's chats (received, sent from the phone, and
    /// sent through the API once the queue has sent them) as journal entries, newest first; the call
    /// journals from the calls the simulation placed and received.
    /// </summary>
    private static void Journals(Dictionary<string, SandboxHandler> map)
    {
        map["getChatHistory"] = call =>
        {
            var count = call.Number("count") ?? 100;
            var entries = JournalFormat.Messages(call.Instance, call.Sandbox.Spec, call.Required("chatId"), _ => true);
            return Json(JournalFormat.List(entries.Take((int)Math.Clamp(count, 0, int.MaxValue))));
        };
        map["getMessage"] = call =>
        {
            var chatId = call.Required("chatId");
            var idMessage = call.Required("idMessage");
            bool chatExists;
            lock (call.Instance.Sync)
            {
                chatExists = call.Instance.Chats.TryGetValue(chatId, out var chat) && chat.Count > 0;
            }

            if (!chatExists)
            {
                throw new SandboxError(400, "chatId not found");
            }

            var entry = JournalFormat.Messages(call.Instance, call.Sandbox.Spec, chatId, m => m.IdMessage == idMessage).FirstOrDefault();
            return entry is null ? throw new SandboxError(400, $"Message not found by id '{idMessage}'") : Json(entry);
        };
        map["lastIncomingMessages"] = call =>
        {
            var since = JournalFormat.Since(call);
            return Json(JournalFormat.List(JournalFormat.Messages(call.Instance, call.Sandbox.Spec, null, m => !m.Outgoing && m.Timestamp >= since)));
        };
        map["lastOutgoingMessages"] = call =>
        {
            var since = JournalFormat.Since(call);
            return Json(JournalFormat.List(JournalFormat.Messages(call.Instance, call.Sandbox.Spec, null, m => m.Outgoing && m.Timestamp >= since)));
        };
        map["lastIncomingCalls"] = call => Json(JournalFormat.List(JournalFormat.Calls(call.Instance, outgoing: false, JournalFormat.Since(call))));
        map["lastOutgoingCalls"] = call => Json(JournalFormat.List(JournalFormat.Calls(call.Instance, outgoing: true, JournalFormat.Since(call))));
    }
}
