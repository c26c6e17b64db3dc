using System.Diagnostics;

namespace GreenApi.Benchmarks.Scenarios;

/// <summary>What the rate limiter achieved against a server enforcing the documented limit.</summary>
public sealed record RateLimitResult(int Calls, double DocumentedPerSecond, long Answered429, long Answered200, double Seconds, double AchievedPerSecond, int MaxInAnySecond);

/// <summary>
/// 2,000 sendMessage calls, all started at once, through the generated client with its rate limiter on
/// (the documented 50 per second) against a sandbox server that enforces the same limit and answers 429
/// with Retry-After beyond it. The 429 count comes from the server; the achieved rate is calls over the
/// time from the first request to the last answer; the busiest second is counted over the times the
/// requests actually left the client (a handler under the transport records them).
/// </summary>
public static class RateLimitScenario
{
    public static async Task<RateLimitResult> RunAsync(BenchSettings settings)
    {
        await using var server = await SandboxServer.StartAsync(settings, enforceRateLimits: true);
        var recorder = new SendTimes(new SocketsHttpHandler { UseProxy = false, ActivityHeadersPropagator = null });
        using var http = new HttpClient(recorder) { Timeout = Timeout.InfiniteTimeSpan };
        var options = server.ClientOptions(rateLimiting: true);
        options.RequestTimeout = TimeSpan.FromMinutes(5);
        using var client = new GreenApiClient(options, http);
        var documented = GreenApiMethods.SendMessage.RequestsPerSecond ?? throw new InvalidOperationException("sendMessage has no documented rate limit");

        var request = new SendMessageRequest { ChatId = ClientScenario.ChatId, Message = ClientScenario.Text };
        var watch = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, settings.RateLimitCalls).Select(_ => client.Sending.SendMessageAsync(request)).ToList();
        var answers = await Task.WhenAll(calls);
        var seconds = watch.Elapsed.TotalSeconds;
        if (answers.Any(a => string.IsNullOrEmpty(a.IdMessage)))
        {
            throw new InvalidOperationException("a sendMessage answer had no idMessage");
        }

        var status = await server.AnswersAsync();
        var times = recorder.Times.Order().ToList();
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= Stopwatch.Frequency)
            {
                first++;
            }

            busiest = Math.Max(busiest, last - first + 1);
        }

        var result = new RateLimitResult(settings.RateLimitCalls, documented, status.GetValueOrDefault(429), status.GetValueOrDefault(200), seconds, settings.RateLimitCalls / seconds, busiest);
        Console.WriteLine($"  {result.Calls} calls in {result.Seconds:F1} s: {result.AchievedPerSecond:F2}/s (documented {documented}/s), 429s: {result.Answered429}, busiest second: {busiest} requests");
        return result;
    }

    private sealed class SendTimes(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<long> _times = new();

        public IReadOnlyCollection<long> Times => _times;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _times.Enqueue(Stopwatch.GetTimestamp());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
