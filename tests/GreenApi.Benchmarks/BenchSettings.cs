using System.Globalization;

namespace GreenApi.Benchmarks;

/// <summary>What <c>run.sh</c> hands the benchmark program, and the sizes of the scenarios.</summary>
public sealed class BenchSettings
{
    /// <summary>The scratch folder: npm packages, NSwag's input and output, results.</summary>
    public required string Scratch { get; init; }

    /// <summary>GreenApi.Sandbox.Server.dll (Release build).</summary>
    public required string SandboxServer { get; init; }

    /// <summary>NSwag's CLI for .NET 10 (dotnet-nswag.dll from the npm package), or null to skip NSwag.</summary>
    public string? NSwag { get; init; }

    /// <summary>js/client-bench.js, or null to skip the JS SDK.</summary>
    public string? NodeScript { get; init; }

    /// <summary>The node_modules folder the JS SDK was installed into.</summary>
    public string? NodeModules { get; init; }

    /// <summary>Which parts to run: generator, decoding, client, ratelimit, receiving.</summary>
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(AllParts);

    /// <summary>
    /// The CPU the sandbox server is pinned to (with taskset) while run.sh pins this process to another, so
    /// that the client under test and the server do not take turns on one core; null leaves both free.
    /// </summary>
    public int? PinServer { get; init; }

    public int ProcessRuns { get; init; } = 5;

    public int ClientWarmup { get; init; } = 4000;

    public int ClientCalls { get; init; } = 4000;

    public int ClientRounds { get; init; } = 9;

    public int RateLimitCalls { get; init; } = 2000;

    public int ReceivingNotifications { get; init; } = 100_000;

    public static readonly string[] AllParts = ["generator", "decoding", "client", "ratelimit", "receiving"];

    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Get(string name) => values.Remove(name, out var v) ? v : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var parts = Get("parts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? AllParts;
        if (parts.Except(AllParts).ToList() is { Count: > 0 } unknown)
        {
            throw new ArgumentException($"unknown part(s) {string.Join(", ", unknown)}; the parts are {string.Join(", ", AllParts)}");
        }

        var settings = new BenchSettings
        {
            Scratch = Get("scratch") ?? throw new ArgumentException("--scratch is required"),
            SandboxServer = Get("sandbox-server") ?? throw new ArgumentException("--sandbox-server is required"),
            NSwag = Get("nswag"),
            NodeScript = Get("node-script"),
            NodeModules = Get("node-modules"),
            Parts = new HashSet<string>(parts),
            PinServer = Get("pin-server") is { } pin ? int.Parse(pin, CultureInfo.InvariantCulture) : null,
            ProcessRuns = Int("process-runs", 5),
            ClientWarmup = Int("client-warmup", 4000),
            ClientCalls = Int("client-calls", 4000),
            ClientRounds = Int("client-rounds", 9),
            RateLimitCalls = Int("ratelimit-calls", 2000),
            ReceivingNotifications = Int("receiving", 100_000),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", values.Keys.Select(k => "--" + k)));
        }

        return settings;
    }
}
