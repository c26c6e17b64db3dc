// PartnerProvisioning — the partner flow the docs recommend, through the typed clients generated from spec/:
// createInstance → poll getStateInstance (on the new instance's own client) until notAuthorized →
// setSettings → qr → getInstances.
//
// With no configuration it runs on the embedded Green API sandbox and its partner token. With
// GREEN_API_PARTNER_URL and GREEN_API_PARTNER_TOKEN set it runs against the real service — and creates a real
// instance, billed daily until you delete it. GREEN_API_URL and GREEN_API_MEDIA_URL optionally name the host
// of the new instance's API (the partner URL by default). No token is ever printed.
using GreenApi;
using GreenApi.Samples.PartnerProvisioning;
using GreenApi.Sandbox;

string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v.Trim() : null;

var partnerUrl = Get("GREEN_API_PARTNER_URL");
var partnerToken = Get("GREEN_API_PARTNER_TOKEN");
if ((partnerUrl is null) != (partnerToken is null))
{
    Console.Error.WriteLine("To use the real service set both GREEN_API_PARTNER_URL and GREEN_API_PARTNER_TOKEN; unset both to run on the embedded sandbox.");
    return 2;
}

Uri? ParseUrl(string name)
{
    var value = Get(name);
    return value is null ? null : Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : throw new ArgumentException($"{name} is not an absolute URL.");
}

GreenApiPartnerClientOptions partner;
PartnerFlowOptions options;
try
{
    options = new PartnerFlowOptions { InstanceApiUrl = ParseUrl("GREEN_API_URL"), InstanceMediaUrl = ParseUrl("GREEN_API_MEDIA_URL") };
    partner = partnerUrl is null ? new GreenApiPartnerClientOptions() : new GreenApiPartnerClientOptions { ApiUrl = ParseUrl("GREEN_API_PARTNER_URL")!, PartnerToken = partnerToken! };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var sandbox = partnerUrl is null ? await GreenApiSandbox.StartAsync() : null;
if (sandbox is not null)
{
    partner = sandbox.PartnerOptions();
    // The sandbox creates an instance in GreenApiSandboxOptions.StartingDuration (2 s): poll faster than the docs' 5 s.
    options = options with { PollInterval = TimeSpan.FromMilliseconds(500), StartTimeout = TimeSpan.FromSeconds(30) };
}

Console.WriteLine(sandbox is null
    ? $"Green API partner flow — on the real service at {partner.ApiUrl}; this creates a real instance, billed until you delete it"
    : $"Green API partner flow — on the embedded sandbox at {partner.ApiUrl} (set GREEN_API_PARTNER_URL and GREEN_API_PARTNER_TOKEN for the real service)");

using var timeout = new CancellationTokenSource(options.StartTimeout + TimeSpan.FromMinutes(1));
try
{
    var result = await PartnerFlow.RunAsync(partner, options, Console.Out, timeout.Token);
    Console.WriteLine($"Done in {result.Elapsed.TotalSeconds:0.0} s: instance {result.IdInstance} is {result.FinalState}, settings {(result.SettingsSaved ? "saved" : "not saved")}, QR code {result.QrType}, {(result.Listed ? "listed" : "NOT listed")} by getInstances.");
    return result.Listed && result.SettingsSaved ? 0 : 1;
}
catch (GreenApiException e)
{
    Console.Error.WriteLine($"The service refused a call: {e.Message}");
    return 1;
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine($"The flow stopped: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Console.Error.WriteLine("The flow did not complete in time.");
    return 1;
}
