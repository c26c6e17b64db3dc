using System.Collections.Concurrent;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>
/// One test's world: a Kestrel test server, a fake clock the server can read too, and the generated
/// client over a real <see cref="GreenApiTransport"/> pointed at the server.
/// </summary>
internal sealed class TransportRig : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";
    public const long Instance = 1101000001;

    private TransportRig(TestServer server, FakeTimeProvider time, GreenApiClientOptions options, GreenApiTransport transport)
    {
        Server = server;
        Time = time;
        Options = options;
        Transport = transport;
        Client = new GreenApiClient(transport);
    }

    public TestServer Server { get; }

    public FakeTimeProvider Time { get; }

    public GreenApiClientOptions Options { get; }

    public GreenApiTransport Transport { get; }

    public GreenApiClient Client { get; }

    /// <summary>The fake time at which each request reached the server, in arrival order.</summary>
    public ConcurrentQueue<(TestRequest Request, DateTimeOffset At)> Arrivals { get; } = new();

    public static async Task<TransportRig> StartAsync(
        Func<TestRequest, HttpContext, Task> handler,
        Action<GreenApiClientOptions>? configure = null,
        FakeTimeProvider? time = null,
        IGreenApiQuotaStore? quotaStore = null)
    {
        time ??= new FakeTimeProvider();
        TransportRig? rig = null;
        var server = await TestServer.StartAsync(async (request, context) =>
        {
            rig!.Arrivals.Enqueue((request, time.GetUtcNow()));
            await handler(request, context);
        });
        var options = server.Options(Token, Instance);
        configure?.Invoke(options);
        var transport = new GreenApiTransport(options, httpClient: null, new GreenApiRuntimeServices { TimeProvider = time, QuotaStore = quotaStore });
        rig = new TransportRig(server, time, options, transport);
        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Transport.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>
    /// <see cref="FakeTimeProvider.AutoAdvance"/>, stopped with <c>await using</c>. A fake timer completes
    /// awaits inline on the AutoAdvance loop's thread, so a test can find itself running on that thread; the
    /// plain Dispose would then wait for the loop on the loop's own thread, forever. This one first leaves it.
    /// </summary>
    public IAsyncDisposable AutoAdvance() => new Advancing(Time.AutoAdvance());

    /// <summary>Requests that reached the server for one method.</summary>
    public int Count(string method) => Server.Requests.Count(r => r.Method == method);

    /// <summary>Fake arrival times of one method's requests.</summary>
    public DateTimeOffset[] ArrivalTimes(string method) => Arrivals.Where(a => a.Request.Method == method).Select(a => a.At).ToArray();

    private sealed class Advancing(IDisposable inner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.Yield();
            inner.Dispose();
        }
    }

    public static string Settings(string wid) =>
        $$"""{"wid":"{{wid}}","webhookUrl":"","delaySendMessagesMilliseconds":1000,"outgoingWebhook":"no","incomingWebhook":"yes","stateWebhook":"no"}""";
}

/// <summary>Records every report on the reporting thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class SyncProgress : IProgress<long>
{
    private readonly Lock _lock = new();
    private readonly List<long> _values = [];

    public IReadOnlyList<long> Values
    {
        get
        {
            lock (_lock)
            {
                return _values.ToArray();
            }
        }
    }

    public void Report(long value)
    {
        lock (_lock)
        {
            _values.Add(value);
        }
    }
}

/// <summary>A stream that cannot seek, like a network stream.</summary>
internal sealed class NonSeekableStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
