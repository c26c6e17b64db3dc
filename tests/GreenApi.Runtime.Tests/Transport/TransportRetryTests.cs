using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>
/// Retries from the spec's error policies (errors.yaml, receiving.yaml). Pauses run on the fake clock.
/// Rate limiting is switched off here unless a test needs it, so that the only timers on the clock are
/// the retry pauses and arrival times show the pauses exactly.
/// </summary>
public sealed class TransportRetryTests
{
    private static readonly SendMessageRequest Message = new() { ChatId = "79001234567@c.us", Message = "hi" };

    /// <summary>Answers the n-th request (1-based) with <paramref name="script"/>(n).</summary>
    private static Task<TransportRig> ScriptedRig(Func<int, HttpContext, Task> script, Action<GreenApiClientOptions>? configure = null)
    {
        var n = 0;
        return TransportRig.StartAsync((_, ctx) => script(Interlocked.Increment(ref n), ctx), o =>
        {
            o.EnableRateLimiting = false;
            configure?.Invoke(o);
        });
    }

    private static Task Status(HttpContext ctx, int status, string body = "") => TestServer.Respond(ctx, status, body, "text/plain");

    private static Task Ok(HttpContext ctx) => TestServer.Respond(ctx, 200, """{"idMessage":"3EB0C767D097B7C7C030"}""");

    private static TimeSpan[] Gaps(DateTimeOffset[] arrivals) => arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToArray();

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public async Task Too_many_requests_with_Retry_After_2_is_retried_2_fake_seconds_later()
    {
        await using var rig = await ScriptedRig((n, ctx) =>
        {
            if (n == 1)
            {
                ctx.Response.Headers.RetryAfter = "2";
                return Status(ctx, 429, "Too Many Requests");
            }

            return Ok(ctx);
        });

        var call = rig.Client.Sending.SendMessageAsync(Message);
        await Wait.UntilAsync(() => rig.Time.PendingTimers == 1, "the retry pause is scheduled on the fake clock");
        rig.Time.Advance(TimeSpan.FromMilliseconds(1900));
        await Task.Delay(100);
        rig.Server.Requests.Count.ShouldBe(1, "Retry-After: 2 means not before 2 s");
        rig.Time.Advance(TimeSpan.FromMilliseconds(100));

        (await call.Capped()).IdMessage.ShouldBe("3EB0C767D097B7C7C030");
        Gaps(rig.ArrivalTimes("sendMessage")).ShouldBe([S(2)]);
    }

    [Fact]
    public async Task Too_many_requests_without_Retry_After_backs_off_exponentially_from_1_second()
    {
        await using var rig = await ScriptedRig((n, ctx) => n <= 3 ? Status(ctx, 429, "Too Many Requests") : Ok(ctx));
        await using var clock = rig.AutoAdvance();

        await rig.Client.Sending.SendMessageAsync(Message).Capped();

        Gaps(rig.ArrivalTimes("sendMessage")).ShouldBe([S(1), S(2), S(4)]);
    }

