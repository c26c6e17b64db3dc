using System.Threading.RateLimiting;

namespace GreenApi.Policies;

/// <summary>
/// A <see cref="RateLimiter"/> that hands out one permit per interval, in arrival order, on a
/// <see cref="TimeProvider"/>'s clock: a token bucket holding a single token. Permits are never closer
/// than the interval, so no window of one second ever holds more than the documented number of calls.
/// (The built-in limiters measure elapsed time with the real stopwatch even when replenished by hand, so
/// they cannot follow a test's clock.)
/// </summary>
internal sealed class GreenApiPacedRateLimiter : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(true);
    private static readonly RateLimitLease Refused = new Lease(false);
    private readonly Lock _lock = new();
    private readonly Queue<Waiter> _waiters = new();
    private readonly TimeProvider _time;
    private readonly long _interval;
    private readonly ITimer _timer;
    private long _nextFree;
    private long? _idleSince;
    private long _granted;
    private bool _disposed;

    public GreenApiPacedRateLimiter(TimeSpan interval, TimeProvider time)
    {
        _time = time;
        _interval = (long)(interval.TotalSeconds * time.TimestampFrequency);
        _nextFree = time.GetTimestamp();
        _idleSince = _nextFree;
        _timer = time.CreateTimer(static state => ((GreenApiPacedRateLimiter)state!).GrantDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                return _idleSince is { } since ? _time.GetElapsedTime(since) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _waiters.Count == 0 && _time.GetTimestamp() >= _nextFree ? 1 : 0,
                CurrentQueuedCount = _waiters.Count,
                TotalSuccessfulLeases = _granted,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _waiters.Count == 0 && TryTake() ? Granted : Refused;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(permitCount, 1);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiters.Count == 0 && TryTake())
            {
                return ValueTask.FromResult(Granted);
            }

            var waiter = new Waiter();
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).Completion.TrySetCanceled(), waiter);
            }

            _waiters.Enqueue(waiter);
            _idleSince = null;
            Schedule();
            return new ValueTask<RateLimitLease>(waiter.Completion.Task);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        lock (_lock)
        {
            _disposed = true;
            _timer.Dispose();
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.Registration.Dispose();
                waiter.Completion.TrySetResult(Refused);
            }
        }
    }

    private bool TryTake()
    {
        var now = _time.GetTimestamp();
        if (now < _nextFree)
        {
            return false;
        }

        _nextFree = now + _interval;
        _granted++;
        _idleSince = _waiters.Count == 0 ? now : null;
        return true;
    }

    private void GrantDue()
    {
        lock (_lock)
        {
            while (_waiters.TryPeek(out var head))
            {
                if (head.Completion.Task.IsCompleted)
                {
                    _waiters.Dequeue();
                    continue;
                }

                if (!TryTake())
                {
                    break;
                }

                _waiters.Dequeue();
                head.Registration.Dispose();
                if (!head.Completion.TrySetResult(Granted))
                {
                    // Cancelled at the last moment: the slot is given back to the next waiter.
                    _nextFree -= _interval;
                    _granted--;
                }
            }

            if (_disposed)
            {
                return;
            }

            if (_waiters.Count > 0)
            {
                Schedule();
            }
            else
            {
                _idleSince = _time.GetTimestamp();
            }
        }
    }

    private void Schedule()
    {
        var wait = Math.Max(0, _nextFree - _time.GetTimestamp());
        _timer.Change(TimeSpan.FromSeconds((double)wait / _time.TimestampFrequency), Timeout.InfiniteTimeSpan);
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
