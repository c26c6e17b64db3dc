using System.Collections.Concurrent;
using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>
/// Per-method rate limits (docs 1.3.12) on the transport's clock. The clock is fake and moved by hand, so
/// "one more call per second" is checked in fake seconds, without waiting.
/// </summary>
public sealed class TransportRateLimitTests
{
    /// <summary>Answers getSettings with the arrival number as the wid, so that the caller sees its turn.</summary>
    private static Task<TransportRig> SettingsRig(Action<GreenApiClientOptions>? configure = null)
    {
        var arrived = 0;
        return TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, TransportRig.Settings($"{Interlocked.Increment(ref arrived)}@c.us")), configure);
    }

    private static async Task ShouldStayAt(TransportRig rig, int count, string because)
    {
        // Absence can only be shown by waiting a little real time; the fake clock does not move meanwhile.
        await Task.Delay(100);
        rig.Server.Requests.Count.ShouldBe(count, because);
    }

    [Fact]
    public async Task Five_concurrent_getSettings_at_1_per_second_pass_one_per_fake_second_in_call_order()
    {
        await using var rig = await SettingsRig();
        var calls = new List<Task<GetSettingsResponse>>();
        for (var i = 0; i < 5; i++)
        {
            calls.Add(rig.Client.Account.GetSettingsAsync());
        }

        await Wait.UntilAsync(() => rig.Server.Requests.Count >= 1, "the first getSettings reaches the server");
        await ShouldStayAt(rig, 1, "getSettings is limited to 1 per second and no time has passed");
        (await calls[0].Capped()).Wid.ShouldBe("1@c.us");

        for (var n = 2; n <= 5; n++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(900));
            await ShouldStayAt(rig, n - 1, $"call {n} must wait a full second after call {n - 1}");
            rig.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Wait.UntilAsync(() => rig.Server.Requests.Count >= n, $"call {n} reaches the server once 1 s of fake time has passed since call {n - 1}", 2000);
            await ShouldStayAt(rig, n, "exactly one more call passes per second");
            (await calls[n - 1].Capped()).Wid.ShouldBe($"{n}@c.us", "calls pass in the order they were made");
        }
    }

    [Fact]
    public async Task RateLimits_override_changes_the_spacing()
    {
        await using var rig = await SettingsRig(o => o.RateLimits["GETSETTINGS"] = 5);
        rig.Transport.RateLimitOf(GreenApiMethods.GetSettings).ShouldBe(5);
        var calls = Enumerable.Range(0, 3).Select(_ => rig.Client.Account.GetSettingsAsync()).ToList();

        await Wait.UntilAsync(() => rig.Server.Requests.Count >= 1, "the first call reaches the server");
        await ShouldStayAt(rig, 1, "the second call waits for its turn");
        rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Wait.UntilAsync(() => rig.Server.Requests.Count >= 2, "at 5 per second the next call passes after 200 ms of fake time", 2000);
        rig.Time.Advance(TimeSpan.FromMilliseconds(200));
        await Wait.UntilAsync(() => rig.Server.Requests.Count >= 3, "and the one after 200 ms later", 2000);
        (await Task.WhenAll(calls).Capped()).Select(s => s.Wid).ShouldBe(["1@c.us", "2@c.us", "3@c.us"]);
    }

    [Fact]
    public async Task EnableRateLimiting_false_lifts_every_limit()
    {
        await using var rig = await SettingsRig(o => o.EnableRateLimiting = false);

        var all = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => rig.Client.Account.GetSettingsAsync())).Capped();

        all.Length.ShouldBe(5);
        rig.Server.Requests.Count.ShouldBe(5, "all five pass without the fake clock moving");
        rig.Transport.RateLimitOf(GreenApiMethods.GetSettings).ShouldBeNull();
        rig.Transport.RateLimitOf(GreenApiMethods.SendMessage).ShouldBeNull();
    }

    [Fact]
    public async Task RateLimitOf_reports_the_documented_limits()
    {
        await using var rig = await SettingsRig();

        rig.Transport.RateLimitOf(GreenApiMethods.SendMessage).ShouldBe(50);
        rig.Transport.RateLimitOf(GreenApiMethods.GetSettings).ShouldBe(1);
        rig.Transport.RateLimitOf(GreenApiMethods.ReceiveNotification).ShouldBe(100);
        rig.Transport.RateLimitOf(GreenApiMethods.UploadFile).ShouldBeNull("uploadFile has no documented limit");
    }

    [Fact]
    public async Task Burst_of_200_sendMessage_never_exceeds_50_per_fake_second()
    {
        // The server enforces the documented limit itself, counting arrivals per 1-second window of the
        // same fake clock, and answers 429 to the 51st of a window.
        var windows = new ConcurrentDictionary<long, int>();
        var tooMany = 0;
        FakeTimeProvider time = new();
        var start = time.GetTimestamp();
        await using var rig = await TransportRig.StartAsync(async (_, ctx) =>
        {
            var window = (time.GetTimestamp() - start) / time.TimestampFrequency;
            if (windows.AddOrUpdate(window, 1, (_, n) => n + 1) > 50)
            {
                Interlocked.Increment(ref tooMany);
                await TestServer.Respond(ctx, 429, "Too Many Requests", "text/plain");
                return;
            }

            await TestServer.Respond(ctx, 200, """{"idMessage":"ok"}""");
        }, time: time);

        var calls = Enumerable.Range(0, 200)
            .Select(i => rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = $"m{i}" }))
            .ToList();
        var all = Task.WhenAll(calls);

        // Like AutoAdvance (jump to the next due timer), but each jump waits until the call it released has
        // reached the server, so that arrivals are stamped with the fake time they were released at.
        while (!all.IsCompleted)
        {
            var before = rig.Server.Requests.Count;
            time.AdvanceToNextTimer();
            await Wait.ForAsync(() => rig.Server.Requests.Count > before || all.IsCompleted, 50);
            time.GetElapsedTime(start).ShouldBeLessThan(TimeSpan.FromSeconds(6), $"200 calls at 50/s take 4 s of fake time; after 6 s only {rig.Server.Requests.Count} reached the server");
        }

        await all.Capped();
        tooMany.ShouldBe(0, $"arrivals per fake second: {string.Join(", ", windows.OrderBy(w => w.Key).Select(w => $"{w.Key}s={w.Value}"))}");
        rig.Server.Requests.Count.ShouldBe(200);
        var arrivals = rig.ArrivalTimes("sendMessage");
        (arrivals[^1] - arrivals[0]).ShouldBeInRange(TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(4.1), "199 gaps of 20 ms");
    }
}
