using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GreenApi.Benchmarks.Scenarios;

/// <summary>Requests per second of one client at one concurrency: the median of the rounds, and every round.</summary>
public sealed record ClientResult(string Client, int Concurrency, double MedianPerSecond, IReadOnlyList<double> Rounds);

/// <summary>
/// sendMessage round trips to one sandbox server in another process on 127.0.0.1, with the client's rate
/// limiter lifted and the server not enforcing limits. The clients take turns: after a warm-up of each,
/// every round runs each client once (the order rotating from round to round) for a fixed number of
/// calls with 1, then 8 in flight, and the server's message queue is cleared before each turn, so that a
/// slow moment of the machine or the server's growing state does not land on one client only. Every
/// answer is checked (200 and an <c>idMessage</c>). The JS SDK runs in node (js/client-bench.js),
/// driven over stdin.
/// </summary>
public static class ClientScenario
{
    public const string ChatId = "79001234567@c.us";
    public const string Text = "Hello from the benchmark";
    public static readonly int[] Concurrency = [1, 8];

    public static async Task<(IReadOnlyList<ClientResult> Results, bool Pinned)> RunAsync(BenchSettings settings)
    {
        await using var server = await SandboxServer.StartAsync(settings, enforceRateLimits: false);
        using var generated = new GreenApiClient(server.ClientOptions(rateLimiting: false));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var request = new SendMessageRequest { ChatId = ChatId, Message = Text };
        var url = new Uri(server.Url, $"waInstance{server.IdInstance}/sendMessage/{server.Token}");
        var body = Encoding.UTF8.GetBytes($$"""{"chatId":"{{ChatId}}","message":"{{Text}}"}""");
        await using var js = settings.NodeScript is null ? null : JsClient.Start(settings, server);

        var clients = new List<(string Name, Func<int, int, Task<double>> Round)>
        {
            ("generated client", (calls, concurrency) => TimeAsync(calls, concurrency, async () => Check((await generated.Sending.SendMessageAsync(request)).IdMessage))),
            ("raw HttpClient", (calls, concurrency) => TimeAsync(calls, concurrency, async () =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync(url, content);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"sendMessage answered {(int)response.StatusCode}");
                }

                Check(ReadIdMessage(await response.Content.ReadAsByteArrayAsync()));
            })),
        };
        if (js is not null)
        {
            clients.Add(("official JS SDK", js.RoundAsync));
        }

        foreach (var (_, round) in clients)
        {
            await round(settings.ClientWarmup, 8);
        }

        var results = new List<ClientResult>();
        foreach (var concurrency in Concurrency)
        {
            var rounds = clients.ToDictionary(c => c.Name, _ => new List<double>());
            for (var r = 0; r < settings.ClientRounds; r++)
            {
                for (var k = 0; k < clients.Count; k++)
                {
                    var (name, round) = clients[(r + k) % clients.Count];
                    await ClearQueueAsync(http, server);
                    rounds[name].Add(await round(settings.ClientCalls, concurrency));
                }
            }

            foreach (var (name, _) in clients)
            {
                var result = new ClientResult(name, concurrency, Median(rounds[name]), rounds[name]);
                results.Add(result);
                Console.WriteLine($"  {name}, {concurrency} in flight: {result.MedianPerSecond:F0}/s (rounds: {string.Join(", ", result.Rounds.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))})");
            }
        }

        return (results, settings.PinServer is not null);
    }

    private static async Task<double> TimeAsync(int calls, int concurrency, Func<Task> call)
    {
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= calls)
            {
                await call();
            }
        }));
        return calls / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The sandbox keeps every queued message; clearing keeps its state (and its GC work) the same for every turn.</summary>
    private static async Task ClearQueueAsync(HttpClient http, SandboxServer server)
    {
        using var response = await http.GetAsync(new Uri(server.Url, $"waInstance{server.IdInstance}/clearMessagesQueue/{server.Token}"));
        response.EnsureSuccessStatusCode();
    }

    private static string? ReadIdMessage(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("idMessage"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }

    private static void Check(string? idMessage)
    {
        if (string.IsNullOrEmpty(idMessage))
        {
            throw new InvalidOperationException("sendMessage answered without an idMessage");
        }
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The node process running the JS SDK, one round per command.</summary>
    private sealed class JsClient : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _errors;

        private JsClient(Process process)
        {
            _process = process;
            _errors = process.StandardError.ReadToEndAsync();
        }

        public static JsClient Start(BenchSettings settings, SandboxServer server)
        {
            var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(settings.NodeScript!);
            start.Environment["NODE_PATH"] = settings.NodeModules;
            start.Environment["BENCH_URL"] = server.Url.ToString();
            start.Environment["BENCH_ID"] = server.IdInstance.ToString(CultureInfo.InvariantCulture);
            start.Environment["BENCH_TOKEN"] = server.Token;
            return new JsClient(Process.Start(start) ?? throw new InvalidOperationException("could not start node"));
        }

        public async Task<double> RoundAsync(int calls, int concurrency)
        {
            await _process.StandardInput.WriteLineAsync($"round {calls} {concurrency}");
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"the JS SDK benchmark failed (exit {_process.ExitCode}): {await _errors}");
            }

            return (double)JsonNode.Parse(line)!["perSecond"]!;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                }
            }

            _process.Dispose();
        }
    }
}
