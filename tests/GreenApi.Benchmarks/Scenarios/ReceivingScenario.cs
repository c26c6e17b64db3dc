using System.Diagnostics;
using GreenApi.Receiving;

namespace GreenApi.Benchmarks.Scenarios;

/// <summary>The polling receiver over a long queue: throughput and the client process's memory.</summary>
public sealed record ReceivingResult(
    int Notifications,
    double Seconds,
    double PerSecond,
    long HeapStartBytes,
    long HeapEndBytes,
    long HeapMaxBytes,
    long WorkingSetStartBytes,
    long WorkingSetEndBytes,
    long AllocatedPerNotification);

/// <summary>
/// 100,000 incoming text messages queued in a sandbox server (another process), then taken through the
/// generated client's <see cref="GreenApiPollingReceiver{TNotification}"/> (receiveNotification, the
/// handler, deleteNotification, one at a time, the de-duplicator on) until the handler has seen them all.
/// Memory is the client process's: the managed heap after a full collection and the working set, at the
/// start (client built, receiver not yet run) and at the end, and the heap's peak sampled every 10,000.
/// </summary>
public static class ReceivingScenario
{
    public static async Task<ReceivingResult> RunAsync(BenchSettings settings)
    {
        var count = settings.ReceivingNotifications;
        await using var server = await SandboxServer.StartAsync(settings, enforceRateLimits: false);
        var fill = Stopwatch.StartNew();
        await server.ReceiveTextsAsync(count);
        Console.WriteLine($"  queued {count} notifications in the sandbox in {fill.Elapsed.TotalSeconds:F1} s");

        using var client = new GreenApiClient(server.ClientOptions(rateLimiting: false));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var heapMax = 0L;
        using var done = new CancellationTokenSource();
        var others = 0;
        var receiver = new GreenApiPollingReceiver<Notification>(client.Receiving, (notification, _) =>
        {
            if (notification is not IncomingMessageReceived { MessageData: TextMessage } message)
            {
                others++; // e.g. the instance's own state notification: handled, not counted
                return Task.CompletedTask;
            }

            if (!seen.Add(message.IdMessage))
            {
                throw new InvalidOperationException($"message {message.IdMessage} was handed to the handler twice");
            }

            if (seen.Count % 10_000 == 0)
            {
                heapMax = Math.Max(heapMax, GC.GetTotalMemory(false));
            }

            if (seen.Count == count)
            {
                done.Cancel();
            }

            return Task.CompletedTask;
        }, new GreenApiPollingReceiverOptions<Notification> { ReceiveTimeoutSeconds = 5 });

        var heapStart = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetStart = Environment.WorkingSet;
        var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await receiver.RunAsync(done.Token);
        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        var heapEnd = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetEnd = Environment.WorkingSet;
        if (seen.Count != count || receiver.DeadLettered != 0)
        {
            throw new InvalidOperationException($"handled {seen.Count} of {count}, {receiver.DeadLettered} dead-lettered");
        }

        var result = new ReceivingResult(count, seconds, count / seconds, heapStart, heapEnd, Math.Max(heapMax, heapEnd), workingSetStart, workingSetEnd, allocated / count);
        Console.WriteLine($"  {count} notifications in {seconds:F1} s: {result.PerSecond:F0}/s; heap {Mb(heapStart)} → {Mb(heapEnd)} (peak {Mb(result.HeapMaxBytes)}), working set {Mb(workingSetStart)} → {Mb(workingSetEnd)}, {result.AllocatedPerNotification} B allocated per notification");
        return result;
    }

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
