using System.Diagnostics;

namespace GreenApi.Samples.PartnerProvisioning;

/// <summary>How <see cref="PartnerFlow"/> runs; the defaults are the partner docs' advice.</summary>
public sealed record PartnerFlowOptions
{
    /// <summary>The new instance's name in the console.</summary>
    public string InstanceName { get; init; } = "PartnerProvisioning sample";

    /// <summary>The address of the new instance's API; <see langword="null"/>: the partner API's address.</summary>
    public Uri? InstanceApiUrl { get; init; }

    /// <summary>The address of the new instance's media API; <see langword="null"/>: <see cref="InstanceApiUrl"/>.</summary>
    public Uri? InstanceMediaUrl { get; init; }

    /// <summary>The pause between <c>getStateInstance</c> polls (docs: 5 seconds).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the new instance may take to reach <c>notAuthorized</c>.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The sending interval set with <c>setSettings</c> (500 ms at least).</summary>
    public long DelaySendMessagesMilliseconds { get; init; } = 1000;
}

/// <summary>What the flow did. Holds no token.</summary>
/// <param name="IdInstance">The created instance.</param>
/// <param name="TypeInstance">Its type as createInstance answered (<c>whatsapp</c>), if it said.</param>
/// <param name="StatesSeen">Each distinct answer of getStateInstance in order; <c>(creating)</c> for a <c>null</c> body, <c>(error: …)</c> for a transient failure.</param>
/// <param name="FinalState">The state the polling ended at (<c>notAuthorized</c>).</param>
/// <param name="Polls">How many times getStateInstance was called.</param>
/// <param name="TransientErrors">How many polls failed with an error worth retrying.</param>
/// <param name="SettingsSaved">Whether setSettings answered <c>saveSettings: true</c>.</param>
/// <param name="QrType">The qr method's <c>type</c> (<c>qrCode</c>, <c>alreadyLogged</c> or <c>error</c>).</param>
/// <param name="QrImageLength">The length of the base64 PNG when <see cref="QrType"/> is <c>qrCode</c>, otherwise 0.</param>
/// <param name="Listed">Whether getInstances lists the instance.</param>
/// <param name="InstanceCount">How many instances getInstances lists.</param>
/// <param name="Elapsed">How long the flow took.</param>
public sealed record PartnerFlowResult(
    long IdInstance,
    string? TypeInstance,
    IReadOnlyList<string> StatesSeen,
    string FinalState,
    int Polls,
    int TransientErrors,
    bool SettingsSaved,
    string QrType,
    int QrImageLength,
    bool Listed,
    int InstanceCount,
    TimeSpan Elapsed);

/// <summary>
/// The partner flow the docs recommend, through the generated <see cref="GreenApiPartnerClient"/> and the new
/// instance's own <see cref="GreenApiClient"/>: <c>createInstance</c> → poll <c>getStateInstance</c> until
/// <c>notAuthorized</c> (<c>null</c> while the instance is being created; <c>starting</c> and "instance in
/// starting process" meanwhile are waited out) → <c>setSettings</c> → <c>qr</c> → <c>getInstances</c>.
/// Writes a line per step to the output and never a token.
/// </summary>
public static class PartnerFlow
{
    /// <summary>Runs the flow with the docs' defaults.</summary>
    public static Task<PartnerFlowResult> RunAsync(GreenApiPartnerClientOptions partner, TextWriter output, CancellationToken cancellationToken = default) =>
        RunAsync(partner, new PartnerFlowOptions(), output, cancellationToken);

