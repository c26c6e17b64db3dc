using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GreenApi.Telemetry;

/// <summary>
/// The SDK's telemetry: the <c>GreenApi</c> <see cref="ActivitySource"/> (one span per call, tagged with
/// the method and the instance id, never the token) and the <c>GreenApi</c> meter.
/// </summary>
public sealed class GreenApiTelemetry : IDisposable
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "GreenApi";

    /// <summary>The activity source: a span per call, named <c>GreenApi {method}</c>.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(GreenApiTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    internal GreenApiTelemetry(IMeterFactory? meterFactory)
    {
        (_meter, _ownsMeter) = meterFactory is null ? (new Meter(Name), true) : (meterFactory.Create(new MeterOptions(Name)), false);
        Requests = _meter.CreateCounter<long>("greenapi.client.requests", "{request}", "HTTP requests sent, by method and outcome (status code, or 'error').");
        Duration = _meter.CreateHistogram<double>("greenapi.client.request.duration", "s", "Time from sending a request to its answer, by method.");
        Retries = _meter.CreateCounter<long>("greenapi.client.retries", "{retry}", "Requests sent again under the spec's error policies, by method and status.");
        RateLimitWait = _meter.CreateHistogram<double>("greenapi.client.rate_limit.wait", "s", "Time calls waited for their turn under the per-method rate limits.");
        QuotaUsed = _meter.CreateCounter<long>("greenapi.client.quota.used", "{call}", "Calls counted against Developer-tariff monthly quotas, by method.");
        QuotaRefused = _meter.CreateCounter<long>("greenapi.client.quota.refused", "{call}", "Calls stopped locally because a Developer-tariff limit was used up, by method and limit.");
    }

    internal Counter<long> Requests { get; }

    internal Histogram<double> Duration { get; }

    internal Counter<long> Retries { get; }

    internal Histogram<double> RateLimitWait { get; }

    internal Counter<long> QuotaUsed { get; }

    internal Counter<long> QuotaRefused { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
