using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GreenApi.Receiving;

/// <summary>How a <see cref="GreenApiPollingReceiver{TNotification}"/> polls, retries and gives up.</summary>
/// <typeparam name="TNotification">The generated notification union.</typeparam>
public sealed class GreenApiPollingReceiverOptions<TNotification>
{
    /// <summary>How long each receive call waits for a notification (the long poll), 5–60 seconds. Default 20.</summary>
    public int ReceiveTimeoutSeconds { get; set; } = 20;

    /// <summary>How many times the handler is called for one notification before it is dead-lettered. Default 3.</summary>
    public int MaxHandlerAttempts { get; set; } = 3;

    /// <summary>The pause before calling a failed handler again, growing with each attempt (1×, 2×, …). Default 1 second.</summary>
    public TimeSpan HandlerRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first pause after the queue itself failed (after the transport's own retries), doubling up to <see cref="MaxReceiveErrorDelay"/>. Default 5 seconds.</summary>
    public TimeSpan ReceiveErrorDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest pause between attempts to reach a failing queue. Default 1 minute.</summary>
    public TimeSpan MaxReceiveErrorDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Called with a notification the handler could not process in <see cref="MaxHandlerAttempts"/> attempts, or
    /// that could not be decoded; the notification is deleted from the queue afterwards, whatever this does.
    /// Without it, dead letters are only logged (as errors).
    /// </summary>
    public Func<GreenApiDeadLetter<TNotification>, CancellationToken, Task>? OnDeadLetter { get; set; }

    /// <summary>
    /// Skips notifications already handled (the vendor's advice: de-duplicate by <c>idMessage</c>). A new
    /// <see cref="GreenApiNotificationDeduplicator"/> by default; <see langword="null"/> turns it off.
    /// </summary>
    public GreenApiNotificationDeduplicator? Deduplicator { get; set; } = new();

    /// <summary>Fails with a message that says what to set when the options cannot work.</summary>
    public void Validate()
    {
        if (ReceiveTimeoutSeconds is < 5 or > 60)
        {
            throw new ArgumentException($"{nameof(ReceiveTimeoutSeconds)} must be between 5 and 60 (the service's long-poll range); it is {ReceiveTimeoutSeconds}.", nameof(ReceiveTimeoutSeconds));
        }

        if (MaxHandlerAttempts < 1)
        {
            throw new ArgumentException($"{nameof(MaxHandlerAttempts)} must be at least 1; it is {MaxHandlerAttempts}.", nameof(MaxHandlerAttempts));
        }

        if (HandlerRetryDelay < TimeSpan.Zero || ReceiveErrorDelay <= TimeSpan.Zero || MaxReceiveErrorDelay < ReceiveErrorDelay)
        {
            throw new ArgumentException($"{nameof(HandlerRetryDelay)} must not be negative, {nameof(ReceiveErrorDelay)} must be positive and {nameof(MaxReceiveErrorDelay)} at least {nameof(ReceiveErrorDelay)}.");
        }
    }
}

/// <summary>A notification that was given up on, and why.</summary>
/// <typeparam name="TNotification">The generated notification union.</typeparam>
/// <param name="ReceiptId">Its receipt id in the queue.</param>
/// <param name="Notification">The decoded notification, or <see langword="null"/> when it could not be decoded.</param>
/// <param name="RawJson">The notification exactly as it arrived.</param>
/// <param name="Error">The handler's last exception, or the decode error.</param>
/// <param name="Attempts">How many times the handler was called (0 when it could not be decoded).</param>
public sealed record GreenApiDeadLetter<TNotification>(long ReceiptId, TNotification? Notification, string RawJson, Exception Error, int Attempts);

/// <summary>
/// Receives notifications from an instance's HTTP API queue, at least once and never stuck: each one is
/// decoded, handed to the handler and deleted only after the handler succeeds. A failing handler is called
/// again a bounded number of times; then the notification goes to the dead-letter callback and is deleted,
/// so one poison notification never blocks the queue. Unknown notification types reach the handler as the
/// union's unknown case. Stops cleanly when cancelled: a notification being handled is left in the queue.
/// </summary>
/// <typeparam name="TNotification">The generated notification union.</typeparam>
public sealed partial class GreenApiPollingReceiver<TNotification>
{
    private const int RememberedReceipts = 1024;
    private static readonly TimeSpan DeleteGrace = TimeSpan.FromSeconds(5);
    private readonly IGreenApiNotificationSource<TNotification> _source;
    private readonly Func<TNotification, CancellationToken, Task> _handler;
    private readonly GreenApiPollingReceiverOptions<TNotification> _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HashSet<long> _handledReceipts = [];
    private readonly Queue<long> _handledOrder = new();
    private long _received;
    private long _handled;
    private long _deadLettered;
    private long _duplicates;

