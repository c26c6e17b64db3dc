using BenchmarkDotNet.Attributes;

namespace GreenApi.Benchmarks.Decoding;

/// <summary>
/// Notification bodies to objects, per notification: over the whole corpus (every example in turn) and
/// over a traffic-weighted mix. Only payloads every typed decoder decodes to the same case are timed, so
/// all rows do the same work; <see cref="Decoders.Check"/> reports the rest.
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    public const int PerInvoke = 1000;

    private byte[][] _payloads = [];

    [Params("corpus", "traffic")]
    public string Set { get; set; } = "corpus";

    [GlobalSetup]
    public void Setup()
    {
        var corpus = NotificationCorpus.All;
        var failing = Decoders.Check(corpus).SelectMany(c => c.Failures).Select(f => f[..f.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();
        var common = corpus.Where(p => !failing.Contains(p.Id)).ToList();
        _payloads = NotificationCorpus.Set(Set, common, PerInvoke).Select(p => p.Utf8).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke, Description = "System.Text.Json [JsonPolymorphic]")]
    public object? Stj()
    {
        object? last = null;
        foreach (var payload in _payloads)
        {
            last = Decoding.Stj.StjDecoder.Decode(payload);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "generated decoder")]
    public object? Generated()
    {
        object? last = null;
        foreach (var payload in _payloads)
        {
            last = Notification.Parse(payload);
        }

        return last;
    }

#if NSWAG
    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "NSwag types")]
    public object? NSwag()
    {
        object? last = null;
        foreach (var payload in _payloads)
        {
            last = System.Text.Json.JsonSerializer.Deserialize<NSwagGenerated.Notification>(payload, Decoders.NSwagOptions);
        }

        return last;
    }
#endif

    [Benchmark(OperationsPerInvoke = PerInvoke, Description = "Utf8JsonReader walk (floor)")]
    public long ReaderWalk()
    {
        long sum = 0;
        foreach (var payload in _payloads)
        {
            sum += Decoders.Walk(payload);
        }

        return sum;
    }
}
