using System.Text;
using System.Text.Json;

namespace GreenApi.Receiving;

/// <summary>
/// Remembers which notifications were already handled, so that one delivered twice (a webhook retried
/// after a lost answer, a queue entry whose delete failed) is handled once. This is the vendor's own
/// advice: de-duplicate by <c>idMessage</c>. The key is made of top-level properties of the raw
/// notification — by default <c>typeWebhook</c>, <c>idMessage</c> and <c>status</c>, so that a message and
/// each of its status changes count as different notifications. A notification without <c>idMessage</c>
/// (a state change) is never taken for a duplicate. Memory is bounded: at most <c>capacity</c> keys, each
/// kept for <c>window</c> (24 hours, the queue's retention). Thread-safe.
/// </summary>
public sealed class GreenApiNotificationDeduplicator
{
    /// <summary>The key properties used when none are given.</summary>
    public static IReadOnlyList<string> DefaultKeyProperties { get; } = ["typeWebhook", "idMessage", "status"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long At)> _order = new();
    private readonly int _capacity;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly string[] _keyProperties;
    private readonly string _requiredProperty;

    /// <summary>Creates a de-duplicator.</summary>
    /// <param name="capacity">How many keys to remember at most; the oldest is forgotten first.</param>
    /// <param name="window">How long a key is remembered; 24 hours when <see langword="null"/>.</param>
    /// <param name="time">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="keyProperties">The top-level properties that make the key; the first must be present for a key to exist. <see cref="DefaultKeyProperties"/> when empty.</param>
    public GreenApiNotificationDeduplicator(int capacity = 100_000, TimeSpan? window = null, TimeProvider? time = null, params string[] keyProperties)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _window = window ?? TimeSpan.FromHours(24);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_window, TimeSpan.Zero, nameof(window));
        _time = time ?? TimeProvider.System;
        _keyProperties = keyProperties is { Length: > 0 } ? keyProperties : [.. DefaultKeyProperties];
        _requiredProperty = _keyProperties.Contains("idMessage") ? "idMessage" : _keyProperties[0];
    }

    /// <summary>The key of a raw notification, or <see langword="null"/> when it has none (no <c>idMessage</c>) or is not a JSON object.</summary>
    public string? KeyOf(string rawJson)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        var values = new string?[_keyProperties.Length];
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(rawJson));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = Array.IndexOf(_keyProperties, reader.GetString());
                reader.Read();
                if (index >= 0 && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                {
                    values[index] = reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return values[Array.IndexOf(_keyProperties, _requiredProperty)] is null ? null : string.Join('\u001f', values);
    }

    /// <summary>Whether this raw notification was seen before (within the window); records it when not.</summary>
    public bool IsDuplicate(string rawJson) => KeyOf(rawJson) is { } key && !TryRegister(key);

    /// <summary>Records <paramref name="key"/>; <see langword="false"/> when it was already recorded within the window.</summary>
    public bool TryRegister(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            while (_order.TryPeek(out var oldest) && (_order.Count >= _capacity || _time.GetElapsedTime(oldest.At, now) > _window))
            {
                _order.Dequeue();
                if (_seen.TryGetValue(oldest.Key, out var at) && at == oldest.At)
                {
                    _seen.Remove(oldest.Key);
                }
            }

            if (_seen.TryGetValue(key, out var seenAt) && _time.GetElapsedTime(seenAt, now) <= _window)
            {
                return false;
            }

            _seen[key] = now;
            _order.Enqueue((key, now));
            return true;
        }
    }

    /// <summary>Forgets <paramref name="key"/>, so that the notification is handled when it comes again (its handler failed).</summary>
    public void Forget(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            _seen.Remove(key);
        }
    }
}
