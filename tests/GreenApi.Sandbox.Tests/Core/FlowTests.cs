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

    [Fact]
    public async Task The_simulation_API_queues_many_incoming_texts_in_one_call_in_order()
    {
        await using var rig = await SandboxRig.StartAsync();
        var url = new Uri(rig.Sandbox.Url, $"sandbox/instances/{rig.Instance.IdInstance}/incoming");

        var answer = await Raw.SendAsync("POST", url, """{"chatId":"79001112233@c.us","text":"load","count":3}""");

        answer.Status.ShouldBe(200, answer.Body);
        var texts = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var incoming = (await rig.ReceiveUntilAsync(n => n is IncomingMessageReceived)).OfType<IncomingMessageReceived>().Single();
            texts.Add(incoming.MessageData.ShouldBeOfType<TextMessage>().TextMessageData.TextMessage);
        }

        texts.ShouldBe(["load 1", "load 2", "load 3"]);
        answer.Body.ShouldContain("\"count\":3");
        (await Raw.SendAsync("POST", url, """{"chatId":"79001112233@c.us","text":"load","count":0}""")).Body.ShouldContain("'count' must be a whole number from 1 to 1000000");
    }
}
