using GreenApi.Sandbox.Tests.Infrastructure;

namespace GreenApi.Sandbox.Tests.Core;

public sealed class FlowTests
{
    [Fact]
    public async Task A_sent_text_is_delivered_and_reported_through_the_queue_and_a_reply_arrives()
    {
        await using var rig = await SandboxRig.StartAsync();
        var sent = await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001112233@c.us", Message = "hello" });

        var seen = await rig.ReceiveUntilAsync(n => n is OutgoingMessageStatus { Status.Value: "read" } s && s.IdMessage == sent.IdMessage);
        seen.OfType<OutgoingAPIMessageReceived>().ShouldHaveSingleItem().IdMessage.ShouldBe(sent.IdMessage);
        seen.OfType<OutgoingMessageStatus>().Select(s => s.Status.Value).ShouldBe(["sent", "delivered", "read"]);

        var reply = rig.Instance.ReceiveText("79001112233@c.us", "hi there", "Alice", quotedMessageId: sent.IdMessage);
        var incoming = (await rig.ReceiveUntilAsync(n => n is IncomingMessageReceived)).OfType<IncomingMessageReceived>().Single();
        incoming.IdMessage.ShouldBe(reply.IdMessage);
        incoming.SenderData.SenderName.ShouldBe("Alice");
    }
}
