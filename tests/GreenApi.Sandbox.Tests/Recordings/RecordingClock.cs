namespace GreenApi.Sandbox.Tests.Recordings;

/// <summary>
/// The recorder's clock: it starts at a fixed instant and stands still, so every timestamp the sandbox
/// writes (journals, notifications, partner instances, the QR code) is the same on every run. Timers
/// (the sandbox's <c>reboot</c> delay, long polls) fire only when <see cref="Advance"/> moves time past them.
/// </summary>
public sealed class RecordingClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<Timer> timers = [];
    private DateTimeOffset now = start;
    private long ticks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (sync)
        {
            return ticks;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        lock (sync)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing the timers that fall due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        long target;
        lock (sync)
        {
            target = ticks + by.Ticks;
        }

        while (true)
        {
            Timer? next;
            lock (sync)
            {
                next = timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    now += TimeSpan.FromTicks(target - ticks);
                    ticks = target;
                    return;
                }

                var due = next.Due!.Value;
                if (due > ticks)
                {
                    now += TimeSpan.FromTicks(due - ticks);
                    ticks = due;
                }

                next.Due = next.Period is { } period ? ticks + Math.Max(period, 1) : null;
            }

            next.Fire();
        }
    }

    private sealed class Timer(RecordingClock owner, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public long? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.sync)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.ticks + Math.Max(0, dueTime.Ticks);
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period.Ticks;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.sync)
            {
                Due = null;
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
