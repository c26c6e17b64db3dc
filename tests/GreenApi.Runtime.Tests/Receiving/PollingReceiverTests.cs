using GreenApi.Receiving;
using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Receiving;

/// <summary>The receiver's rules, one by one, over an in-memory queue (the HTTP path is covered by the run tests).</summary>
public sealed class PollingReceiverTests
{
    private const string Text = """{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":1,"wid":"1@c.us","typeInstance":"whatsapp"},"timestamp":1,"idMessage":"ID1","senderData":{"chatId":"2@c.us","sender":"2@c.us","senderName":"A"},"messageData":{"typeMessage":"textMessage","textMessageData":{"textMessage":"hi"}}}""";

    [Fact]
    public async Task A_poison_notification_is_dead_lettered_and_deleted_and_the_next_one_is_handled()
    {
        var queue = new MemoryQueue(Text, Text.Replace("ID1", "ID2", StringComparison.Ordinal));
        var clock = new FakeTimeProvider();
        var letters = new List<GreenApiDeadLetter<Notification>>();
        var handled = new List<string>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(
            queue,
            (n, _) =>
            {
                calls++;
                var id = ((IncomingMessageReceived)n).IdMessage;
                if (id == "ID1")
                {
                    throw new FormatException("cannot handle " + id);
                }

                handled.Add(id);
                stop.Cancel();
                return Task.CompletedTask;
            },
            new() { MaxHandlerAttempts = 3, OnDeadLetter = (l, _) => { letters.Add(l); return Task.CompletedTask; } },
            timeProvider: clock);

        using (clock.AutoAdvance())
        {
            await receiver.RunAsync(stop.Token);
        }

        calls.ShouldBe(4);
        letters.Count.ShouldBe(1);
        letters[0].Attempts.ShouldBe(3);
        letters[0].Error.ShouldBeOfType<FormatException>();
        letters[0].RawJson.ShouldBe(Text);
        handled.ShouldBe(["ID2"]);
        queue.Deleted.ShouldBe([1L, 2L]);
        receiver.DeadLettered.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_type_reaches_the_handler_as_the_unknown_case()
    {
        var queue = new MemoryQueue("""{"typeWebhook":"somethingNew","timestamp":5,"extra":{"a":1}}""");
        Notification? seen = null;
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(queue, (n, _) => { seen = n; stop.Cancel(); return Task.CompletedTask; });
        await receiver.RunAsync(stop.Token);
        var unknown = seen.ShouldBeOfType<UnknownNotification>();
        unknown.TypeWebhook.ShouldBe("somethingNew");
        unknown.RawJson.GetProperty("extra").GetProperty("a").GetInt32().ShouldBe(1);
        queue.Deleted.ShouldBe([1L]);
    }

    [Fact]
    public async Task An_undecodable_notification_is_dead_lettered_with_its_decode_error_and_deleted()
    {
        var queue = new MemoryQueue("""{"typeWebhook":"incomingMessageReceived","timestamp":"not a number at all"}""", Text);
        var letters = new List<GreenApiDeadLetter<Notification>>();
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(
            queue,
            (_, _) => { stop.Cancel(); return Task.CompletedTask; },
            new() { OnDeadLetter = (l, _) => { letters.Add(l); return Task.CompletedTask; } });
        await receiver.RunAsync(stop.Token);
        letters.Single().Error.ShouldBeOfType<GreenApiDecodeException>();
        letters.Single().Attempts.ShouldBe(0);
        queue.Deleted.ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task A_failing_dead_letter_callback_does_not_block_the_queue()
    {
        var queue = new MemoryQueue(Text, Text.Replace("ID1", "ID2", StringComparison.Ordinal));
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(
            queue,
            (n, _) => ((IncomingMessageReceived)n).IdMessage == "ID1" ? throw new InvalidOperationException("poison") : CancelAsync(stop),
            new() { MaxHandlerAttempts = 1, OnDeadLetter = (_, _) => throw new IOException("dead-letter store is down") });
        await receiver.RunAsync(stop.Token);
        queue.Deleted.ShouldBe([1L, 2L]);
    }

    [Fact]
    public async Task Cancelling_while_the_handler_runs_leaves_the_notification_in_the_queue()
    {
        var queue = new MemoryQueue(Text);
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(queue, async (_, ct) =>
        {
            await stop.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
        });
        await receiver.RunAsync(stop.Token);
        queue.Deleted.ShouldBeEmpty();
        queue.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_notification_whose_delete_failed_is_deleted_again_without_a_second_handler_call()
    {
        var queue = new MemoryQueue(Text) { FailDeletes = 1 };
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(queue, (_, _) => { calls++; return Task.CompletedTask; }, new() { Deduplicator = null });
        queue.OnEmpty = () => stop.Cancel();
        await receiver.RunAsync(stop.Token);
        calls.ShouldBe(1);
        queue.DeleteAttempts.ShouldBe(2);
        receiver.Duplicates.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_idMessage_delivered_twice_is_handled_once()
    {
        var queue = new MemoryQueue(Text, Text);
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(queue, (_, _) => { calls++; return Task.CompletedTask; });
        queue.OnEmpty = () => stop.Cancel();
        await receiver.RunAsync(stop.Token);
        calls.ShouldBe(1);
        queue.Deleted.ShouldBe([1L, 2L]);
        receiver.Duplicates.ShouldBe(1);
    }

    [Fact]
    public async Task A_failing_queue_is_polled_again_after_growing_pauses()
    {
        var queue = new MemoryQueue(Text) { FailReceives = 3 };
        var clock = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var receiver = new GreenApiPollingReceiver<Notification>(queue, (_, _) => CancelAsync(stop), new() { ReceiveErrorDelay = TimeSpan.FromSeconds(5) }, timeProvider: clock);
        var started = clock.GetTimestamp();
        using (clock.AutoAdvance())
        {
            await receiver.RunAsync(stop.Token);
        }

        clock.GetElapsedTime(started).ShouldBe(TimeSpan.FromSeconds(5 + 10 + 20));
        queue.Deleted.ShouldBe([1L]);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(61)]
    public void Options_outside_the_long_poll_range_are_refused_with_what_to_set(int seconds)
    {
        var error = Should.Throw<ArgumentException>(() => new GreenApiPollingReceiver<Notification>(new MemoryQueue(), (_, _) => Task.CompletedTask, new() { ReceiveTimeoutSeconds = seconds }));
        error.Message.ShouldContain("between 5 and 60");
    }

    private static Task CancelAsync(CancellationTokenSource source)
    {
        source.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>An in-memory queue with the service's semantics: receive peeks the oldest, delete removes by receipt.</summary>
    private sealed class MemoryQueue : IGreenApiNotificationSource<Notification>
    {
        private readonly LinkedList<(long Receipt, string Json)> _items = new();

        public MemoryQueue(params string[] notifications)
        {
            var receipt = 1L;
            foreach (var json in notifications)
            {
                _items.AddLast((receipt++, json));
            }
        }

        public List<long> Deleted { get; } = [];

        public int DeleteAttempts { get; private set; }

        public int FailDeletes { get; set; }

        public int FailReceives { get; set; }

        public Action? OnEmpty { get; set; }

        public int Count => _items.Count;

        public Task<GreenApiReceivedNotification<Notification>?> ReceiveAsync(int? receiveTimeoutSeconds, CancellationToken cancellationToken)
        {
            if (FailReceives-- > 0)
            {
                throw new GreenApiServerException("receiveNotification", System.Net.HttpStatusCode.BadGateway, "Bad Gateway", "receiveNotification failed");
            }

            if (_items.First is not { } first)
            {
                OnEmpty?.Invoke();
                return Task.FromResult<GreenApiReceivedNotification<Notification>?>(null);
            }

            var (receipt, json) = first.Value;
            try
            {
                return Task.FromResult<GreenApiReceivedNotification<Notification>?>(new(receipt, Notification.Parse(json), json));
            }
            catch (GreenApiDecodeException e)
            {
                return Task.FromResult<GreenApiReceivedNotification<Notification>?>(new(receipt, null, json, e));
            }
        }

        public Task DeleteAsync(long receiptId, CancellationToken cancellationToken)
        {
            DeleteAttempts++;
            if (FailDeletes-- > 0)
            {
                throw new GreenApiServerException("deleteNotification", System.Net.HttpStatusCode.BadGateway, "Bad Gateway", "deleteNotification failed");
            }

            var node = _items.First;
            while (node is not null && node.Value.Receipt != receiptId)
            {
                node = node.Next;
            }

            if (node is not null)
            {
                _items.Remove(node);
                Deleted.Add(receiptId);
            }

            return Task.CompletedTask;
        }
    }
}
