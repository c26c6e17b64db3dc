using System.Net;
using System.Text.Json.Nodes;
using GreenApi.Runtime.Tests.Infrastructure;
using GreenApi.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GreenApi.Sandbox.Tests.Core;

/// <summary>State that behaves: settings, authorization, the outgoing queue, the notification queue, webhooks, files.</summary>
public sealed class StateTests
{
    private const string Chat = "79001234567@c.us";

    [Fact]
    public async Task Settings_round_trip_and_the_authorization_state_machine_moves_with_notifications()
    {
        await using var rig = await SandboxRig.StartAsync(authorized: false);
        var client = rig.Client;

        (await client.Account.SetSettingsAsync(new SetSettingsRequest { DelaySendMessagesMilliseconds = 1500, MarkIncomingMessagesReaded = true, StateWebhook = true })).SaveSettings.ShouldBeTrue();
        var settings = await client.Account.GetSettingsAsync();
        settings.DelaySendMessagesMilliseconds.ShouldBe(1500);
        settings.MarkIncomingMessagesRead.ShouldBe(true, "setSettings' …Readed spelling shows as …Read in getSettings");
        SpecOracle.ShouldFit((await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getStateInstance")).Body, "response getStateInstance 200");

        (await client.Account.QrAsync()).Type.ShouldBe(QrMessageType.QrCode);
        var code = await client.Account.GetAuthorizationCodeAsync(new GetAuthorizationCodeRequest { PhoneNumber = 79001234567 });
        code.Status.ShouldBeTrue();
        code.Code.ShouldNotBeNullOrEmpty();

        rig.Instance.Authorize();
        (await client.Account.GetStateInstanceAsync()).ShouldNotBeNull().StateInstance.ShouldBe(StateInstance.Authorized);
        (await client.Account.QrAsync()).Type.ShouldBe(QrMessageType.AlreadyLogged);
        (await client.Account.LogoutAsync()).IsLogout.ShouldBeTrue();
        rig.Instance.State.ShouldBe(SandboxStates.NotAuthorized);
        rig.Instance.SetState(SandboxStates.YellowCard);

        var states = (await rig.ReceiveUntilAsync(n => n is StateInstanceChanged { StateInstance.Value: "yellowCard" }))
            .OfType<StateInstanceChanged>().Select(s => s.StateInstance.Value).ToList();
        states.ShouldBe(["authorized", "notAuthorized", "yellowCard"]);
    }

    [Fact]
    public async Task UpdateApiToken_retires_the_old_token()
    {
        await using var rig = await SandboxRig.StartAsync();
        var old = rig.Instance.ApiTokenInstance;

        var fresh = (await rig.Client.Account.UpdateApiTokenAsync()).ApiTokenInstance;

        fresh.ShouldNotBe(old);
        (await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getStateInstance", token: old)).Status.ShouldBe(401);
        (await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getStateInstance", token: fresh)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task The_outgoing_queue_waits_for_authorization_then_sends_FIFO_one_per_interval()
    {
        var clock = new FakeTimeProvider();
        await using var rig = await SandboxRig.StartAsync(authorized: false, configureSandbox: o => (o.TimeProvider, o.EnforceRateLimits, o.DeliveryDelay) = (clock, false, null));
        rig.Instance.UpdateSettings(new JsonObject { ["delaySendMessagesMilliseconds"] = 3000 });
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = Chat, Message = $"m{i}" })).IdMessage);
        }

        var queue = await rig.Client.Queues.ShowMessagesQueueAsync();
        queue.Select(q => q.MessageID).ShouldBe(ids);
        (await rig.Client.Queues.GetMessagesCountAsync()).Count.ShouldBe(3);

        rig.Instance.Authorize();
        await Wait.UntilAsync(() => rig.Instance.Messages(Chat).Count == 1, "the first message goes out at once");
        await Wait.UntilAsync(() => clock.PendingTimers == 1, "the queue waits on the sandbox clock for the next slot");
        clock.Advance(TimeSpan.FromMilliseconds(2900));
        await Task.Delay(100);
        rig.Instance.Messages(Chat).Count.ShouldBe(1, "the next one waits delaySendMessagesMilliseconds");
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await Wait.UntilAsync(() => rig.Instance.Messages(Chat).Count == 2, "the second message goes out 3 s later");
        rig.Instance.Messages(Chat).Select(m => m.Text).ShouldBe(["m1", "m2"]);

        (await rig.Client.Queues.ClearMessagesQueueAsync()).IsCleared.ShouldBeTrue();
        (await rig.Client.Queues.GetMessagesCountAsync()).Count.ShouldBe(0);
        clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        rig.Instance.Messages(Chat).Count.ShouldBe(2, "a cleared message is never sent");
    }

