using System.Globalization;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>Cancellation, clocks, errors inside successful answers, timeouts of GETs and what reaches the logs.</summary>
public sealed class TransportEdgeTests
{
    private static readonly SendMessageRequest Message = new() { ChatId = "79001234567@c.us", Message = "hi" };

    private static async Task<Exception?> Caught(Task task)
    {
        try
        {
            await task.Capped();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Call_cancelled_while_waiting_for_its_rate_limit_turn_gives_the_turn_to_the_next_call()
    {
        var arrived = 0;
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, TransportRig.Settings($"{Interlocked.Increment(ref arrived)}@c.us")));
        using var cancel = new CancellationTokenSource();
        var first = rig.Client.Account.GetSettingsAsync();
        var second = rig.Client.Account.GetSettingsAsync(cancel.Token);
        var third = rig.Client.Account.GetSettingsAsync();
        await Wait.UntilAsync(() => rig.Server.Requests.Count == 1, "the first call reaches the server");

        cancel.Cancel();
        var e = await Caught(second);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        e.ShouldBeAssignableTo<OperationCanceledException>();
        (await first.Capped()).Wid.ShouldBe("1@c.us");
        (await third.Capped()).Wid.ShouldBe("2@c.us", "the cancelled call's turn goes to the next one, 1 s after the first");
        rig.Server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Call_cancelled_during_a_retry_pause_stops_without_another_attempt()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 502, "Bad Gateway", "text/plain"), o => o.EnableRateLimiting = false);
        using var cancel = new CancellationTokenSource();
        var call = rig.Client.Sending.SendMessageAsync(Message, cancel.Token);
        await Wait.UntilAsync(() => rig.Time.PendingTimers == 1, "the retry pause is scheduled");

        cancel.Cancel();
        var e = await Caught(call);

        e.ShouldBeAssignableTo<OperationCanceledException>();
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        rig.Server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Call_cancelled_by_the_caller_while_waiting_for_the_answer_is_a_cancellation_not_a_timeout()
    {
        await using var rig = await TransportRig.StartAsync(async (_, ctx) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var cancel = new CancellationTokenSource();
        var call = rig.Client.Account.GetSettingsAsync(cancel.Token);
        await Wait.UntilAsync(() => rig.Server.Requests.Count == 1, "the call reaches the server");

        cancel.Cancel();
        var e = await Caught(call);

        e.ShouldBeAssignableTo<OperationCanceledException>();
        await Task.Delay(50);
        rig.Server.Requests.Count.ShouldBe(1, "a cancelled call is not retried");
    }

    [Fact]
    public async Task GET_that_gets_no_answer_within_RequestTimeout_is_retried_under_the_502_policy()
    {
        await using var rig = await TransportRig.StartAsync(async (request, ctx) =>
        {
            if (request.Method == "getStateInstance")
            {
                await TestServer.Respond(ctx, 200, """{"stateInstance":"authorized"}""");
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        }, o =>
        {
            // Long enough that a loaded machine still gets each attempt to the server (the connection is
            // warmed first), short enough to keep the test quick.
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.EnableRateLimiting = false;
        });
        await using var clock = rig.AutoAdvance();
        await rig.Client.Account.GetStateInstanceAsync().Capped();

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Account.GetSettingsAsync().Capped());

        e.StatusCode.ShouldBeNull();
        e.Attempts.ShouldBe(3);
        e.Message.ShouldContain("RequestTimeout");
        rig.Count("getSettings").ShouldBe(3);
    }

    [Fact]
    public async Task Retry_After_given_as_a_date_is_measured_on_the_transport_clock()
    {
        // The server reads the same (fake) clock as the transport and says "retry at now + 3 s", in its
        // Date header too. The pause must be 3 s of that clock, whatever the machine's clock says.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 15, 8, 0, 0, TimeSpan.Zero));
        var n = 0;
        await using var rig = await TransportRig.StartAsync((_, ctx) =>
        {
            if (Interlocked.Increment(ref n) == 1)
            {
                var now = time.GetUtcNow();
                ctx.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
                ctx.Response.Headers.RetryAfter = now.AddSeconds(3).ToString("R", CultureInfo.InvariantCulture);
                return TestServer.Respond(ctx, 429, "Too Many Requests", "text/plain");
            }

            return TestServer.Respond(ctx, 200, """{"idMessage":"ok"}""");
        }, o => o.EnableRateLimiting = false, time);
        await using var clock = rig.AutoAdvance();

        await rig.Client.Sending.SendMessageAsync(Message).Capped();

        var arrivals = rig.ArrivalTimes("sendMessage");
        arrivals.Length.ShouldBe(2);
        (arrivals[1] - arrivals[0]).ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Error_inside_a_successful_answer_is_retried_as_its_policy_says()
    {
        // setProfilePicture: 200 with reason "rate-overlimit" is retried every 10 s, 3 attempts in all.
        var n = 0;
        await using var rig = await TransportRig.StartAsync((_, ctx) => Interlocked.Increment(ref n) <= 2
            ? TestServer.Respond(ctx, 200, """{"reason":"rate-overlimit","setProfilePicture":false}""")
            : TestServer.Respond(ctx, 200, """{"urlAvatar":"https://pps.whatsapp.net/v/x.jpg","setProfilePicture":true}"""));
        await using var clock = rig.AutoAdvance();
        var picture = new byte[5000];

        var answer = await rig.Client.Account.SetProfilePictureAsync(new SetProfilePictureRequest { File = new GreenApiFile(new MemoryStream(picture), "me.jpg", "image/jpeg") }).Capped();

        answer.SetProfilePicture.ShouldBeTrue();
        var arrivals = rig.ArrivalTimes("setProfilePicture");
        arrivals.Length.ShouldBe(3);
        (arrivals[1] - arrivals[0]).ShouldBe(TimeSpan.FromSeconds(10));
        (arrivals[2] - arrivals[1]).ShouldBe(TimeSpan.FromSeconds(10));
        rig.Server.Requests.ShouldAllBe(r => r.Body.Length > picture.Length, "every attempt carries the whole picture");
    }

    [Fact]
    public async Task Error_inside_a_successful_answer_returns_the_typed_answer_once_retries_are_used_up()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"reason":"rate-overlimit","setProfilePicture":false}"""));
        await using var clock = rig.AutoAdvance();

        var answer = await rig.Client.Account.SetProfilePictureAsync(new SetProfilePictureRequest { File = new GreenApiFile(new MemoryStream(new byte[100]), "me.jpg", "image/jpeg") }).Capped();

        answer.SetProfilePicture.ShouldBeFalse();
        rig.Count("setProfilePicture").ShouldBe(3);
    }

    [Fact]
    public async Task Token_never_reaches_the_logs()
    {
        var capture = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var n = 0;
        await using var server = await TestServer.StartAsync((r, ctx) => Interlocked.Increment(ref n) switch
        {
            1 => TestServer.Respond(ctx, 502, $"Bad Gateway at {r.Path}", "text/plain"),
            2 => TestServer.Respond(ctx, 400, $"Bad Request Validation failed: {r.Token}", "text/plain"),
            3 => TestServer.Drop(ctx),
            _ => TestServer.Respond(ctx, 200, """{"idMessage":"ok"}"""),
        });
        var time = new FakeTimeProvider();
        using var transport = new GreenApiTransport(server.Options(TransportRig.Token), null, new GreenApiRuntimeServices { TimeProvider = time, LoggerFactory = loggers });
        var client = new GreenApiClient(transport);
        using (time.AutoAdvance())
        {
            await Should.ThrowAsync<GreenApiValidationException>(client.Sending.SendMessageAsync(Message).Capped());
            await Should.ThrowAsync<GreenApiServerException>(client.Sending.SendMessageAsync(Message).Capped());
            await client.Sending.SendMessageAsync(Message).Capped();
        }

        capture.Lines.ShouldNotBeEmpty();
        capture.Lines.ShouldAllBe(line => !line.Contains(TransportRig.Token));
        capture.Lines.ShouldContain(line => line.Contains("retrying"));
    }
}
