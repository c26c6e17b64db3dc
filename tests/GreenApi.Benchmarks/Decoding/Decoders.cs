using System.Text.Json;
using GreenApi.Serialization;

namespace GreenApi.Benchmarks.Decoding;

/// <summary>One way of turning a notification body into objects; <c>Kind</c> names the case it chose.</summary>
public sealed record Decoder(string Name, Func<byte[], object> Decode, Func<object, string> CaseOf);

/// <summary>The decoders the benchmark compares, each checked against the corpus before it is timed.</summary>
public static class Decoders
{
#if NSWAG
    /// <summary>What NSwag's generated client deserializes with: default options, its converters on the types.</summary>
    internal static readonly JsonSerializerOptions NSwagOptions = new();
#endif

    public static IReadOnlyList<Decoder> All { get; } =
    [
        new("generated", static b => Notification.Parse(b), static o => CaseOf(o, ((Notification)o) switch
        {
            IncomingMessageReceived m => m.MessageData,
            OutgoingMessageReceived m => m.MessageData,
            OutgoingAPIMessageReceived m => m.MessageData,
            _ => null,
        })),
        new("stj-polymorphic", static b => Stj.StjDecoder.Decode(b), static o => CaseOf(o, o switch
        {
            Stj.IncomingMessageReceived m => m.MessageData,
            Stj.OutgoingMessageReceived m => m.MessageData,
            Stj.OutgoingAPIMessageReceived m => m.MessageData,
            _ => null,
        })),
#if NSWAG
        new("nswag", static b => JsonSerializer.Deserialize<NSwagGenerated.Notification>(b, NSwagOptions)!, static o => CaseOf(o, o switch
        {
            NSwagGenerated.IncomingMessageReceived m => m.MessageData,
            NSwagGenerated.OutgoingMessageReceived m => m.MessageData,
            NSwagGenerated.OutgoingAPIMessageReceived m => m.MessageData,
            _ => null,
        })),
#endif
    ];

    /// <summary>
    /// The floor: a bare <see cref="Utf8JsonReader"/> walk over every token of the same bytes, touching each
    /// value, building nothing.
    /// </summary>
    public static long Walk(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, GreenApiJson.ReaderOptions);
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number
                ? reader.ValueSpan.Length
                : 1;
        }

        return sum;
    }

    /// <summary>Tries every decoder on every payload: which decode, and whether they pick the generated decoder's case.</summary>
    public static IReadOnlyList<DecoderCheck> Check(IReadOnlyList<CorpusPayload> corpus)
    {
        var expected = corpus.ToDictionary(p => p.Id, p => All[0].CaseOf(All[0].Decode(p.Utf8)));
        var checks = new List<DecoderCheck>();
        foreach (var decoder in All)
        {
            var failures = new List<string>();
            var decoded = 0;
            foreach (var payload in corpus)
            {
                try
                {
                    var kind = decoder.CaseOf(decoder.Decode(payload.Utf8));
                    if (kind != expected[payload.Id])
                    {
                        failures.Add($"{payload.Id}: decoded as {kind}, the generated decoder says {expected[payload.Id]}");
                        continue;
                    }

                    decoded++;
                }
                catch (Exception e)
                {
                    failures.Add($"{payload.Id}: {e.GetType().Name}: {FirstLine(e.Message)}");
                }
            }

            checks.Add(new DecoderCheck(decoder.Name, corpus.Count, decoded, failures));
        }

        return checks;
    }

    private static string CaseOf(object notification, object? messageData) =>
        messageData is null ? notification.GetType().Name : notification.GetType().Name + "/" + messageData.GetType().Name;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

/// <summary>How a decoder fared on the corpus.</summary>
public sealed record DecoderCheck(string Decoder, int Payloads, int Decoded, IReadOnlyList<string> Failures);
