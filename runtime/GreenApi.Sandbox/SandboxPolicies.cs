using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>A fault injected into the sandbox's answers — what a bot's tests use to see it cope.</summary>
public sealed record SandboxFault
{
    /// <summary>The method it applies to (case-insensitive), or <see langword="null"/> for every method.</summary>
    public string? Method { get; init; }

    /// <summary>How many requests it applies to; <see langword="null"/> for all until cleared.</summary>
    public int? Times { get; init; } = 1;

    /// <summary>A pause before answering (or before the other effects).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Answer with this status instead of running the method (with <see cref="Body"/>).</summary>
    public int? Status { get; init; }

    /// <summary>The body sent with <see cref="Status"/>; by default the status's documented text.</summary>
    public string? Body { get; init; }

    /// <summary>Drop the connection without an answer.</summary>
    public bool Drop { get; init; }
}

/// <summary>The faults waiting to be applied, first match wins.</summary>
public sealed class SandboxFaults
{
    private readonly List<(SandboxFault Fault, int Left)> faults = [];

    /// <summary>Adds a fault.</summary>
    public void Add(SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (faults)
        {
            faults.Add((fault, fault.Times ?? int.MaxValue));
        }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (faults)
        {
            faults.Clear();
        }
    }

    /// <summary>How many faults are waiting.</summary>
    public int Count
    {
        get
        {
            lock (faults)
            {
                return faults.Count;
            }
        }
    }

    internal SandboxFault? Take(string method)
    {
        lock (faults)
        {
            for (var i = 0; i < faults.Count; i++)
            {
                var (fault, left) = faults[i];
                if (fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    if (left <= 1)
                    {
                        faults.RemoveAt(i);
                    }
                    else if (left != int.MaxValue)
                    {
                        faults[i] = (fault, left - 1);
                    }

                    return fault;
                }
            }

            return null;
        }
    }
}

/// <summary>
/// Per-method request limits (1.3.12) as a token bucket per instance and method: it holds one second's
/// worth of requests (at least one) and refills at the documented rate, so a client that paces itself
/// at the limit never sees 429 and a burst above it does.
/// </summary>
internal sealed class SandboxRateLimits
{
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> buckets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes one token; false (answer 429) when the bucket is empty. The out value is when one is next available.</summary>
    public bool TryTake(string method, double perSecond, DateTimeOffset now, out TimeSpan retryAfter)
    {
        var capacity = Math.Max(1, perSecond);
        lock (buckets)
        {
            var (tokens, at) = buckets.TryGetValue(method, out var b) ? b : (capacity, now);
            tokens = Math.Min(capacity, tokens + Math.Max(0, (now - at).TotalSeconds) * perSecond);
            if (tokens >= 1 - 1e-9)
            {
                buckets[method] = (tokens - 1, now);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            buckets[method] = (tokens, now);
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / perSecond);
            return false;
        }
    }
}

/// <summary>
/// Developer-tariff limits (1.2.2): calls per method per calendar month (UTC) and the number of
/// different chats written to per month (3). Answers are the documented 466 bodies.
/// </summary>
internal sealed class SandboxQuotas
{
    private readonly Dictionary<(string Month, string Method), long> calls = [];
    private readonly Dictionary<string, HashSet<string>> correspondents = new(StringComparer.Ordinal);

    public const int CorrespondentsLimit = 3;

    private const string Upgrade = "Please go to your console and change the tariff to business https://console.green-api.com";

    /// <summary>Counts a call; returns the 466 body when a limit is used up (and then counts nothing).</summary>
    public JsonObject? Check(string month, string method, long? monthlyLimit, string? chatId)
    {
        var key = (month, method.ToLowerInvariant());
        lock (calls)
        {
            var used = calls.GetValueOrDefault(key);
            if (monthlyLimit is { } limit && used >= limit)
            {
                return new JsonObject
                {
                    ["invokeStatus"] = Status(key.Item2, used, limit, "QUOTE_EXCEEDED", "Monthly quota has been exceeded. " + Upgrade),
                };
            }

            if (chatId is not null)
            {
                if (!correspondents.TryGetValue(month, out var chats))
                {
                    correspondents[month] = chats = new HashSet<string>(StringComparer.Ordinal);
                }

                if (!chats.Contains(chatId) && chats.Count >= CorrespondentsLimit)
                {
                    return new JsonObject
                    {
                        ["invokeStatus"] = Status(key.Item2, used, monthlyLimit ?? 0, "QUOTE_ALLOWED", null),
                        ["correspondentsStatus"] = Status("correspondents", chats.Count, CorrespondentsLimit, "CORRESPONDENTS_QUOTE_EXCEEDED",
                            $"Monthly quota has been exceeded. You can only send or receive messages from these numbers: {string.Join(",", chats)}. Please go to your personal account and change the tariff to business https://console.green-api.com"),
                    };
                }

                chats.Add(chatId);
            }

            calls[key] = used + 1;
            return null;
        }
    }

    private static JsonObject Status(string method, long used, long total, string status, string? description)
    {
        var o = new JsonObject { ["method"] = method, ["used"] = used, ["total"] = total, ["status"] = status };
        if (description is not null)
        {
            o["description"] = description;
        }

        return o;
    }
}

/// <summary>Message and receipt ids: deterministic per sandbox, in the service's styles.</summary>
internal sealed class SandboxIds(long seed)
{
    private long next = seed;

    /// <summary>An id for a message sent through the API (<c>BAE5…</c>, 16 characters).</summary>
    public string Api() => "BAE5" + Interlocked.Increment(ref next).ToString("X12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An id for a message sent from the phone (<c>3EB0…</c>, 20 characters).</summary>
    public string Phone() => "3EB0" + Interlocked.Increment(ref next).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An id for a received message (32 hex characters).</summary>
    public string Incoming() => "A" + Interlocked.Increment(ref next).ToString("X31", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A plain counter for groups, files and instances.</summary>
    public long Number() => Interlocked.Increment(ref next);
}
