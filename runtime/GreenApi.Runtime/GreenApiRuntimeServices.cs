using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace GreenApi;

/// <summary>
/// What a transport uses besides its options: logging, the clock, the quota store and the meter factory.
/// Everything is optional; <c>AddGreenApi</c> fills it from dependency injection.
/// </summary>
public sealed class GreenApiRuntimeServices
{
    /// <summary>Where the transport logs (never a token). <see langword="null"/>: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock for rate limits, retry pauses, quota periods and polling. <see langword="null"/>: the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Where the Developer-tariff counters are kept. <see langword="null"/>: in memory, per transport.</summary>
    public IGreenApiQuotaStore? QuotaStore { get; init; }

    /// <summary>Creates the <c>GreenApi</c> meter. <see langword="null"/>: a meter of its own.</summary>
    public IMeterFactory? MeterFactory { get; init; }
}