    [Fact]
    public async Task The_notification_queue_long_polls_deletes_by_receipt_and_forgets_after_24_hours()
    {
        var clock = new FakeTimeProvider();
        await using var rig = await SandboxRig.StartAsync(configureSandbox: o => (o.TimeProvider, o.EnforceRateLimits) = (clock, false));
        rig.Instance.QueuedNotifications.ShouldBe(0, "an instance created authorized starts with an empty queue");

        var poll = rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 20 });
        await Task.Delay(100);
        poll.IsCompleted.ShouldBeFalse("the long poll waits for a notification");
        var message = rig.Instance.ReceiveText(Chat, "first");
        var got = (await poll.WaitAsync(TimeSpan.FromSeconds(10))).ShouldNotBeNull();
        got.Body.ShouldBeOfType<IncomingMessageReceived>().IdMessage.ShouldBe(message.IdMessage);

        var again = (await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 })).ShouldNotBeNull();
        again.ReceiptId.ShouldBe(got.ReceiptId, "a notification stays first until it is deleted");
        (await rig.Client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = got.ReceiptId })).Result.ShouldBeTrue();
        (await rig.Client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = got.ReceiptId })).Result.ShouldBeFalse();

        var empty = rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 });
        await Wait.UntilAsync(() => clock.PendingTimers > 0, "the long poll waits on the sandbox clock");
        clock.Advance(TimeSpan.FromSeconds(5));
        (await empty.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeNull("an empty queue answers null after receiveTimeout");

        rig.Instance.ReceiveText(Chat, "old");
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        rig.Instance.QueuedNotifications.ShouldBe(0, "notifications are kept 24 hours");
    }

    [Fact]
    public async Task Webhooks_carry_the_token_honour_the_settings_and_are_retried_until_answered_200()
    {
        var received = new List<(string? Authorization, JsonObject Body)>();
        var failFirst = true;
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            lock (received)
            {
                received.Add((context.Request.Headers.Authorization.ToString(), body));
            }

            if (failFirst)
            {
                failFirst = false;
                return Results.StatusCode(500);
            }

            return Results.Ok();
        });
        await app.StartAsync();
        await using var _ = app;
        await using var rig = await SandboxRig.StartAsync(configureSandbox: o => o.WebhookRetryDelay = TimeSpan.FromMilliseconds(50));
        await rig.Client.Account.SetSettingsAsync(new SetSettingsRequest { WebhookUrl = app.Urls.First() + "/hook", WebhookUrlToken = "hook-secret", IncomingWebhook = true, IncomingCallWebhook = false });

        rig.Instance.ReceiveCall(Chat);
        var text = rig.Instance.ReceiveText(Chat, "via webhook");
        await Wait.UntilAsync(() => rig.Sandbox.WebhookAttempts.Count(a => a.Status == 200) == 1, "the text is delivered after one failed attempt");

        received.Count.ShouldBe(2, "one failure, one retry; the call is not sent because incomingCallWebhook is off");
        received.ShouldAllBe(r => r.Authorization == "Bearer hook-secret");
        received.ShouldAllBe(r => (string?)r.Body["idMessage"] == text.IdMessage);
        rig.Sandbox.WebhookAttempts.Select(a => a.Status).ShouldBe([500, 200]);
        SpecOracle.ShouldFit(received[1].Body.ToJsonString(), "schema IncomingMessageReceived");
        rig.Instance.QueuedNotifications.ShouldBe(0, "with a webhook set, the HTTP API queue stays empty");
        (await rig.Client.Queues.GetWebhooksCountAsync()).Count.ShouldBe(0);
    }

    [Fact]
    public async Task Uploaded_files_are_served_and_files_over_the_limit_are_refused_as_documented()
    {
        await using var rig = await SandboxRig.StartAsync(configureSandbox: o => (o.MaxFileBytes, o.EnforceRateLimits) = (1024, false));
        var bytes = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();

        var uploaded = await rig.Client.Sending.UploadFileAsync(new UploadFileRequest { File = new GreenApiFile(new MemoryStream(bytes), "data.bin", "application/octet-stream") });
        using var http = new HttpClient();
        (await http.GetByteArrayAsync(uploaded.UrlFile)).ShouldBe(bytes);

        var big = rig.Sandbox.StoreFile("big.pdf", "application/pdf", new byte[2048]);
        var refused = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendFileByUrlAsync(new SendFileByUrlRequest { ChatId = Chat, UrlFile = big.ToString(), FileName = "big.pdf" }));
        refused.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        refused.ErrorText.ShouldContain("File from url exceeded max upload size");

        var tooLarge = await Should.ThrowAsync<GreenApiException>(rig.Client.Sending.UploadFileAsync(new UploadFileRequest { File = new GreenApiFile(new MemoryStream(new byte[2048]), "big.bin") }));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }
}
