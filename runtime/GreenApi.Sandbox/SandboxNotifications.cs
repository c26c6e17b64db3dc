using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>
/// An instance's notifications, delivered as the service does (1.3.4): with no <c>webhookUrl</c> they
/// wait in the HTTP API queue (FIFO, <c>receiveNotification</c> long-polls, <c>deleteNotification</c>
/// removes, kept 24 hours); with one they are POSTed to it in order with the <c>webhookUrlToken</c> in
/// the Authorization header, and a delivery that does not get 200 is tried again after 60 s.
/// </summary>
internal sealed class SandboxNotifications
{
    private readonly SandboxInstance instance;
    private readonly GreenApiSandbox sandbox;
    private readonly LinkedList<(long ReceiptId, JsonObject Body, DateTimeOffset At)> queue = new();
    private readonly LinkedList<(JsonObject Body, DateTimeOffset At)> webhooks = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource webhookAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextReceiptId;
    private Task? deliveryLoop;

    public SandboxNotifications(SandboxInstance instance, GreenApiSandbox sandbox)
    {
        this.instance = instance;
        this.sandbox = sandbox;
    }

    public int Count
    {
        get
        {
            lock (queue)
            {
                Expire();
                return queue.Count;
            }
        }
    }

    public int PendingWebhooks
    {
        get
        {
            lock (queue)
            {
                return webhooks.Count;
            }
        }
    }

    public void Add(JsonObject body)
    {
        var webhookUrl = instance.Setting("webhookUrl");
        lock (queue)
        {
            if (!string.IsNullOrEmpty(webhookUrl))
            {
                webhooks.AddLast((body, sandbox.Time.GetUtcNow()));
                deliveryLoop ??= Task.Run(DeliverAsync);
                Signal(ref webhookAdded);
                return;
            }

            queue.AddLast((++nextReceiptId, body, sandbox.Time.GetUtcNow()));
            Signal(ref changed);
        }
    }

    /// <summary>The oldest notification, waiting up to <paramref name="timeout"/> for one; null when none came.</summary>
    public async Task<(long ReceiptId, JsonObject Body)?> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = sandbox.Time.GetUtcNow() + timeout;
        while (true)
        {
            Task wait;
            lock (queue)
            {
                Expire();
                if (queue.First is { } first)
                {
                    return (first.Value.ReceiptId, first.Value.Body);
                }

                wait = changed.Task;
            }

            var remaining = deadline - sandbox.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, sandbox.Time, stop.Token);
            await Task.WhenAny(wait, delay).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Removes a notification; false when there is no such receipt.</summary>
    public bool Delete(long receiptId)
    {
        lock (queue)
        {
            for (var node = queue.First; node is not null; node = node.Next)
            {
                if (node.Value.ReceiptId == receiptId)
                {
                    queue.Remove(node);
                    return true;
                }
            }

            return false;
        }
    }

    public int ClearWebhooks()
    {
        lock (queue)
        {
            var count = webhooks.Count;
            webhooks.Clear();
            return count;
        }
    }

    private void Expire()
    {
        var oldest = sandbox.Time.GetUtcNow() - sandbox.Options.NotificationRetention;
        while (queue.First is { } first && first.Value.At < oldest)
        {
            queue.RemoveFirst();
        }
    }

    private static void Signal(ref TaskCompletionSource source)
    {
        var done = source;
        source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.TrySetResult();
    }

