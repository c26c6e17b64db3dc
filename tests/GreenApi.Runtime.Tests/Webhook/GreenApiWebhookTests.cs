using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GreenApi.AspNetCore;
using GreenApi.Receiving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GreenApi.Runtime.Tests.Webhook;

/// <summary>
/// app.MapGreenApiWebhook against a real Kestrel server on 127.0.0.1, posting the wire examples the live
/// service sent.
/// </summary>
public sealed class GreenApiWebhookTests
{
    private const string TextMessageFile = "incomingMessageReceived.textMessage.json";
    private const string Token = "s3cr3t-webhook-token-7f2a";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Delivers_the_typed_notification_and_answers_200_with_an_empty_body()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle));

        using var response = await PostAsync(server, WebhookFixtures.Wire(TextMessageFile));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        var message = received.Single().ShouldBeOfType<IncomingMessageReceived>();
        message.IdMessage.ShouldBe("3EB063C771F28EB323FAE3");
        message.SenderData.ChatId.ShouldBe("71234567890@c.us");
        message.MessageData.ShouldBeOfType<TextMessage>().TextMessageData.TextMessage.ShouldBe("Hello! This is a text message.");
    }

    [Theory]
    [MemberData(nameof(WireNames))]
    public async Task Every_wire_example_reaches_the_handler_as_its_known_case(string fileName)
    {
        var json = WebhookFixtures.Wire(fileName);
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle));

        using var response = await PostAsync(server, json);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, server.Logs.AllText);
        var notification = received.Single();
        notification.ShouldNotBeOfType<UnknownNotification>();
        notification.TypeWebhook.ShouldBe((string?)JsonNode.Parse(json)!["typeWebhook"]);
    }

    public static TheoryData<string> WireNames() => WebhookFixtures.WireNames();

    [Fact]
    public async Task An_unknown_typeWebhook_reaches_the_handler_as_the_unknown_case()
    {
        var node = JsonNode.Parse(WebhookFixtures.Wire(TextMessageFile))!;
        node["typeWebhook"] = "incomingTelepathyReceived";
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle));

        using var response = await PostAsync(server, node.ToJsonString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var unknown = received.Single().ShouldBeOfType<UnknownNotification>();
        unknown.TypeWebhook.ShouldBe("incomingTelepathyReceived");
        unknown.RawJson.GetProperty("idMessage").GetString().ShouldBe("3EB063C771F28EB323FAE3");
        server.Logs.Webhook.ShouldNotContain(e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_missing_Authorization_header_is_answered_401_without_calling_the_handler()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.AuthorizationToken = Token));

        using var response = await PostAsync(server, WebhookFixtures.Wire(TextMessageFile));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        received.Count.ShouldBe(0);
        var warning = server.Logs.Webhook.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("401");
        server.Logs.AllText.ShouldNotContain(Token);
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData(Token)] // the bare token: the service always sends a scheme
    [InlineData("bearer " + Token)] // the scheme as the service writes it
    [InlineData("Basic " + Token)]
    [InlineData("Bearer " + Token + "x")]
    [InlineData("Bearer s3cr3t-webhook-token-7f2")]
    public async Task A_wrong_Authorization_header_is_answered_401_and_neither_it_nor_the_token_is_logged(string authorization)
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.AuthorizationToken = Token));

        using var response = await PostAsync(server, WebhookFixtures.Wire(TextMessageFile), authorization);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        received.Count.ShouldBe(0);
        var warning = server.Logs.Webhook.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("does not match");
        server.Logs.AllText.ShouldNotContain(Token[..^1]);
        server.Logs.AllText.ShouldNotContain(authorization);
    }

    [Theory]
    [InlineData("x", "Bearer x")]
    [InlineData("Basic abc", "Basic abc")]
    [InlineData("Bearer abc", "Bearer abc")]
    [InlineData(Token, "Bearer " + Token)]
    public async Task The_header_the_service_sends_for_the_token_is_accepted(string configured, string sent)
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.AuthorizationToken = configured));

        using var response = await PostAsync(server, WebhookFixtures.Wire(TextMessageFile), sent);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        received.Single().ShouldBeOfType<IncomingMessageReceived>();
    }

    [Fact]
    public async Task A_Basic_token_is_not_accepted_as_a_bearer_token()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.AuthorizationToken = "Basic abc"));

        using var response = await PostAsync(server, WebhookFixtures.Wire(TextMessageFile), "Bearer Basic abc");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Basic");
        received.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_json_is_answered_400_and_logged_with_the_body_truncated_and_without_the_token()
    {
        var body = "{\"typeWebhook\":\"incomingMessageReceived\",\"idMessage\":\"" + new string('a', 1000);
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.AuthorizationToken = Token));

        using var response = await PostAsync(server, body, "Bearer " + Token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        received.Count.ShouldBe(0);
        var warning = server.Logs.Webhook.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("malformed JSON");
        warning.Message.ShouldContain(body[..GreenApiWebhookOptions.DefaultLogBodyLimit] + "…");
        warning.Message.ShouldNotContain(body[..(GreenApiWebhookOptions.DefaultLogBodyLimit + 1)]);
        warning.Message.ShouldContain($"({Encoding.UTF8.GetByteCount(body)} bytes)");
        server.Logs.AllText.ShouldNotContain(Token);
    }

    [Fact]
    public async Task A_value_that_cannot_stand_for_its_field_is_answered_400_and_logged_with_reason_and_path()
    {
        var node = JsonNode.Parse(WebhookFixtures.Wire(TextMessageFile))!;
        node["timestamp"] = "yesterday";
        var body = node.ToJsonString();
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.LogBodyLimit = 30));

        using var response = await PostAsync(server, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        received.Count.ShouldBe(0);
        var warning = server.Logs.Webhook.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("$.timestamp");
        warning.Message.ShouldContain("expected an integer");
        warning.Message.ShouldContain(body[..30] + "…");
        warning.Message.ShouldNotContain(body[..31]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_MaxBodyBytes_is_answered_413_without_calling_the_handler(bool chunked)
    {
        var node = JsonNode.Parse(WebhookFixtures.Wire(TextMessageFile))!;
        node["padding"] = new string(' ', 4000);
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle, o => o.MaxBodyBytes = 1000));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = chunked ? new ChunkedContent(bytes) : new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        received.Count.ShouldBe(0);
        server.Logs.Webhook.ShouldHaveSingleItem().Message.ShouldContain("413");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_default_1_MiB_is_answered_413(bool chunked)
    {
        var node = JsonNode.Parse(WebhookFixtures.Wire(TextMessageFile))!;
        node["padding"] = new string('p', GreenApiWebhookOptions.DefaultMaxBodyBytes);
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle));

        using var response = await server.Client.PostAsync("/webhook", chunked ? new ChunkedContent(bytes) : new ByteArrayContent(bytes));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        received.Count.ShouldBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_exactly_MaxBodyBytes_is_accepted_and_one_byte_less_is_not(bool chunked)
    {
        var bytes = Encoding.UTF8.GetBytes(WebhookFixtures.Wire(TextMessageFile));
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app =>
        {
            app.MapGreenApiWebhook<Notification>("/exact", received.Handle, o => o.MaxBodyBytes = bytes.Length);
            app.MapGreenApiWebhook<Notification>("/short", received.Handle, o => o.MaxBodyBytes = bytes.Length - 1);
        });

        using var exact = await server.Client.PostAsync("/exact", chunked ? new ChunkedContent(bytes) : new ByteArrayContent(bytes));
        using var @short = await server.Client.PostAsync("/short", chunked ? new ChunkedContent(bytes) : new ByteArrayContent(bytes));

        exact.StatusCode.ShouldBe(HttpStatusCode.OK, server.Logs.AllText);
        @short.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failing_handler_is_answered_500_and_the_redelivered_notification_is_handled()
    {
        var calls = 0;
        var handled = new ConcurrentQueue<Notification>();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>(
            "/webhook",
            (notification, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("the database is down");
                }

                handled.Enqueue(notification);
                return Task.CompletedTask;
            },
            o => o.Deduplicator = new GreenApiNotificationDeduplicator()));
        var json = WebhookFixtures.Wire(TextMessageFile);

        using var first = await PostAsync(server, json);
        first.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var error = server.Logs.Webhook.ShouldHaveSingleItem();
        error.Level.ShouldBe(LogLevel.Error);
        error.Message.ShouldContain(nameof(IncomingMessageReceived));
        error.Exception.ShouldNotBeNull().ShouldContain("the database is down");

        using var redelivery = await PostAsync(server, json);
        redelivery.StatusCode.ShouldBe(HttpStatusCode.OK);
        calls.ShouldBe(2);
        handled.ShouldHaveSingleItem().ShouldBeOfType<IncomingMessageReceived>().IdMessage.ShouldBe("3EB063C771F28EB323FAE3");

        // Handled now: a third delivery is a duplicate.
        using var third = await PostAsync(server, json);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_handler_without_a_deduplicator_is_answered_500_every_time()
    {
        var calls = 0;
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>(
            "/webhook",
            (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return Task.FromException(new InvalidOperationException("still down"));
            }));
        var json = WebhookFixtures.Wire(TextMessageFile);

        using var first = await PostAsync(server, json);
        using var second = await PostAsync(server, json);

        first.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        second.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        calls.ShouldBe(2);
    }

    [Fact]
    public async Task A_duplicate_is_answered_200_without_calling_the_handler_again()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>(
            "/webhook", received.Handle, o => o.Deduplicator = new GreenApiNotificationDeduplicator()));
        var json = WebhookFixtures.Wire(TextMessageFile);
        var status = WebhookFixtures.Wire("outgoingMessageStatus.sent.api.json");

        using var first = await PostAsync(server, json);
        using var again = await PostAsync(server, json);
        using var other = await PostAsync(server, status);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        received.Count.ShouldBe(2);
        received.Items.Select(n => n.GetType()).ShouldBe([typeof(IncomingMessageReceived), typeof(OutgoingMessageStatus)]);
        var debug = server.Logs.Webhook.ShouldHaveSingleItem();
        debug.Level.ShouldBe(LogLevel.Debug);
        debug.Message.ShouldContain("3EB063C771F28EB323FAE3");
    }

    [Fact]
    public async Task Get_is_not_accepted()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>("/webhook", received.Handle));

        using var response = await server.Client.GetAsync("/webhook");

        response.IsSuccessStatusCode.ShouldBeFalse();
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound);
        received.Count.ShouldBe(0);
    }

    [Fact]
    public async Task The_handler_with_HttpContext_sees_the_request_and_its_abort_token()
    {
        var seen = new ConcurrentQueue<(string? Header, bool SameToken, Notification Notification)>();
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>(
            "/webhook",
            (notification, context, cancellationToken) =>
            {
                seen.Enqueue((context.Request.Headers["X-Test"], cancellationToken == context.RequestAborted, notification));
                return Task.CompletedTask;
            }));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = Json(WebhookFixtures.Wire(TextMessageFile)) };
        request.Headers.Add("X-Test", "hello");
        using var response = await server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (header, sameToken, notification) = seen.ShouldHaveSingleItem();
        header.ShouldBe("hello");
        sameToken.ShouldBeTrue();
        notification.ShouldBeOfType<IncomingMessageReceived>();
    }

    [Fact]
    public async Task An_aborted_request_cancels_the_handler_token()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await WebhookServer.StartAsync(app => app.MapGreenApiWebhook<Notification>(
            "/webhook",
            async (_, cancellationToken) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }
            }));

        using var abort = new CancellationTokenSource();
        var post = server.Client.PostAsync("/webhook", Json(WebhookFixtures.Wire(TextMessageFile)), abort.Token);
        await started.Task.WaitAsync(Wait);
        await abort.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(post);
        await cancelled.Task.WaitAsync(Wait);
        var deadline = DateTime.UtcNow + Wait;
        while (!server.Logs.Webhook.Any(e => e.EventId.Name == "Aborted") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        server.Logs.Webhook.ShouldContain(e => e.EventId.Name == "Aborted" && e.Level == LogLevel.Debug);
        server.Logs.Webhook.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task The_returned_builder_takes_endpoint_conventions()
    {
        var received = new Received();
        await using var server = await WebhookServer.StartAsync(app =>
            app.MapGreenApiWebhook<Notification>("/webhook", received.Handle).RequireHost("hooks.example.org"));
        var json = WebhookFixtures.Wire(TextMessageFile);

        using var otherHost = await PostAsync(server, json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = Json(json) };
        request.Headers.Host = "hooks.example.org";
        using var rightHost = await server.Client.SendAsync(request);

        otherHost.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        rightHost.StatusCode.ShouldBe(HttpStatusCode.OK);
        received.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("MaxBodyBytes", 0, 500, null)]
    [InlineData("MaxBodyBytes", -1, 500, null)]
    [InlineData("LogBodyLimit", 1024, -1, null)]
    [InlineData("AuthorizationToken", 1024, 500, " padded-secret-9")]
    [InlineData("AuthorizationToken", 1024, 500, "Bearer ")]
    [InlineData("AuthorizationToken", 1024, 500, "line\nbreak-secret-9")]
    public async Task Invalid_options_are_rejected_when_mapping_with_a_message_naming_the_option(string option, int maxBodyBytes, int logBodyLimit, string? token)
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var error = Should.Throw<ArgumentException>(() => app.MapGreenApiWebhook<Notification>("/webhook", (_, _) => Task.CompletedTask, o =>
        {
            o.MaxBodyBytes = maxBodyBytes;
            o.LogBodyLimit = logBodyLimit;
            o.AuthorizationToken = token;
        }));

        error.Message.ShouldContain("GreenApiWebhookOptions." + option);
        error.Message.ShouldContain("set");
        if (token is not null)
        {
            error.Message.ShouldNotContain(token.Trim());
        }
    }

    [Fact]
    public async Task Valid_options_map_without_error()
    {
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var builder = app.MapGreenApiWebhook<Notification>("/webhook", (_, _) => Task.CompletedTask, o =>
        {
            o.MaxBodyBytes = 1;
            o.LogBodyLimit = 0;
            o.AuthorizationToken = "";
        });

        builder.ShouldNotBeNull();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> PostAsync(WebhookServer server, string json, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = Json(json) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization).ShouldBeTrue();
        }

        return await server.Client.SendAsync(request);
    }

    /// <summary>What the handler was given.</summary>
    private sealed class Received
    {
        private readonly ConcurrentQueue<Notification> _items = new();

        public int Count => _items.Count;

        public IReadOnlyList<Notification> Items => [.. _items];

        public Task Handle(Notification notification, CancellationToken cancellationToken)
        {
            _items.Enqueue(notification);
            return Task.CompletedTask;
        }

        public Notification Single() => _items.ShouldHaveSingleItem();
    }

    /// <summary>A body of unknown length: HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
