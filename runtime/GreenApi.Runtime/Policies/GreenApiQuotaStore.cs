namespace GreenApi;

/// <summary>
/// Where the Developer-tariff counters live: calls per instance, method and month, and the chats written
/// to per instance and month. The default keeps them in memory; implement this over a database to share
/// them between processes or keep them across restarts. A period is a UTC month written <c>yyyy-MM</c>;
/// counters of a new period start at zero, which is how they reset on the 1st.
/// </summary>
public interface IGreenApiQuotaStore
{
    /// <summary>Counts one call when fewer than <paramref name="limit"/> were made in the period; otherwise counts nothing.</summary>
    /// <returns>Whether the call was counted, and the calls counted in the period afterwards.</returns>
    ValueTask<GreenApiQuotaUse> TryConsumeAsync(long idInstance, string method, string period, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="chatId"/> as a correspondent of the period when it already is one or fewer
    /// than <paramref name="limit"/> are recorded; otherwise records nothing.
    /// </summary>
    /// <returns>Whether the chat may be written to, and the correspondents of the period afterwards.</returns>
    ValueTask<GreenApiCorrespondentsUse> TryAddCorrespondentAsync(long idInstance, string chatId, string period, int limit, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="IGreenApiQuotaStore.TryConsumeAsync"/>.</summary>
/// <param name="Allowed">Whether the call was counted.</param>
/// <param name="Used">Calls counted in the period.</param>
public readonly record struct GreenApiQuotaUse(bool Allowed, int Used);

/// <summary>The answer of <see cref="IGreenApiQuotaStore.TryAddCorrespondentAsync"/>.</summary>
/// <param name="Allowed">Whether the chat may be written to.</param>
/// <param name="Correspondents">The chats recorded in the period.</param>
public sealed record GreenApiCorrespondentsUse(bool Allowed, IReadOnlyList<string> Correspondents);

/// <summary>The default store: counters in memory, lost when the process ends. Thread-safe.</summary>
public sealed class InMemoryGreenApiQuotaStore : IGreenApiQuotaStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(long Instance, string Method, string Period), int> _calls = [];
    private readonly Dictionary<(long Instance, string Period), List<string>> _correspondents = [];
    private string? _period;

    /// <inheritdoc />
    public ValueTask<GreenApiQuotaUse> TryConsumeAsync(long idInstance, string method, string period, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ForgetOtherPeriods(period);
            var key = (idInstance, method.ToLowerInvariant(), period);
            var used = _calls.GetValueOrDefault(key);
            if (used >= limit)
            {
                return ValueTask.FromResult(new GreenApiQuotaUse(false, used));
            }

            _calls[key] = used + 1;
            return ValueTask.FromResult(new GreenApiQuotaUse(true, used + 1));
        }
    }

    /// <inheritdoc />
    public ValueTask<GreenApiCorrespondentsUse> TryAddCorrespondentAsync(long idInstance, string chatId, string period, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ForgetOtherPeriods(period);
            var key = (idInstance, period);
            if (!_correspondents.TryGetValue(key, out var chats))
            {
                _correspondents[key] = chats = [];
            }

            var allowed = chats.Contains(chatId, StringComparer.OrdinalIgnoreCase) || chats.Count < limit;
            if (allowed && !chats.Contains(chatId, StringComparer.OrdinalIgnoreCase))
            {
                chats.Add(chatId);
            }

            return ValueTask.FromResult(new GreenApiCorrespondentsUse(allowed, chats.ToArray()));
        }
    }

    private void ForgetOtherPeriods(string period)
    {
        if (_period == period)
        {
            return;
        }

        _period = period;
        foreach (var key in _calls.Keys.Where(k => k.Period != period).ToList())
        {
            _calls.Remove(key);
        }

        foreach (var key in _correspondents.Keys.Where(k => k.Period != period).ToList())
        {
            _correspondents.Remove(key);
        }
    }
}
