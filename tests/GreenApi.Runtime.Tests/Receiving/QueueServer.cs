using System.Globalization;
using System.Text.Json.Nodes;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Runtime.Tests.Receiving;

/// <summary>
/// The instance's notification queue as the service keeps it (FIFO, peeked by receiveNotification,
/// removed by deleteNotification), served by a <see cref="TestServer"/> that injects a fault into a
/// given share of requests: 500, 502, 503, 504, 429, a dropped connection, or a delete whose answer is
/// lost after it was carried out.
/// </summary>
public sealed class QueueServer
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(long Receipt, string Json)> _queue = new();
    private readonly Random _random;
    private readonly double _faultRate;
    private long _nextReceipt = 1;

    public QueueServer(double faultRate, int seed)
    {
        _faultRate = faultRate;
        _random = new Random(seed);
    }

    public int Faults { get; private set; }

    public int Requests { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public void Enqueue(string json)
    {
        lock (_lock)
        {
            _queue.AddLast((_nextReceipt++, json));
        }
    }

    public async Task Handle(TestRequest request, HttpContext context)
    {
        int fault;
        lock (_lock)
        {
            Requests++;
            fault = _random.NextDouble() < _faultRate ? _random.Next(7) : -1;
            if (fault >= 0)
            {
                Faults++;
            }
        }

        switch (fault)
        {
            case 0: await TestServer.Respond(context, 500, "Internal Server Error"); return;
            case 1: await TestServer.Respond(context, 502, "Bad Gateway", "text/plain"); return;
            case 2: await TestServer.Respond(context, 503, "Service Unavailable", "text/plain"); return;
            case 3: await TestServer.Respond(context, 504, "Gateway Timeout", "text/plain"); return;
            case 4:
                context.Response.Headers.RetryAfter = "0";
                await TestServer.Respond(context, 429, "Too Many Requests", "text/plain");
                return;
            case 5: await TestServer.Drop(context); return;
        }

        if (request.Method.Equals("receiveNotification", StringComparison.OrdinalIgnoreCase))
        {
            (long Receipt, string Json)? head;
            lock (_lock)
            {
                head = _queue.First?.Value;
            }

            await TestServer.Respond(context, 200, head is { } h ? $"{{\"receiptId\":{h.Receipt},\"body\":{h.Json}}}" : "null");
            return;
        }

        if (request.Method.Equals("deleteNotification", StringComparison.OrdinalIgnoreCase))
        {
            var receipt = long.Parse(request.Rest[0], CultureInfo.InvariantCulture);
            bool found;
            lock (_lock)
            {
                var node = _queue.First;
                while (node is not null && node.Value.Receipt != receipt)
                {
                    node = node.Next;
                }

                found = node is not null;
                if (node is not null)
                {
                    _queue.Remove(node);
                }
            }

            if (fault == 6)
            {
                // Carried out, but the answer never arrives.
                await TestServer.Drop(context);
                return;
            }

            await (found
                ? TestServer.Respond(context, 200, "{\"result\":true}")
                : TestServer.Respond(context, 500, "Internal Server Error Cannot read properties of undefined (reading 'findUnAckedMessage')", "text/plain"));
            return;
        }

        await TestServer.Respond(context, 404, "Not Found", "text/plain");
    }

    /// <summary>Real notification payloads from the wire fixtures, each given a unique idMessage (when it has one) and a sequence number.</summary>
    public static IReadOnlyList<string> Notifications(int count)
    {
        var templates = Directory.GetFiles(Path.Combine(Corpus.Fixtures, "wire"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var result = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // Mostly text messages and statuses, as in real traffic; every other fixture in between.
            var template = (i % 10) switch
            {
                < 5 => templates.First(t => t.Contains("\"textMessage\"", StringComparison.Ordinal) && t.Contains("incomingMessageReceived", StringComparison.Ordinal)),
                < 8 => templates.First(t => t.Contains("outgoingMessageStatus", StringComparison.Ordinal)),
                _ => templates[i % templates.Count],
            };
            var node = JsonNode.Parse(template)!.AsObject();
            node["timestamp"] = 1_700_000_000 + i;
            if (node.ContainsKey("idMessage"))
            {
                node["idMessage"] = $"SEQ{i:D8}";
            }

            result.Add(node.ToJsonString());
        }

        return result;
    }
}
