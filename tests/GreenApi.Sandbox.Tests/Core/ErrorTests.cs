using System.Text.Json.Nodes;
using GreenApi.Runtime.Tests.Infrastructure;
using GreenApi.Sandbox.Tests.Infrastructure;

namespace GreenApi.Sandbox.Tests.Core;

/// <summary>The documented errors (1.3.11), with their texts and bodies, and what the typed client makes of them.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task Credentials_method_names_and_verbs_are_checked_as_the_service_does()
    {
        await using var rig = await SandboxRig.StartAsync(configureSandbox: o => o.EnforceRateLimits = false);
        var (sandbox, instance) = (rig.Sandbox, rig.Instance);

        (await Raw.CallAsync(sandbox, instance, "GET", "getStateInstance")).Body.ShouldBe("""{"stateInstance":"authorized"}""");
        (await Raw.CallAsync(sandbox, instance, "GET", "GETSTATEINSTANCE")).Status.ShouldBe(200, "method names are case-insensitive");
        (await Raw.CallAsync(sandbox, instance, "GET", "getStateInstance", token: "wrong")).ShouldSatisfyAllConditions(
            a => a.Status.ShouldBe(401), a => a.Body.ShouldContain("Unauthorized"));
        (await Raw.SendAsync("GET", new Uri(sandbox.Url, $"waInstance999/getStateInstance/{instance.ApiTokenInstance}"))).Status.ShouldBe(403);
        (await Raw.CallAsync(sandbox, instance, "GET", "noSuchMethod")).Status.ShouldBe(404);
        (await Raw.CallAsync(sandbox, instance, "POST", "getStateInstance", "{}")).Status.ShouldBe(404, "a wrong verb is 'Not Found' (1.3.11)");
        (await Raw.CallAsync(sandbox, instance, "OPTIONS", "getStateInstance")).Status.ShouldBe(204);

        using var wrong = new GreenApiClient(new GreenApiClientOptions { ApiUrl = sandbox.Url, MediaUrl = sandbox.Url, IdInstance = instance.IdInstance, ApiTokenInstance = "not-the-token" });
        var e = await Should.ThrowAsync<GreenApiAuthenticationException>(wrong.Account.GetSettingsAsync());
        e.StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"message":"hi"}""", "Validation failed. Details: 'chatId' is required")]
    [InlineData("""{"chatId":"79001234567@c.us","message":"hi","wrongFieldName":1}""", "Validation failed. Details: 'wrongFieldName' is not allowed")]
    [InlineData("""{"chatId":"79001234567","message":"hi"}""", "Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us")]
    [InlineData("""{"chatId":"79001234567@c.us","message":5}""", "Validation failed. Details: 'message' must be a string")]
    [InlineData("""{"chatId":"79001234567@c.us","message":"hi","linkPreview":"yes"}""", "Validation failed. Details: 'linkPreview' must be a boolean")]
    [InlineData("""{"chatId":"79001234567@c.us","message":"hi","quotedMessageId":""}""", "Validation failed. Details: 'quotedMessageId' is not allowed to be empty")]
    [InlineData("""{"chatId":"79001234567@c.us","message":"hi",""", "Unexpected token")]
    public async Task SendMessage_answers_the_documented_validation_messages(string body, string expected)
    {
        await using var rig = await SandboxRig.StartAsync(configureSandbox: o => o.EnforceRateLimits = false);

        var answer = await Raw.CallAsync(rig.Sandbox, rig.Instance, "POST", "sendMessage", body);

        answer.Status.ShouldBe(400);
        answer.Body.ShouldContain(expected);
        rig.Instance.QueuedMessages.ShouldBe(0);
    }

    [Fact]
    public async Task Length_and_poll_rules_use_the_docs_wording_and_the_client_classifies_them_as_validation_errors()
    {
        await using var rig = await SandboxRig.StartAsync();

        var tooLong = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = new string('x', 20001) }));
        tooLong.Message.ShouldContain("'message' length must be less than or equal to 20000 characters long");
        tooLong.Policy.ShouldNotBeNull().Pattern.ShouldNotBeNull().ShouldContain("20000", Case.Sensitive, "the method's own documented error is matched, not a generic one");

        var oneOption = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendPollAsync(new SendPollRequest { ChatId = "79001234567@c.us", Message = "?", Options = [new SendPollOption { OptionName = "a" }] }));
        oneOption.ErrorText.ShouldContain("'options' length must be from 2 to 12 elements inclusive");

        var same = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendPollAsync(new SendPollRequest { ChatId = "79001234567@c.us", Message = "?", Options = [new SendPollOption { OptionName = "a" }, new SendPollOption { OptionName = "a" }] }));
        same.ErrorText.ShouldContain("'optionName' field must have unique value");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_over_100_KB_is_answered_500_request_entity_too_large()
    {
        await using var rig = await SandboxRig.StartAsync();
        var body = new JsonObject { ["chatId"] = "79001234567@c.us", ["message"] = new string('x', 101 * 1024) }.ToJsonString();

        var answer = await Raw.CallAsync(rig.Sandbox, rig.Instance, "POST", "sendMessage", body);

        answer.Status.ShouldBe(500);
        answer.Body.ShouldContain("request entity too large");
    }

    [Fact]
    public async Task A_burst_above_the_documented_limit_gets_429_with_Retry_After_while_the_paced_client_gets_none()
    {
        await using var rig = await SandboxRig.StartAsync();

        var first = await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getSettings");
        var second = await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getSettings");

        first.Status.ShouldBe(200);
        second.Status.ShouldBe(429, "getSettings is limited to 1 per second (1.3.12)");
        second.Body.ShouldContain("Too Many Requests");
        second.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldBe(TimeSpan.FromSeconds(1));

        // The generated client waits its turn instead: three calls, no 429, about a second apart.
        for (var i = 0; i < 3; i++)
        {
            (await rig.Client.Account.GetSettingsAsync()).Wid.ShouldBe(rig.Instance.Wid);
        }

        // The sandbox counts its answers by status, in process and over the simulation API.
        // (The client's first call meets the bucket the raw burst emptied, and at 1/s a bucket of one token
        // can refuse a paced call whose request arrived a few ms early: the client waits out each such 429
        // (Retry-After) and repeats, so only the count of 200s is exact.)
        var answers = rig.Sandbox.Answers;
        answers.Keys.Order().ShouldBe([200, 429]);
        answers[200].ShouldBe(4);
        answers[429].ShouldBeGreaterThanOrEqualTo(1);
        var counted = await Raw.SendAsync("GET", new Uri(rig.Sandbox.Url, "sandbox/answers"));
        counted.Body.ShouldBe($$"""{"200":4,"429":{{answers[429]}}}""");
    }

    [Fact]
    public async Task Developer_tariff_refuses_the_101st_call_and_the_4th_chat_with_the_documented_466_bodies()
    {
        await using var rig = await SandboxRig.StartAsync(tariff: GreenApiTariff.Developer, configureSandbox: o => o.EnforceRateLimits = false);

        for (var i = 0; i < 100; i++)
        {
            (await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getStatusInstance")).Status.ShouldBe(200);
        }

        var refused = await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getStatusInstance");
        refused.Status.ShouldBe(466);
        var invoke = JsonNode.Parse(refused.Body)!["invokeStatus"]!;
        ((string?)invoke["method"], (int)invoke["used"]!, (int)invoke["total"]!, (string?)invoke["status"]).ShouldBe(("getstatusinstance", 100, 100, "QUOTE_EXCEEDED"));
        SpecOracle.ShouldFit(refused.Body, "schema QuotaExceededError");

        foreach (var chat in new[] { "79000000001@c.us", "79000000002@c.us", "79000000003@c.us" })
        {
            (await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = chat, Message = "hi" })).IdMessage.ShouldNotBeNullOrEmpty();
        }

        var fourth = await Should.ThrowAsync<GreenApiQuotaExceededException>(rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79000000004@c.us", Message = "hi" }));
        fourth.IsLocal.ShouldBeFalse("the client was not told the tariff; the sandbox refused it");
        fourth.CorrespondentsStatus.ShouldNotBeNull().Used.ShouldBe(3);
        fourth.CorrespondentsStatus.Status.ShouldBe("CORRESPONDENTS_QUOTE_EXCEEDED");
        (await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79000000002@c.us", Message = "again" })).IdMessage.ShouldNotBeNullOrEmpty("the first three chats stay open");
    }

    [Fact]
    public async Task Instance_states_give_the_documented_errors()
    {
        var clock = new FakeTimeProvider();
        await using var rig = await SandboxRig.StartAsync(authorized: false, configureSandbox: o => (o.TimeProvider, o.EnforceRateLimits) = (clock, false));

        var notAuthorized = await Should.ThrowAsync<GreenApiInstanceStateException>(rig.Client.Service.GetContactsAsync());
        notAuthorized.ErrorText.ShouldContain("instance is starting or not authorized");
        (await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "queued" })).IdMessage.ShouldNotBeNullOrEmpty("sending queues until the phone is authorized");

        rig.Instance.Authorize();
        (await rig.Client.Account.RebootAsync()).IsReboot.ShouldBeTrue();
        rig.Instance.State.ShouldBe(SandboxStates.Starting);
        var starting = await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getContacts");
        starting.Body.ShouldContain("instance in starting process try later");
        clock.Advance(TimeSpan.FromSeconds(2));
        await Wait.UntilAsync(() => rig.Instance.State == SandboxStates.Authorized, "the reboot ends after StartingDuration");

        rig.Instance.Expired = true;
        (await Raw.CallAsync(rig.Sandbox, rig.Instance, "GET", "getSettings")).Body.ShouldContain("Instance account is expired");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Injected_faults_reach_the_client_which_retries_what_the_spec_says()
    {
        await using var rig = await SandboxRig.StartAsync();
        rig.Instance.Faults.Add(new Sandbox.SandboxFault { Method = "getStateInstance", Status = 502, Times = 2 });

        var state = await rig.Client.Account.GetStateInstanceAsync();

        state.ShouldNotBeNull().StateInstance.ShouldBe(StateInstance.Authorized, "502 is retried up to 3 times (1.3.11)");
        rig.Instance.Faults.Count.ShouldBe(0);

        rig.Instance.Faults.Add(new Sandbox.SandboxFault { Method = "sendMessage", Drop = true });
        var dropped = await Should.ThrowAsync<GreenApiException>(rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "x" }));
        dropped.StatusCode.ShouldBeNull("the connection was dropped");
    }
}