    private async Task DeliverAsync()
    {
        var stopping = sandbox.Stopping;
        while (!stopping.IsCancellationRequested)
        {
            JsonObject? body;
            Task wait;
            lock (queue)
            {
                var oldest = sandbox.Time.GetUtcNow() - sandbox.Options.NotificationRetention;
                while (webhooks.First is { } expired && expired.Value.At < oldest)
                {
                    webhooks.RemoveFirst();
                }

                body = webhooks.First?.Value.Body;
                wait = webhookAdded.Task;
            }

            try
            {
                if (body is null)
                {
                    await wait.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                if (await TryDeliverAsync(body, stopping).ConfigureAwait(false))
                {
                    lock (queue)
                    {
                        if (webhooks.First is { } first && ReferenceEquals(first.Value.Body, body))
                        {
                            webhooks.RemoveFirst();
                        }
                    }
                }
                else
                {
                    await Task.Delay(sandbox.Options.WebhookRetryDelay, sandbox.Time, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> TryDeliverAsync(JsonObject body, CancellationToken stopping)
    {
        var url = instance.Setting("webhookUrl");
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var target) || !sandbox.Options.AllowWebhookHost(target))
        {
            sandbox.Log($"instance {instance.IdInstance}: webhookUrl '{url}' is not an address the sandbox delivers to; the notification waits");
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(SandboxJson.Write(body), Encoding.UTF8, "application/json"),
        };
        var token = instance.Setting("webhookUrlToken");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.TryAddWithoutValidation("Authorization",
                token.StartsWith("Basic ", StringComparison.Ordinal) || token.StartsWith("Bearer ", StringComparison.Ordinal) ? token : "Bearer " + token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(sandbox.Options.WebhookTimeout);
        try
        {
            using var response = await sandbox.WebhookClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            sandbox.RecordWebhook(instance, body, (int)response.StatusCode);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stopping.IsCancellationRequested)
        {
            sandbox.RecordWebhook(instance, body, 0);
            return false;
        }
    }
}

/// <summary>
/// The outgoing queue (1.3.7): sending methods add to it; while the instance is authorized it sends
/// one message per <c>delaySendMessagesMilliseconds</c>, first in first out. A sent message gets
/// <c>outgoingAPIMessageReceived</c> and <c>outgoingMessageStatus</c> (sent, then delivered and read
/// after <see cref="GreenApiSandboxOptions.DeliveryDelay"/>).
/// </summary>
internal sealed class SandboxOutgoingQueue
{
    private readonly SandboxInstance instance;
    private readonly GreenApiSandbox sandbox;
    private readonly LinkedList<SandboxQueuedMessage> items = new();
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? pump;
    private DateTimeOffset lastSent = DateTimeOffset.MinValue;

    public SandboxOutgoingQueue(SandboxInstance instance, GreenApiSandbox sandbox)
    {
        this.instance = instance;
        this.sandbox = sandbox;
    }

    public int Count
    {
        get
        {
            lock (items)
            {
                return items.Count;
            }
        }
    }

    public IReadOnlyList<SandboxQueuedMessage> Snapshot()
    {
        lock (items)
        {
            return items.ToList();
        }
    }

    public void Add(SandboxQueuedMessage item)
    {
        lock (items)
        {
            items.AddLast(item);
            pump ??= Task.Run(PumpAsync);
        }

        Wake();
    }

    public int Clear()
    {
        lock (items)
        {
            var count = items.Count;
            foreach (var item in items)
            {
                item.Message.Status = "failed";
            }

            items.Clear();
            return count;
        }
    }

    public void Wake()
    {
        TaskCompletionSource done;
        lock (items)
        {
            done = wake;
            wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private async Task PumpAsync()
    {
        var stopping = sandbox.Stopping;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                SandboxQueuedMessage? next;
                Task wait;
                lock (items)
                {
                    next = instance.State == SandboxStates.Authorized ? items.First?.Value : null;
                    wait = wake.Task;
                }

                if (next is null)
                {
                    await wait.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                var due = lastSent + TimeSpan.FromMilliseconds(instance.SendingIntervalMilliseconds);
                var pause = due - sandbox.Time.GetUtcNow();
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, sandbox.Time, stopping).ConfigureAwait(false);
                    continue;
                }

                lock (items)
                {
                    if (items.First?.Value != next)
                    {
                        continue;
                    }

                    items.RemoveFirst();
                }

                lastSent = sandbox.Time.GetUtcNow();
                Send(next);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void Send(SandboxQueuedMessage item)
    {
        var message = item.Message;
        message.Status = "sent";
        instance.Record(message);
        if (instance.Flag("outgoingAPIMessageWebhook"))
        {
            instance.Notify("outgoingAPIMessageReceived", new JsonObject
            {
                ["idMessage"] = message.IdMessage,
                ["senderData"] = instance.SenderData(message),
                ["messageData"] = message.MessageData.DeepClone(),
            }, force: true);
        }

        Status(message, "sent");
        if (sandbox.Options.DeliveryDelay is { } delay && !message.ChatId.EndsWith("@broadcast", StringComparison.Ordinal))
        {
            _ = ProgressAsync(message, delay);
        }
    }

    private async Task ProgressAsync(SandboxMessage message, TimeSpan delay)
    {
        try
        {
            foreach (var status in new[] { "delivered", "read" })
            {
                await Task.Delay(delay, sandbox.Time, sandbox.Stopping).ConfigureAwait(false);
                message.Status = status;
                Status(message, status);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Status(SandboxMessage message, string status) =>
        instance.Notify("outgoingMessageStatus", new JsonObject
        {
            ["chatId"] = message.ChatId,
            ["idMessage"] = message.IdMessage,
            ["status"] = status,
            ["sendByApi"] = true,
        });
}
