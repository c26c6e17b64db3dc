using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace GreenApi.Policies;

/// <summary>
/// The per-method rate limits of one instance (docs 1.3.12). Each method gets a
/// <see cref="GreenApiPacedRateLimiter"/>: one permit per 1/rate seconds on the transport's clock, so that
/// calls are spaced evenly and no second ever holds more than the documented number. Callers queue in
/// arrival order.
/// </summary>
internal sealed class GreenApiRateLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, Bucket?> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyDictionary<string, double> _overrides;
    private readonly TimeProvider _time;
    private readonly bool _enabled;
    private bool _disposed;

    public GreenApiRateLimits(bool enabled, IDictionary<string, double>? overrides, TimeProvider time)
    {
        _enabled = enabled;
        _overrides = new Dictionary<string, double>(overrides ?? new Dictionary<string, double>(), StringComparer.OrdinalIgnoreCase);
        _time = time;
    }

    /// <summary>The requests per second a method is held to, or <see langword="null"/> when it is not limited.</summary>
    public double? RateOf(GreenApiMethod method) =>
        !_enabled ? null : _overrides.TryGetValue(method.Name, out var rate) ? rate : method.RequestsPerSecond;

    /// <summary>Waits for the method's turn; returns how long the caller waited.</summary>
    public async ValueTask<TimeSpan> WaitAsync(GreenApiMethod method, CancellationToken cancellationToken)
    {
        if (!_buckets.TryGetValue(method.Name, out var bucket))
        {
            lock (_buckets)
            {
                ObjectDisposedException.ThrowIf(_disposed, typeof(GreenApiTransport));
                if (!_buckets.TryGetValue(method.Name, out bucket))
                {
                    bucket = Create(method);
                    _buckets[method.Name] = bucket;
                }
            }
        }

        if (bucket is null)
        {
            return TimeSpan.Zero;
        }

        using var immediate = bucket.Limiter.AttemptAcquire();
        if (immediate.IsAcquired)
        {
            return TimeSpan.Zero;
        }

        var started = _time.GetTimestamp();
        using var lease = await bucket.Limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new ObjectDisposedException(nameof(GreenApiTransport), $"The transport was disposed while {method.Name} waited for its rate limit.");
        }

        return _time.GetElapsedTime(started);
    }

    public void Dispose()
    {
        lock (_buckets)
        {
            _disposed = true;
        }

        foreach (var bucket in _buckets.Values)
        {
            bucket?.Dispose();
        }
    }

    private Bucket? Create(GreenApiMethod method) =>
        RateOf(method) is { } rate ? new Bucket(new GreenApiPacedRateLimiter(TimeSpan.FromSeconds(1 / rate), _time)) : null;

    private sealed record Bucket(RateLimiter Limiter) : IDisposable
    {
        public void Dispose() => Limiter.Dispose();
    }
}