    /// <summary>Runs the flow.</summary>
    /// <exception cref="GreenApiException">A call failed for good (a wrong partner token, a refused setting…).</exception>
    /// <exception cref="TimeoutException">The instance did not reach <c>notAuthorized</c> within <see cref="PartnerFlowOptions.StartTimeout"/>.</exception>
    public static async Task<PartnerFlowResult> RunAsync(GreenApiPartnerClientOptions partner, PartnerFlowOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        partner.Validate();
        var clock = Stopwatch.StartNew();

        // 1. Create the instance. Its token is a secret: it goes into the instance's client options only.
        using var partnerClient = new GreenApiPartnerClient(partner);
        var created = await partnerClient.CreateInstanceAsync(new CreateInstanceRequest { Name = options.InstanceName }, cancellationToken).ConfigureAwait(false);
        var typeInstance = created.TypeInstance?.Value;
        await output.WriteLineAsync($"1. createInstance: instance {created.IdInstance} ({typeInstance ?? "type not given"}) created as \"{options.InstanceName}\"; its API token is kept, not shown").ConfigureAwait(false);

        var apiUrl = options.InstanceApiUrl ?? partner.ApiUrl;
        using var instance = new GreenApiClient(new GreenApiClientOptions
        {
            ApiUrl = apiUrl,
            MediaUrl = options.InstanceMediaUrl ?? apiUrl,
            IdInstance = created.IdInstance,
            ApiTokenInstance = created.ApiTokenInstance,
        });

        // 2. Wait until the instance exists and has started: notAuthorized means it waits for a phone to link.
        await output.WriteLineAsync($"2. getStateInstance every {options.PollInterval.TotalSeconds:0.#} s until notAuthorized:").ConfigureAwait(false);
        var (finalState, statesSeen, polls, transientErrors) = await WaitUntilStartedAsync(instance, options, output, cancellationToken).ConfigureAwait(false);

        // 3. Settings: notifications through the HTTP API queue (no webhook), a sending interval, the useful notifications on.
        var saved = await instance.Account.SetSettingsAsync(new SetSettingsRequest
        {
            WebhookUrl = "",
            WebhookUrlToken = "",
            DelaySendMessagesMilliseconds = options.DelaySendMessagesMilliseconds,
            MarkIncomingMessagesReaded = false,
            OutgoingWebhook = true,
            OutgoingAPIMessageWebhook = true,
            OutgoingMessageWebhook = true,
            IncomingWebhook = true,
            StateWebhook = true,
            IncomingCallWebhook = true,
        }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"3. setSettings: {(saved.SaveSettings ? "saved" : "NOT saved")} — no webhookUrl (HTTP API queue), {options.DelaySendMessagesMilliseconds} ms between messages, incoming/outgoing/state/call notifications on").ConfigureAwait(false);

        // 4. The QR code to link a phone: shown to the account's owner, never logged.
        var qr = await instance.Account.QrAsync(cancellationToken).ConfigureAwait(false);
        var qrLength = qr.Type == QrMessageType.QrCode ? qr.Message.Length : 0;
        await output.WriteLineAsync(qr.Type == QrMessageType.QrCode
            ? $"4. qr: {qr.Type.Value}, a PNG of {qrLength} base64 characters — show it to the account's owner (WhatsApp → Linked devices → Link a device)"
            : $"4. qr: {qr.Type.Value} — {qr.Message}").ConfigureAwait(false);

        // 5. The partner's list includes the new instance.
        var instances = await partnerClient.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
        var listed = instances.FirstOrDefault(i => i.IdInstance == created.IdInstance);
        await output.WriteLineAsync(listed is null
            ? $"5. getInstances: {instances.Count} instances, but not {created.IdInstance} yet"
            : $"5. getInstances: {instances.Count} instance(s), including {listed.IdInstance} \"{listed.Name}\" (tariff {listed.Tariff}, {(listed.Deleted ? "deleted" : "active")}, paid until {listed.ExpirationDate})").ConfigureAwait(false);

        return new PartnerFlowResult(created.IdInstance, typeInstance, statesSeen, finalState, polls, transientErrors,
            saved.SaveSettings, qr.Type.Value, qrLength, listed is not null, instances.Count, clock.Elapsed);
    }

    private static async Task<(string State, List<string> Seen, int Polls, int TransientErrors)> WaitUntilStartedAsync(
        GreenApiClient instance, PartnerFlowOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var seen = new List<string>();
        var polls = 0;
        var transientErrors = 0;
        while (true)
        {
            polls++;
            string answer;
            try
            {
                var state = await instance.Account.GetStateInstanceAsync(cancellationToken).ConfigureAwait(false);
                answer = state is null ? "(creating)" : state.StateInstance.Value;
            }
            catch (GreenApiException e) when (IsTransient(e))
            {
                // The instance is starting, or not reachable yet right after creation: ask again.
                transientErrors++;
                answer = $"(error: {e.GetType().Name}, HTTP {(e.StatusCode is { } s ? (int)s : 0)})";
            }

            if (seen.Count == 0 || seen[^1] != answer)
            {
                seen.Add(answer);
                await output.WriteLineAsync($"   {started.Elapsed.TotalSeconds,5:0.0} s  {Describe(answer)}").ConfigureAwait(false);
            }

            if (answer == StateInstance.NotAuthorized.Value || answer == StateInstance.Authorized.Value)
            {
                return (answer, seen, polls, transientErrors);
            }

            if (answer != "(creating)" && !answer.StartsWith('(') && answer != StateInstance.Starting.Value)
            {
                // blocked, sleepMode, yellowCard…: not something waiting helps with.
                throw new InvalidOperationException($"instance answers {answer}; expected it to start and wait for a phone (notAuthorized)");
            }

            if (started.Elapsed >= options.StartTimeout)
            {
                throw new TimeoutException($"the instance did not reach notAuthorized within {options.StartTimeout.TotalSeconds:0} s; last answer: {answer}");
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(GreenApiException e) => e is GreenApiInstanceStateException or GreenApiServerException or GreenApiRateLimitedException;

    private static string Describe(string answer) => answer switch
    {
        "(creating)" => "null — the instance is still being created",
        "starting" => "starting",
        "notAuthorized" => "notAuthorized — ready to link a phone",
        "authorized" => "authorized — a phone is linked already",
        _ => answer + " — retrying",
    };
}
