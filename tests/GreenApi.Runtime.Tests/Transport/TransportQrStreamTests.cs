using System.Net.WebSockets;
using System.Text;
using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>scanqrcode: a websocket of typed messages, and polling qr when the websocket cannot be opened.</summary>
public sealed class TransportQrStreamTests
{
    private static async Task<List<ScanQrCodeMessage>> TakeAsync(IAsyncEnumerable<ScanQrCodeMessage> stream, int count)
    {
        var taken = new List<ScanQrCodeMessage>();
        await foreach (var message in stream)
        {
            taken.Add(message);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    [Fact]
    public async Task ScanQrCode_websocket_yields_each_message_typed_until_the_service_closes_it()
    {
        var big = new string('Q', 10_000);
        await using var rig = await TransportRig.StartAsync(async (r, ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                await TestServer.Respond(ctx, 400, "expected a websocket", "text/plain");
                return;
            }

            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"qrCode","message":"AAA"}"""), WebSocketMessageType.Text, true, default);

            // One message in two frames: the client must put them back together.
            var fragmented = Encoding.UTF8.GetBytes($$"""{"message":"{{big}}","type":"qrCode"}""");
            await socket.SendAsync(fragmented.AsMemory(0, 5000), WebSocketMessageType.Text, false, default);
            await socket.SendAsync(fragmented.AsMemory(5000), WebSocketMessageType.Text, true, default);

            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"accountData","wid":"79001234567@c.us","pushname":"Green"}"""), WebSocketMessageType.Text, true, default);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", default);
            try
            {
                await socket.ReceiveAsync(new byte[16], ctx.RequestAborted);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        });

        var messages = new List<ScanQrCodeMessage>();
        await foreach (var message in rig.Client.Account.ScanQrCodeAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token))
        {
            messages.Add(message);
        }

        messages.Count.ShouldBe(3);
        messages[0].ShouldBeOfType<ScanQrCodeQrCodeMessage>().Message.ShouldBe("AAA");
        messages[1].ShouldBeOfType<ScanQrCodeQrCodeMessage>().Message.ShouldBe(big);
        var account = messages[2].ShouldBeOfType<ScanQrCodeAccountDataMessage>();
        account.Wid.ShouldBe("79001234567@c.us");
        account.Pushname.ShouldBe("Green");
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Path.ShouldBe($"/waInstance{TransportRig.Instance}/scanqrcode/{TransportRig.Token}");
    }

    [Fact]
    public async Task ScanQrCode_websocket_dropped_midway_is_a_GreenApiException_like_one_that_cannot_be_opened()
    {
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rig = await TransportRig.StartAsync(async (r, ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                await TestServer.Respond(ctx, 404, "Not Found", "text/plain");
                return;
            }

            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync(Encoding.UTF8.GetBytes("""{"type":"qrCode","message":"AAA"}"""), WebSocketMessageType.Text, true, default);
            await firstSeen.Task.WaitAsync(TimeSpan.FromSeconds(10));
            ctx.Abort(); // no close handshake: the connection just ends
        });

        var seen = new List<ScanQrCodeMessage>();
        Exception? failure = null;
        try
        {
            await foreach (var message in rig.Client.Account.ScanQrCodeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token))
            {
                seen.Add(message);
                firstSeen.TrySetResult();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        seen.ShouldHaveSingleItem().ShouldBeOfType<ScanQrCodeQrCodeMessage>().Message.ShouldBe("AAA");
        var error = failure.ShouldNotBeNull("the stream ended by a dropped connection, not by the service closing it").ShouldBeAssignableTo<GreenApiException>(
            $"a dropped websocket should surface as a GreenApiException (Method, advice), as a websocket that cannot be opened does; it surfaced as {failure?.GetType().FullName}: {failure?.Message}");
        error!.Method.ShouldBe("scanqrcode");
        error.StatusCode.ShouldBeNull();
    }

    [Fact]
    public async Task ScanQrCode_falls_back_to_polling_qr_when_the_websocket_is_refused_and_skips_repeats()
    {
        var qrAnswers = 0;
        await using var rig = await TransportRig.StartAsync((r, ctx) =>
        {
            if (r.Method == "scanqrcode")
            {
                return TestServer.Respond(ctx, 404, "Not Found", "text/plain");
            }

            var n = Interlocked.Increment(ref qrAnswers);
            var code = n <= 2 ? "AAA" : n <= 4 ? "BBB" : "CCC";
            return TestServer.Respond(ctx, 200, $$"""{"type":"qrCode","message":"{{code}}"}""");
        });
        await using var clock = rig.AutoAdvance();

        var messages = await TakeAsync(rig.Client.Account.ScanQrCodeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token), 3);

        messages.Select(m => m.ShouldBeOfType<ScanQrCodeQrCodeMessage>().Message).ShouldBe(["AAA", "BBB", "CCC"]);
        rig.Count("scanqrcode").ShouldBe(1);
        rig.Count("qr").ShouldBe(5, "AAA, AAA (skipped), BBB, BBB (skipped), CCC");
        var polls = rig.ArrivalTimes("qr");
        for (var i = 1; i < polls.Length; i++)
        {
            (polls[i] - polls[i - 1]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1), "qr is polled every second of fake time");
        }
    }

    [Fact]
    public async Task Qr_answers_alreadyLogged_in_the_fallback_as_its_own_message_type()
    {
        await using var rig = await TransportRig.StartAsync((r, ctx) => r.Method == "scanqrcode"
            ? TestServer.Respond(ctx, 404, "Not Found", "text/plain")
            : TestServer.Respond(ctx, 200, """{"type":"alreadyLogged","message":"instance account already authorized"}"""));
        await using var clock = rig.AutoAdvance();

        var messages = await TakeAsync(rig.Client.Account.ScanQrCodeAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token), 1);

        messages.ShouldHaveSingleItem().ShouldBeOfType<ScanQrCodeAlreadyLoggedMessage>().Message.ShouldBe("instance account already authorized");
    }
}
