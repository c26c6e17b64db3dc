using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GreenApi.Benchmarks.Scenarios;

/// <summary>
/// A fresh GreenApi.Sandbox.Server in its own process on 127.0.0.1 (a free port), so the client under
/// test and the server do not share a heap; one authorized Business instance.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxServer(Process process, Uri url, long id, string token)
    {
        _process = process;
        Url = url;
        IdInstance = id;
        Token = token;
    }

    public Uri Url { get; }

    public long IdInstance { get; }

    public string Token { get; }

    public static async Task<SandboxServer> StartAsync(BenchSettings settings, bool enforceRateLimits)
    {
        var serverDll = settings.SandboxServer;
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException($"the sandbox server is not built at {serverDll}: run 'dotnet build runtime/GreenApi.Sandbox.Server -c Release' (run.sh does)");
        }

        var start = new ProcessStartInfo(settings.PinServer is null ? "dotnet" : "taskset") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var command = settings.PinServer is { } cpu ? new[] { "-c", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet" } : [];
        foreach (var arg in command.Concat([serverDll, "--port", "0", "--authorized"]))
        {
            start.ArgumentList.Add(arg);
        }

        if (!enforceRateLimits)
        {
            start.ArgumentList.Add("--no-rate-limits");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the sandbox server");
        string? url = null, id = null, token = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (url is null || id is null || token is null)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("the sandbox server exited before it was ready: " + await process.StandardError.ReadToEndAsync());
            line = line.Trim();
            url ??= Value(line, "GREEN_API_URL=");
            id ??= Value(line, "GREEN_API_ID_INSTANCE=");
            token ??= Value(line, "GREEN_API_TOKEN=");
        }

        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new SandboxServer(process, new Uri(url), long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), token);
    }

    /// <summary>Calls of the API the server answered so far, by HTTP status.</summary>
    public async Task<IReadOnlyDictionary<int, long>> AnswersAsync()
    {
        using var http = new HttpClient();
        var answers = await http.GetFromJsonAsync<JsonObject>(new Uri(Url, "sandbox/answers")) ?? [];
        return answers.ToDictionary(a => int.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture), a => (long)a.Value!);
    }

    /// <summary>The simulated contact sends <paramref name="count"/> text messages.</summary>
    public async Task ReceiveTextsAsync(int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        using var response = await http.PostAsJsonAsync(
            new Uri(Url, $"sandbox/instances/{IdInstance}/incoming"),
            new JsonObject { ["chatId"] = "79001234567@c.us", ["text"] = "load", ["count"] = count });
        response.EnsureSuccessStatusCode();
    }

    public GreenApiClientOptions ClientOptions(bool rateLimiting) => new()
    {
        ApiUrl = Url,
        MediaUrl = Url,
        IdInstance = IdInstance,
        ApiTokenInstance = Token,
        EnableRateLimiting = rateLimiting,
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string? Value(string line, string prefix) => line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;
}
