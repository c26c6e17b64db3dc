using System.Text;
using GreenApi.Tests.Shared;

namespace GreenApi.Benchmarks.Decoding;

/// <summary>One notification body of the fixture corpus.</summary>
public sealed record CorpusPayload(string Id, string Kind, byte[] Utf8);

/// <summary>
/// The notification bodies of the fixture corpus (every docs, wire and Postman example that targets
/// <c>schema Notification</c> and is not excluded), and a mix of them weighted like real traffic.
/// </summary>
public static class NotificationCorpus
{
    /// <summary>
    /// Shares of the traffic mix by kind (<c>typeWebhook</c>, plus <c>typeMessage</c> for messages): a bot's
    /// traffic is mostly text messages and the statuses of what it sent. Kinds not listed share the rest.
    /// </summary>
    public static readonly IReadOnlyList<(string Kind, double Share)> TrafficShares =
    [
        ("incomingMessageReceived/textMessage", 0.30),
        ("outgoingMessageStatus", 0.35),
        ("outgoingAPIMessageReceived/textMessage", 0.08),
        ("incomingMessageReceived/extendedTextMessage", 0.07),
        ("outgoingMessageReceived/textMessage", 0.04),
        ("incomingMessageReceived/quotedMessage", 0.03),
        ("incomingMessageReceived/imageMessage", 0.03),
        ("incomingMessageReceived/reactionMessage", 0.02),
        ("incomingMessageReceived/documentMessage", 0.01),
        ("incomingMessageReceived/audioMessage", 0.01),
        ("stateInstanceChanged", 0.01),
        ("incomingCall", 0.01),
    ];

    private static readonly Lazy<IReadOnlyList<CorpusPayload>> Loaded = new(Load);

    /// <summary>Every notification of the corpus, in a fixed order.</summary>
    public static IReadOnlyList<CorpusPayload> All => Loaded.Value;

    /// <summary>
    /// <paramref name="count"/> payloads drawn from <paramref name="source"/>: for <c>corpus</c> every
    /// example in turn, for <c>traffic</c> by <see cref="TrafficShares"/>; shuffled with a fixed seed.
    /// </summary>
    public static CorpusPayload[] Set(string name, IReadOnlyList<CorpusPayload> source, int count)
    {
        var picked = new List<CorpusPayload>(count);
        switch (name)
        {
            case "corpus":
                for (var i = 0; i < count; i++)
                {
                    picked.Add(source[i % source.Count]);
                }

                break;
            case "traffic":
                var listed = TrafficShares.Sum(s => s.Share);
                var rest = source.Where(p => TrafficShares.All(s => s.Kind != p.Kind)).ToList();
                foreach (var (kind, share) in TrafficShares)
                {
                    var ofKind = source.Where(p => p.Kind == kind).ToList();
                    if (ofKind.Count == 0)
                    {
                        throw new InvalidOperationException($"the corpus has no '{kind}' notification for the traffic mix");
                    }

                    var n = (int)Math.Round(share * count);
                    for (var i = 0; i < n; i++)
                    {
                        picked.Add(ofKind[i % ofKind.Count]);
                    }
                }

                for (var i = 0; picked.Count < count; i++)
                {
                    picked.Add(rest[i % rest.Count]);
                }

                if (listed > 1)
                {
                    throw new InvalidOperationException("the traffic shares add up to more than 1");
                }

                break;
            default:
                throw new ArgumentException($"unknown set '{name}' (corpus or traffic)", nameof(name));
        }

        var random = new Random(20261121);
        var array = picked.Take(count).ToArray();
        random.Shuffle(array);
        return array;
    }

    private static IReadOnlyList<CorpusPayload> Load()
    {
        var (entries, problems) = Tests.Shared.Corpus.ReadManifests();
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        var docs = entries
            .Where(e => e.Target == "schema Notification" && e.File is not null && e.Skip is null)
            .Select(e => new CorpusExample(e.Id, e.Id, e.Target!, File.ReadAllText(e.FullPath), null));
        return docs.Concat(Tests.Shared.Corpus.Wire()).Concat(Tests.Shared.Corpus.Postman())
            .Where(e => e.Target == "schema Notification" && e.ExclusionReason is null)
            .Select(e =>
            {
                var bytes = Encoding.UTF8.GetBytes(e.Json);
                return new CorpusPayload(e.Id, KindOf(bytes), bytes);
            })
            .ToList();
    }

    private static string KindOf(byte[] utf8)
    {
        using var document = System.Text.Json.JsonDocument.Parse(utf8);
        var root = document.RootElement;
        var type = root.TryGetProperty("typeWebhook", out var t) ? t.GetString() : "?";
        return root.TryGetProperty("messageData", out var data) && data.TryGetProperty("typeMessage", out var m) && type != "outgoingMessageStatus"
            ? $"{type}/{m.GetString()}"
            : type ?? "?";
    }
}