    /// <summary>Creates a receiver; nothing happens until <see cref="RunAsync"/>.</summary>
    public GreenApiPollingReceiver(
        IGreenApiNotificationSource<TNotification> source,
        Func<TNotification, CancellationToken, Task> handler,
        GreenApiPollingReceiverOptions<TNotification>? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _options = options ?? new GreenApiPollingReceiverOptions<TNotification>();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Notifications taken from the queue so far (a redelivered one counts again).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Notifications the handler processed successfully.</summary>
    public long Handled => Interlocked.Read(ref _handled);

    /// <summary>Notifications given up on and passed to the dead-letter callback.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Notifications skipped because they had been handled before.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled, then returns (without throwing).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var errorDelay = _options.ReceiveErrorDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            GreenApiReceivedNotification<TNotification>? item;
            try
            {
                item = await _source.ReceiveAsync(_options.ReceiveTimeoutSeconds, cancellationToken).ConfigureAwait(false);
                errorDelay = _options.ReceiveErrorDelay;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReceiveFailed(_logger, (long)errorDelay.TotalMilliseconds, e.Message, e);
                if (!await PauseAsync(errorDelay, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                errorDelay = errorDelay * 2 > _options.MaxReceiveErrorDelay ? _options.MaxReceiveErrorDelay : errorDelay * 2;
                continue;
            }

            if (item is not null && !await ProcessAsync(item, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Handles one received notification; <see langword="false"/> when cancelled before it was done.</summary>
    private async Task<bool> ProcessAsync(GreenApiReceivedNotification<TNotification> item, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _received);
        if (_handledReceipts.Contains(item.ReceiptId))
        {
            // Handled already; only its delete failed before. Delete it again without handling it twice.
            Interlocked.Increment(ref _duplicates);
            return await DeleteAsync(item.ReceiptId, cancellationToken).ConfigureAwait(false);
        }

        if (item.DecodeError is not null || item.Body is not { } notification)
        {
            await DeadLetterAsync(new GreenApiDeadLetter<TNotification>(item.ReceiptId, default, item.RawJson, (Exception?)item.DecodeError ?? new InvalidOperationException("The notification body is null."), 0), cancellationToken).ConfigureAwait(false);
            return await DeleteAsync(item.ReceiptId, cancellationToken).ConfigureAwait(false);
        }

        var key = _options.Deduplicator?.KeyOf(item.RawJson);
        if (key is not null && !_options.Deduplicator!.TryRegister(key))
        {
            Interlocked.Increment(ref _duplicates);
            LogDuplicate(_logger, item.ReceiptId);
            return await DeleteAsync(item.ReceiptId, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _handler(notification, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _handled);
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Left in the queue: it is handled again after a restart.
                if (key is not null)
                {
                    _options.Deduplicator!.Forget(key);
                }

                return false;
            }
            catch (Exception e) when (attempt < _options.MaxHandlerAttempts)
            {
                LogHandlerFailed(_logger, item.ReceiptId, attempt, _options.MaxHandlerAttempts, e.Message, e);
                if (!await PauseAsync(_options.HandlerRetryDelay * attempt, cancellationToken).ConfigureAwait(false))
                {
                    if (key is not null)
                    {
                        _options.Deduplicator!.Forget(key);
                    }

                    return false;
                }
            }
            catch (Exception e)
            {
                await DeadLetterAsync(new GreenApiDeadLetter<TNotification>(item.ReceiptId, notification, item.RawJson, e, attempt), cancellationToken).ConfigureAwait(false);
                break;
            }
        }

        Remember(item.ReceiptId);
        return await DeleteAsync(item.ReceiptId, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(GreenApiDeadLetter<TNotification> letter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _deadLettered);
        LogDeadLetter(_logger, letter.ReceiptId, letter.Attempts, letter.Error.Message, letter.Error);
        if (_options.OnDeadLetter is not { } onDeadLetter)
        {
            return;
        }

        try
        {
            await onDeadLetter(letter, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogDeadLetterFailed(_logger, letter.ReceiptId, e.Message, e);
        }
    }

    /// <summary>Deletes a handled notification; a failure is logged and the receipt remembered, so a redelivery is only deleted.</summary>
    private async Task<bool> DeleteAsync(long receiptId, CancellationToken cancellationToken)
    {
        // A stop requested while the handler finished must not leave a handled notification in the queue
        // (it would be handled again after a restart), so the delete gets a few seconds' grace.
        using var grace = new CancellationTokenSource();
        using var stopping = cancellationToken.Register(static state => ((CancellationTokenSource)state!).CancelAfter(DeleteGrace), grace);
        try
        {
            await _source.DeleteAsync(receiptId, grace.Token).ConfigureAwait(false);
            Forget(receiptId);
            return !cancellationToken.IsCancellationRequested;
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            Remember(receiptId);
            return false;
        }
        catch (Exception e)
        {
            Remember(receiptId);
            LogDeleteFailed(_logger, receiptId, e.Message, e);
            return true;
        }
    }

    private void Remember(long receiptId)
    {
        if (_handledReceipts.Add(receiptId))
        {
            _handledOrder.Enqueue(receiptId);
            if (_handledOrder.Count > RememberedReceipts)
            {
                _handledReceipts.Remove(_handledOrder.Dequeue());
            }
        }
    }

    private void Forget(long receiptId) => _handledReceipts.Remove(receiptId);

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(101, LogLevel.Warning, "Receiving a notification failed; trying again in {DelayMs} ms: {Reason}")]
    private static partial void LogReceiveFailed(ILogger logger, long delayMs, string reason, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "The handler failed on notification {ReceiptId} (attempt {Attempt} of {MaxAttempts}): {Reason}")]
    private static partial void LogHandlerFailed(ILogger logger, long receiptId, int attempt, int maxAttempts, string reason, Exception exception);

    [LoggerMessage(103, LogLevel.Error, "Notification {ReceiptId} was dead-lettered after {Attempts} handler attempts: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, long receiptId, int attempts, string reason, Exception exception);

    [LoggerMessage(104, LogLevel.Error, "The dead-letter callback failed on notification {ReceiptId}; it is deleted anyway: {Reason}")]
    private static partial void LogDeadLetterFailed(ILogger logger, long receiptId, string reason, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "Deleting notification {ReceiptId} failed; if the queue returns it, it is deleted without being handled again: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, long receiptId, string reason, Exception exception);

    [LoggerMessage(106, LogLevel.Debug, "Notification {ReceiptId} was handled before; deleting it")]
    private static partial void LogDuplicate(ILogger logger, long receiptId);
}
