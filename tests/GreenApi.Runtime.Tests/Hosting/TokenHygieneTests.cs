using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using GreenApi.Hosting;
using GreenApi.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GreenApi.Runtime.Tests.Hosting;

/// <summary>
/// The token is in every URL and must be nowhere else. This runs calls, failures, retries and receiving
/// through the hosted stack (IHttpClientFactory, logging at Trace, metrics, tracing) with a known token,
/// keeps every log line, exception text, telemetry tag and ToString(), and looks for the token in them.
/// </summary>
public sealed class TokenHygieneTests
{
    private const string Token = "Tk9SECRET7e1f0c2b9a4d8e6f3a1b5c7d9e2f4a6b8c0d1e3f5";
    private const string PartnerToken = "gac.PARTNERSECRET1f2e3d4c5b6a79881726354";

    [Fact]
    public async Task No_log_line_exception_telemetry_tag_or_ToString_contains_a_token()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sendAttempts = 0;
        var delivered = 0;
        await using var server = await TestServer.StartAsync((request, context) => request.Method switch
        {
            "getSettings" => TestServer.Respond(context, 200, File.ReadAllText(Path.Combine(Corpus.Fixtures, "docs", "account", "getSettings.response.json"))),
            "sendMessage" => Interlocked.Increment(ref sendAttempts) == 1
                ? TestServer.Respond(context, 502, "Bad Gateway", "text/plain")
                : TestServer.Respond(context, 200, """{"idMessage":"3EB0"}"""),
            // A server that echoes the path, token and all, as many error pages do.
            "checkWhatsapp" => TestServer.Respond(context, 404, $"Cannot POST {request.Path}", "text/plain"),
            "qr" => TestServer.Respond(context, 401, $"Unauthorized token {request.Token}", "text/plain"),
            "getStateInstance" => TestServer.Drop(context),
            "receiveNotification" => Interlocked.Increment(ref delivered) == 1
                ? TestServer.Respond(context, 200, """{"receiptId":7,"body":{"typeWebhook":"stateInstanceChanged","instanceData":{"idInstance":1,"wid":"1@c.us","typeInstance":"whatsapp"},"timestamp":1,"stateInstance":"authorized"}}""")
                : TestServer.Respond(context, 200, "null"),
            "deleteNotification" => TestServer.Respond(context, 200, """{"result":true}"""),
            "getInstances" => TestServer.Respond(context, 403, $"Forbidden for {request.Token}", "text/plain"),
            _ => TestServer.Respond(context, 404, "Not Found", "text/plain"),
        });

        var texts = new ConcurrentQueue<string>();
        using var logs = new LogCapture();
        using var activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                texts.Enqueue($"activity {a.Source.Name} {a.OperationName} {a.DisplayName} {a.StatusDescription}");
                foreach (var tag in a.TagObjects)
                {
                    texts.Enqueue($"tag {a.Source.Name} {tag.Key}={tag.Value}");
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(texts, instrument, tags));
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(texts, instrument, tags));
        meters.Start();

        var clock = new FakeTimeProvider();
        using var advancing = clock.AutoAdvance();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddGreenApi(o =>
            {
                o.ApiUrl = server.Url;
                o.MediaUrl = server.Url;
                o.IdInstance = 1101000001;
                o.ApiTokenInstance = Token;
                o.EnableRateLimiting = false;
            })
            .AddPollingReceiver((n, _) => { received.TrySetResult(); return Task.CompletedTask; }, o => o.ReceiveTimeoutSeconds = 5);
        builder.Services.AddGreenApiPartner(o =>
        {
            o.ApiUrl = server.Url;
            o.PartnerToken = PartnerToken;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<GreenApiClient>();
        var partner = host.Services.GetRequiredService<GreenApiPartnerClient>();

        (await client.Account.GetSettingsAsync()).Wid.ShouldNotBeNullOrEmpty();
        (await client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "hi" })).IdMessage.ShouldBe("3EB0");
        texts.Enqueue((await Should.ThrowAsync<GreenApiException>(() => client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234567 }))).ToString());
        texts.Enqueue((await Should.ThrowAsync<GreenApiAuthenticationException>(() => client.Account.QrAsync())).ToString());
        texts.Enqueue((await Should.ThrowAsync<GreenApiServerException>(() => client.Account.GetStateInstanceAsync())).ToString());
        texts.Enqueue((await Should.ThrowAsync<GreenApiAuthenticationException>(() => partner.GetInstancesAsync())).ToString());
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        texts.Enqueue(client.ToString()!);
        texts.Enqueue(partner.ToString()!);
        texts.Enqueue(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GreenApiClientOptions>>().Get("").ToString());
        var all = logs.Lines.Concat(texts).ToList();

        // The capture really saw the traffic: retries, failures, spans and measurements.
        all.ShouldContain(l => l.Contains("sendMessage answered 502; retrying", StringComparison.Ordinal));
        all.ShouldContain(l => l.StartsWith("tag GreenApi url.template=", StringComparison.Ordinal));
        all.ShouldContain(l => l.StartsWith("measure greenapi.client.requests", StringComparison.Ordinal));
        all.ShouldContain(l => l.Contains("Cannot POST /waInstance1101000001/checkWhatsapp/***", StringComparison.Ordinal));
        server.Requests.ShouldContain(r => r.Token == Token);
        server.Requests.ShouldContain(r => r.Token == PartnerToken);

        foreach (var secret in new[] { Token, PartnerToken, Uri.EscapeDataString(Token), Token[..16] })
        {
            all.Where(l => l.Contains(secret, StringComparison.Ordinal)).ShouldBeEmpty($"'{secret[..6]}…' leaked");
        }
    }

    private static void Record(ConcurrentQueue<string> texts, Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var line = new System.Text.StringBuilder("measure ").Append(instrument.Meter.Name).Append(' ').Append(instrument.Name);
        foreach (var tag in tags)
        {
            line.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        texts.Enqueue(line.ToString().Replace("measure GreenApi ", "measure ", StringComparison.Ordinal));
    }
}
