using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GreenApi.Receiving;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GreenApi.Runtime.Tests.Receiving;

/// <summary>The acceptance run: 10,000 notifications, 10% server faults, 5% failing handler calls.</summary>
public sealed class PollingReceiverRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_notifications_with_faults_are_all_handled_once_in_order()
    {
        const int count = 10_000;
        var queue = new QueueServer(faultRate: 0.10, seed: 4);
        var notifications = QueueServer.Notifications(count);
        foreach (var json in notifications)
        {
            queue.Enqueue(json);
        }

        await using var server = await TestServer.StartAsync(queue.Handle);
        var clock = new FakeTimeProvider();
        using var logs = new LogCapture();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = server.Options();
        options.EnableRateLimiting = false;
        using var transport = new GreenApiTransport(options, null, new GreenApiRuntimeServices { TimeProvider = clock, LoggerFactory = loggerFactory });
        using var client = new GreenApiClient(transport);

        var handled = new List<string>(count);
        var handlerRandom = new Random(5);
        var handlerCalls = 0;
        var handlerFailures = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadLetters = new ConcurrentQueue<GreenApiDeadLetter<Notification>>();
        var receiver = new GreenApiPollingReceiver<Notification>(
            client.Receiving,
            (notification, _) =>
            {
                handlerCalls++;
                if (handlerRandom.NextDouble() < 0.05)
                {
                    handlerFailures++;
                    throw new InvalidOperationException("the bot's database is briefly unavailable");
                }

                handled.Add(notification.ToJson());
                if (handled.Count == count)
                {
                    done.TrySetResult();
                }

                return Task.CompletedTask;
            },
            new GreenApiPollingReceiverOptions<Notification>
            {
                ReceiveTimeoutSeconds = 5,
                MaxHandlerAttempts = 5,
                OnDeadLetter = (letter, _) =>
                {
                    deadLetters.Enqueue(letter);
                    return Task.CompletedTask;
                },
            },
            loggerFactory.CreateLogger("GreenApi.Receiver"),
            clock);

        var started = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        using (clock.AutoAdvance())
        {
            var run = receiver.RunAsync(stop.Token);
            var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMinutes(2)));
            finished.ShouldBe(done.Task, $"only {handled.Count} of {count} were handled in 2 minutes");
            for (var i = 0; i < 2000 && queue.Count > 0; i++)
            {
                await Task.Delay(5);
            }

            await stop.CancelAsync();
            await run;
        }

        output.WriteLine($"{count} notifications in {started.Elapsed.TotalSeconds:0.0} s: {queue.Requests} requests, {queue.Faults} faults injected ({100.0 * queue.Faults / queue.Requests:0.0}%), {handlerCalls} handler calls, {handlerFailures} failed ({100.0 * handlerFailures / handlerCalls:0.0}%), {receiver.Duplicates} redeliveries skipped, {receiver.DeadLettered} dead letters");
        deadLetters.ShouldBeEmpty();
        queue.Count.ShouldBe(0);
        handled.Count.ShouldBe(count);
        for (var i = 0; i < count; i++)
        {
            JsonEquivalence.Explain(JsonNode.Parse(notifications[i]), JsonNode.Parse(handled[i])).ShouldBeNull($"notification {i} is out of place or changed");
        }

        queue.Faults.ShouldBeGreaterThan(queue.Requests / 20);
        handlerFailures.ShouldBeGreaterThan(count / 40);
        receiver.Handled.ShouldBe(count);
        logs.Lines.ShouldContain(l => l.Contains("retrying", StringComparison.Ordinal));
    }
}
