namespace GreenApi.Sandbox;

/// <summary>How a <see cref="GreenApiSandbox"/> behaves. The defaults are the service's documented values.</summary>
public sealed class GreenApiSandboxOptions
{
    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The clock of every timed behaviour: the sending interval, long polls, retention, webhook retries, months.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Answer 429 above the per-method limits of 1.3.12 (a token bucket per instance and method holding one second's worth).</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>The partner token that <c>/partner/…</c> methods accept.</summary>
    public string PartnerToken { get; set; } = "sandbox-partner-token";

    /// <summary>Largest JSON body; larger ones are answered 500 <c>request entity too large</c> (docs: 100 KB).</summary>
    public int MaxJsonBytes { get; set; } = 100 * 1024;

    /// <summary>Largest file; larger uploads are refused as the docs describe (100 MB).</summary>
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long a notification stays in the HTTP API queue (docs: 24 hours).</summary>
    public TimeSpan NotificationRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The pause before a failed webhook delivery is tried again (docs: 60 s).</summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a webhook endpoint has to answer (docs: 180 s).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(180);

    /// <summary>How long <c>reboot</c> keeps an instance in <c>starting</c>, and how long a new partner instance takes to be created.</summary>
    public TimeSpan StartingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a message is sent, when the simulated recipient's phone reports it delivered and then read
    /// (each an <c>outgoingMessageStatus</c> notification); <see langword="null"/> stops at <c>sent</c>.
    /// </summary>
    public TimeSpan? DeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Which hosts a webhook may be delivered to. The sandbox only talks to loopback addresses unless this says otherwise.</summary>
    public Func<Uri, bool> AllowWebhookHost { get; set; } = static uri => uri.IsLoopback;
}