    [Fact]
    public async Task Bad_gateway_is_tried_3_times_1_second_apart_then_fails()
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, 502, "Bad Gateway"));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.Attempts.ShouldBe(3);
        e.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadGateway);
        rig.Count("sendMessage").ShouldBe(3);
        Gaps(rig.ArrivalTimes("sendMessage")).ShouldBe([S(1), S(1)]);
        e.Message.ShouldContain("3 attempts");
    }

    [Fact]
    public async Task Client_closed_request_499_is_retried_after_2_seconds()
    {
        await using var rig = await ScriptedRig((n, ctx) => n == 1 ? Status(ctx, 499, "Client Closed Request") : Ok(ctx));
        await using var clock = rig.AutoAdvance();

        await rig.Client.Sending.SendMessageAsync(Message).Capped();

        Gaps(rig.ArrivalTimes("sendMessage")).ShouldBe([S(2)]);
    }

    [Fact]
    public async Task Client_closed_request_499_gives_up_after_3_attempts()
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, 499, "Client Closed Request"));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.Attempts.ShouldBe(3);
        rig.Count("sendMessage").ShouldBe(3);
    }

    [Fact]
    public async Task Instance_starting_400_is_retried_after_5_seconds_then_succeeds()
    {
        await using var rig = await ScriptedRig((n, ctx) => n <= 2 ? Status(ctx, 400, "instance in starting process try later") : Ok(ctx));
        await using var clock = rig.AutoAdvance();

        (await rig.Client.Sending.SendMessageAsync(Message).Capped()).IdMessage.ShouldBe("3EB0C767D097B7C7C030");

        Gaps(rig.ArrivalTimes("sendMessage")).ShouldBe([S(5), S(5)]);
    }

    [Fact]
    public async Task Instance_starting_400_escalates_to_the_operator_after_5_attempts()
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, 400, "instance in starting process try later"));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiInstanceStateException>(rig.Client.Account.GetSettingsAsync().Capped());

        e.Attempts.ShouldBe(5);
        rig.Count("getSettings").ShouldBe(5);
    }

    public static TheoryData<int, string, Type> SentOnce => new()
    {
        { 400, "Bad Request Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us", typeof(GreenApiValidationException) },
        { 400, "Instance account is expired. Renew your instance from personal area", typeof(GreenApiInstanceStateException) },
        { 401, "Unauthorized", typeof(GreenApiAuthenticationException) },
        { 403, "Forbidden", typeof(GreenApiAuthenticationException) },
        { 404, "Not Found", typeof(GreenApiValidationException) },
        { 466, """{"invokeStatus":{"method":"sendmessage","used":67,"total":0,"status":"QUOTE_ALLOWED"},"correspondentsStatus":{"method":"correspondents","used":3,"total":3,"status":"CORRESPONDENTS_QUOTE_EXCEEDED"}}""", typeof(GreenApiQuotaExceededException) },
        { 500, "Internal Server Error", typeof(GreenApiServerException) },
    };

    [Theory]
    [MemberData(nameof(SentOnce))]
    public async Task SendMessage_error_that_retrying_cannot_fix_is_sent_exactly_once(int status, string body, Type expected)
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, status, body));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.GetType().ShouldBe(expected);
        e.Attempts.ShouldBe(1);
        e.StatusCode.ShouldBe((System.Net.HttpStatusCode)status);
        await Task.Delay(50);
        rig.Count("sendMessage").ShouldBe(1);
    }

    [Fact]
    public async Task ReceiveNotification_500_is_retried_up_to_5_attempts_with_exponential_pauses()
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, 500, "Internal Server Error"));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 }).Capped());

        e.Attempts.ShouldBe(5);
        e.StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        Gaps(rig.ArrivalTimes("receiveNotification")).ShouldBe([S(1), S(2), S(4), S(8)]);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task ReceiveNotification_and_deleteNotification_5xx_are_retried_until_they_succeed(int status)
    {
        await using var rig = await ScriptedRig((n, ctx) => n switch
        {
            1 or 3 => Status(ctx, status, "oops"),
            2 => TestServer.Respond(ctx, 200, "null"),
            _ => TestServer.Respond(ctx, 200, """{"result":true}"""),
        });
        await using var clock = rig.AutoAdvance();

        (await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest()).Capped()).ShouldBeNull();
        (await rig.Client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = 1 }).Capped()).Result.ShouldBeTrue();

        rig.Count("receiveNotification").ShouldBe(2);
        rig.Count("deleteNotification").ShouldBe(2);
    }

    [Fact]
    public async Task Dropped_connection_on_GET_receiveNotification_is_retried()
    {
        await using var rig = await ScriptedRig((n, ctx) => n == 1 ? TestServer.Drop(ctx) : TestServer.Respond(ctx, 200, "null"));
        await using var clock = rig.AutoAdvance();

        (await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest()).Capped()).ShouldBeNull();

        rig.Count("receiveNotification").ShouldBe(2);
    }

    [Fact]
    public async Task Dropped_connection_on_POST_sendMessage_is_not_retried_and_says_it_may_have_been_sent()
    {
        await using var rig = await ScriptedRig((_, ctx) => TestServer.Drop(ctx));
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.StatusCode.ShouldBeNull();
        e.Attempts.ShouldBe(1);
        e.Message.ShouldContain("may have been carried out");
        await Task.Delay(50);
        rig.Count("sendMessage").ShouldBe(1);
    }

    [Fact]
    public async Task Dropped_connection_on_POST_over_a_reused_connection_is_not_sent_twice()
    {
        // The first call opens a pooled connection; the second goes over it and the server drops it after
        // reading the request. Nothing may send that POST again, the HTTP handler included.
        await using var rig = await ScriptedRig((n, ctx) => n == 1 ? Ok(ctx) : TestServer.Drop(ctx));
        await using var clock = rig.AutoAdvance();

        await rig.Client.Sending.SendMessageAsync(Message).Capped();
        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.SendMessageAsync(Message with { Message = "second" }).Capped());

        e.Message.ShouldContain("may have been carried out");
        await Task.Delay(50);
        rig.Server.Requests.Select(r => r.BodyText).ShouldBe([
            """{"chatId":"79001234567@c.us","message":"hi"}""",
            """{"chatId":"79001234567@c.us","message":"second"}""",
        ]);
    }

    [Fact]
    public async Task Upload_from_a_non_seekable_stream_is_not_retried()
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, 502, "Bad Gateway"));
        await using var clock = rig.AutoAdvance();
        var file = new GreenApiFile(new NonSeekableStream(new MemoryStream(new byte[1000])), "a.bin");

        var e = await Should.ThrowAsync<GreenApiServerException>(rig.Client.Sending.UploadFileAsync(new UploadFileRequest { File = file }).Capped());

        e.Attempts.ShouldBe(1);
        await Task.Delay(50);
        rig.Count("uploadFile").ShouldBe(1);
    }

    [Fact]
    public async Task Upload_from_a_seekable_stream_is_retried_whole_and_progress_starts_again()
    {
        var bytes = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        await using var rig = await ScriptedRig((n, ctx) => n == 1 ? Status(ctx, 502, "Bad Gateway") : TestServer.Respond(ctx, 200, """{"urlFile":"https://x/a.bin"}"""));
        await using var clock = rig.AutoAdvance();
        var progress = new SyncProgress();
        var stream = new MemoryStream(bytes);
        var file = new GreenApiFile(stream, "a.bin") { Progress = progress };

        await rig.Client.Sending.UploadFileAsync(new UploadFileRequest { File = file }).Capped();

        var requests = rig.Server.Requests.ToArray();
        requests.Length.ShouldBe(2);
        requests[0].Body.ShouldBe(bytes);
        requests[1].Body.ShouldBe(bytes);
        progress.Values.Count(v => v == 0).ShouldBe(2, "each attempt reports from zero");
        progress.Values[^1].ShouldBe(bytes.Length);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(429)]
    [InlineData(499)]
    public async Task EnableRetries_false_sends_once(int status)
    {
        await using var rig = await ScriptedRig((_, ctx) => Status(ctx, status, "x"), o => o.EnableRetries = false);
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.Attempts.ShouldBe(1);
        await Task.Delay(50);
        rig.Count("sendMessage").ShouldBe(1);
    }
}
