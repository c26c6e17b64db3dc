using System.Globalization;
using GreenApi;
using GreenApi.Sandbox;

// The Green API sandbox as a standalone server, for clients in any language:
//   dotnet run --project runtime/GreenApi.Sandbox.Server -- [--port 7080] [--authorized] [--developer] [--id 1101000001 --token abc] [--no-rate-limits]
// It prints the instance credentials and the simulation API's address, then serves until Ctrl+C.
var port = 7080;
var authorized = false;
var tariff = GreenApiTariff.Business;
long? id = null;
string? token = null;
var enforceRateLimits = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p):
            port = p;
            i++;
            break;
        case "--id" when i + 1 < args.Length && long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
            id = n;
            i++;
            break;
        case "--token" when i + 1 < args.Length:
            token = args[++i];
            break;
        case "--authorized":
            authorized = true;
            break;
        case "--no-rate-limits":
            enforceRateLimits = false;
            break;
        case "--developer":
            tariff = GreenApiTariff.Developer;
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: GreenApi.Sandbox.Server [--port 7080 (0 = any)] [--authorized] [--developer] [--id N] [--token T] [--no-rate-limits (never answer 429)]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'; run with --help");
            return 2;
    }
}

await using var sandbox = await GreenApiSandbox.StartAsync(new GreenApiSandboxOptions { Port = port, EnforceRateLimits = enforceRateLimits });
var instance = sandbox.CreateInstance(id, token, tariff, authorized);
Console.WriteLine($"Green API sandbox listening on {sandbox.Url}");
Console.WriteLine($"  GREEN_API_URL={sandbox.Url}");
Console.WriteLine($"  GREEN_API_MEDIA_URL={sandbox.Url}");
Console.WriteLine($"  GREEN_API_ID_INSTANCE={instance.IdInstance}");
Console.WriteLine($"  GREEN_API_TOKEN={instance.ApiTokenInstance}");
Console.WriteLine($"  partner token: {sandbox.PartnerToken}");
Console.WriteLine($"  state: {instance.State} (authorize: POST {sandbox.Url}sandbox/instances/{instance.IdInstance}/authorize)");
Console.WriteLine($"  simulate a message: POST {sandbox.Url}sandbox/instances/{instance.IdInstance}/incoming {{\"chatId\":\"79001234567@c.us\",\"text\":\"hi\"}}");
Console.WriteLine($"  rate limits: {(enforceRateLimits ? "enforced (429 with Retry-After)" : "not enforced (--no-rate-limits)")}; answers by status: GET {sandbox.Url}sandbox/answers");
Console.WriteLine("Ctrl+C stops it.");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
