namespace GreenApi.Runtime.Tests.Infrastructure;

/// <summary>
/// A clock the test moves: timers (Task.Delay, Polly's pauses, the rate limiters' refills) fire only when
/// time is advanced, by hand or by <see cref="AutoAdvance"/>, which jumps to the next due timer whenever one
/// is pending, so that waiting takes no real time while the order of events is kept.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        if (start is { } value)
        {
            _now = value;
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _ticks;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>How many timers are waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing every timer that falls due, in order.</summary>
    public void Advance(TimeSpan by)
    {
        long target;
        lock (_lock)
        {
            target = _ticks + by.Ticks;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now += TimeSpan.FromTicks(target - _ticks);
                    _ticks = target;
                    return;
                }

                var due = next.Due!.Value;
                if (due > _ticks)
                {
                    _now += TimeSpan.FromTicks(due - _ticks);
                    _ticks = due;
                }

                next.Due = next.Period is { } period ? _ticks + Math.Max(period, 1) : null;
            }

            next.Fire();
        }
    }

    /// <summary>Moves time to the next due timer, if any; <see langword="false"/> when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        long? due;
        lock (_lock)
        {
            due = _timers.Where(t => t.Due is not null).Min(t => t.Due);
        }

        if (due is not { } value)
        {
            return false;
        }

        Advance(TimeSpan.FromTicks(Math.Max(0, value - GetTimestamp())));
        return true;
    }

    /// <summary>Until disposed, a background loop jumps to the next due timer every <paramref name="realInterval"/> of real time.</summary>
    public IDisposable AutoAdvance(TimeSpan? realInterval = null)
    {
        var stop = new CancellationTokenSource();
        var interval = realInterval ?? TimeSpan.FromMilliseconds(1);
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                AdvanceToNextTimer();
                try
                {
                    await Task.Delay(interval, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        return new Stopper(stop);
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>
    /// Stops the loop without waiting for it: the code disposing it may be running on the loop's own thread
    /// (a timer the loop fired can complete an await inline), and waiting there would never end.
    /// </summary>
    private sealed class Stopper(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public long? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._ticks + Math.Max(0, dueTime.Ticks);
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._lock)
            {
                Due = null;
            }

            owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
