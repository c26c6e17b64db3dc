using System.Text.Json.Nodes;
using GreenApi.Contract.Tests;
using GreenApi.Sandbox;
using GreenApi.Spec;

namespace GreenApi.Sandbox.Tests.Infrastructure;

/// <summary>
/// A sandbox on 127.0.0.1 with one instance and a generated client pointed at it. Client-side rate
/// limiting stays on (the SDK's real behaviour), so the sandbox's own limits are never hit by accident.
/// </summary>
public sealed class SandboxRig : IAsyncDisposable
{
    private SandboxRig(GreenApiSandbox sandbox, SandboxInstance instance, GreenApiClient client)
    {
        Sandbox = sandbox;
        Instance = instance;
        Client = client;
    }

    public GreenApiSandbox Sandbox { get; }

    public SandboxInstance Instance { get; }

    public GreenApiClient Client { get; }

    public static async Task<SandboxRig> StartAsync(
        bool authorized = true,
        GreenApiTariff tariff = GreenApiTariff.Business,
        Action<GreenApiSandboxOptions>? configureSandbox = null,
        Action<GreenApiClientOptions>? configureClient = null)
    {
        var options = new GreenApiSandboxOptions { DeliveryDelay = TimeSpan.FromMilliseconds(20) };
        configureSandbox?.Invoke(options);
        var sandbox = await GreenApiSandbox.StartAsync(options);
        var instance = sandbox.CreateInstance(tariff: tariff, authorized: authorized);
        instance.UpdateSettings(new JsonObject { ["delaySendMessagesMilliseconds"] = 0 });
        var clientOptions = sandbox.ClientOptions(instance);
        configureClient?.Invoke(clientOptions);
        return new SandboxRig(sandbox, instance, new GreenApiClient(clientOptions));
    }

    /// <summary>Receives notifications until <paramref name="until"/> holds for one, deleting each; fails after <paramref name="seconds"/>.</summary>
    public async Task<List<Notification>> ReceiveUntilAsync(Func<Notification, bool> until, int seconds = 20)
    {
        var seen = new List<Notification>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var next = await Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 });
            if (next is null)
            {
                continue;
            }

            await Client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = next.ReceiptId });
            seen.Add(next.Body);
            if (until(next.Body))
            {
                return seen;
            }
        }

        throw new TimeoutException($"no matching notification within {seconds} s; saw: {string.Join(", ", seen.Select(n => n.GetType().Name))}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }
}

/// <summary>The spec as the contract tests' NJsonSchema oracle sees it (objects closed).</summary>
public static class SpecOracle
{
    private static readonly Lazy<SchemaOracle> Loaded = new(() =>
    {
        var set = SpecSet.Load(Path.Combine(Corpus.Root, "spec"));
        var bundle = set.Bundle();
        return new SchemaOracle(bundle, SpecCatalog.From(bundle));
    });

    public static SchemaOracle Oracle => Loaded.Value;

    /// <summary>Fails with the oracle's problems when <paramref name="json"/> does not fit <paramref name="target"/>.</summary>
    public static void ShouldFit(string json, string target)
    {
        var problems = Oracle.Validate(target, json);
        problems.ShouldBeEmpty($"{target} does not fit the spec:\n{string.Join("\n", problems)}\n{json}");
    }
}
