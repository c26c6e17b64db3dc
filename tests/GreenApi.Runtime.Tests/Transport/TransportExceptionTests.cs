using System.Net;
using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>Which exception each documented error becomes, and what it carries.</summary>
public sealed class TransportExceptionTests
{
    private static readonly SendMessageRequest Message = new() { ChatId = "79001234567@c.us", Message = "hi" };

    private static Task<TransportRig> Answering(int status, string body, string contentType = "text/plain") =>
        TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, status, body, contentType), o => o.EnableRateLimiting = false);

    private static void ShouldBeComplete(GreenApiException e, string method, HttpStatusCode? status, string advice)
    {
        e.Method.ShouldBe(method);
        e.StatusCode.ShouldBe(status);
        e.ErrorText.ShouldNotBeNull();
        e.Message.ShouldStartWith(method + " failed");
        e.Message.ShouldContain(advice, Case.Insensitive);
        e.Message.ShouldNotContain(TransportRig.Token);
        e.ErrorText.ShouldNotContain(TransportRig.Token);
    }

    [Fact]
    public async Task Status_401_is_an_authentication_exception_that_says_to_check_the_token()
    {
        await using var rig = await Answering(401, "Unauthorized");

        var e = await Should.ThrowAsync<GreenApiAuthenticationException>(rig.Client.Account.GetSettingsAsync().Capped());

        ShouldBeComplete(e, "getSettings", HttpStatusCode.Unauthorized, "apiTokenInstance");
        e.ErrorText.ShouldBe("Unauthorized");
    }

    [Fact]
    public async Task Status_403_is_an_authentication_exception_that_says_to_check_the_instance_and_host()
    {
        await using var rig = await Answering(403, "Forbidden");

        var e = await Should.ThrowAsync<GreenApiAuthenticationException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        ShouldBeComplete(e, "sendMessage", HttpStatusCode.Forbidden, "idInstance");
    }

    [Fact]
    public async Task Validation_400_is_a_validation_exception_carrying_the_service_text()
    {
        const string text = """{"message":"Bad Request Validation failed. Details: 'chatId' must be one of the next formats: 'phone_number@c.us' or 'group_id@g.us"}""";
        await using var rig = await Answering(400, text, "application/json");

        var e = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        ShouldBeComplete(e, "sendMessage", HttpStatusCode.BadRequest, "field");
        e.ErrorText.ShouldContain("'chatId' must be one of the next formats");
        e.Message.ShouldContain("'chatId' must be one of the next formats");
        e.Policy.ShouldNotBeNull().Action.ShouldBe(GreenApiErrorAction.NeverRetry);
    }

    [Fact]
    public async Task Token_echoed_by_the_service_is_masked()
    {
        await using var rig = await Answering(400, $"Bad Request Validation failed for /waInstance{TransportRig.Instance}/sendMessage/{TransportRig.Token}");

        var e = await Should.ThrowAsync<GreenApiValidationException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.ErrorText.ShouldNotContain(TransportRig.Token);
        e.Message.ShouldNotContain(TransportRig.Token);
        e.ToString().ShouldNotContain(TransportRig.Token);
    }

    [Fact]
    public async Task Exhausted_429_is_a_rate_limited_exception_with_the_last_Retry_After()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) =>
        {
            ctx.Response.Headers.RetryAfter = "3";
            return TestServer.Respond(ctx, 429, "Too Many Requests", "text/plain");
        }, o => o.EnableRateLimiting = false);
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiRateLimitedException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        ShouldBeComplete(e, "sendMessage", HttpStatusCode.TooManyRequests, "Slow down");
        e.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3));
        e.Attempts.ShouldBe(5);
        rig.Count("sendMessage").ShouldBe(5);
    }

    [Fact]
    public async Task Quota_466_of_a_method_is_parsed_into_InvokeStatus()
    {
        const string body = """
            {
              "invokeStatus": {
                "method": "checkwhatsapp",
                "used": 100,
                "total": 100,
                "status": "QUOTE_EXCEEDED",
                "description": "Monthly quota has been exceeded. Please go to your console and change the tariff to business https://console.green-api.com"
              }
            }
            """;
        await using var rig = await Answering(466, body, "application/json");

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(rig.Client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234567 }).Capped());

        ShouldBeComplete(e, "checkWhatsapp", (HttpStatusCode)466, "1st of each month");
        e.IsLocal.ShouldBeFalse();
        e.CorrespondentsStatus.ShouldBeNull();
        var status = e.InvokeStatus.ShouldNotBeNull();
        status.Method.ShouldBe("checkwhatsapp");
        status.Used.ShouldBe(100);
        status.Total.ShouldBe(100);
        status.Status.ShouldBe("QUOTE_EXCEEDED");
        status.IsExceeded.ShouldBeTrue();
        status.Description.ShouldNotBeNull().ShouldContain("Monthly quota has been exceeded");
        rig.Count("checkWhatsapp").ShouldBe(1);
    }

    [Fact]
    public async Task Quota_466_of_correspondents_is_parsed_into_both_statuses()
    {
        const string body = """
            {
              "invokeStatus": {
                "method": "sendmessage",
                "used": 67,
                "total": 0,
                "status": "QUOTE_ALLOWED"
              },
              "correspondentsStatus": {
                "method": "correspondents",
                "used": 3,
                "total": 3,
                "status": "CORRESPONDENTS_QUOTE_EXCEEDED",
                "description": "Monthly quota has been exceeded. You can only send or receive messages from these numbers: 12345678901@c.us,12345678910@c.us,12345678911@c.us. Please go to your personal account and change the tariff to business https://console.green-api.com"
              }
            }
            """;
        await using var rig = await Answering(466, body, "application/json");

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        ShouldBeComplete(e, "sendMessage", (HttpStatusCode)466, "Developer-tariff");
        e.IsLocal.ShouldBeFalse();
        var invoke = e.InvokeStatus.ShouldNotBeNull();
        invoke.Method.ShouldBe("sendmessage");
        invoke.Used.ShouldBe(67);
        invoke.Total.ShouldBe(0);
        invoke.IsExceeded.ShouldBeFalse();
        var correspondents = e.CorrespondentsStatus.ShouldNotBeNull();
        correspondents.Method.ShouldBe("correspondents");
        correspondents.Used.ShouldBe(3);
        correspondents.Total.ShouldBe(3);
        correspondents.Status.ShouldBe("CORRESPONDENTS_QUOTE_EXCEEDED");
        correspondents.IsExceeded.ShouldBeTrue();
        correspondents.Description.ShouldNotBeNull().ShouldContain("12345678911@c.us");
    }

    [Fact]
    public async Task Quota_466_with_used_and_total_as_strings_is_parsed_too()
    {
        await using var rig = await Answering(466, """{"invokeStatus":{"method":"checkwhatsapp","used":"100","total":"100","status":"QUOTE_EXCEEDED"}}""", "application/json");

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(rig.Client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234567 }).Capped());

        e.InvokeStatus.ShouldNotBeNull().Used.ShouldBe(100);
        e.InvokeStatus!.Total.ShouldBe(100);
    }

    [Fact]
    public async Task Expired_instance_400_is_an_instance_state_exception_that_says_to_renew()
    {
        await using var rig = await Answering(400, "Instance account is expired. Renew your instance from personal area");

        var e = await Should.ThrowAsync<GreenApiInstanceStateException>(rig.Client.Account.GetSettingsAsync().Capped());

        ShouldBeComplete(e, "getSettings", HttpStatusCode.BadRequest, "Renew it in the console");
        e.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task Unauthorized_instance_400_is_an_instance_state_exception_that_says_to_scan_the_QR_code()
    {
        await using var rig = await Answering(400, "instance is starting or not authorized");

        var e = await Should.ThrowAsync<GreenApiInstanceStateException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        ShouldBeComplete(e, "sendMessage", HttpStatusCode.BadRequest, "QR code");
    }

    [Theory]
    [InlineData("{\"idMessage\":")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("[\"3EB0\"]")]
    [InlineData("{}")]
    public async Task Malformed_success_body_is_a_decode_exception_and_is_not_retried(string body)
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, body), o => o.EnableRateLimiting = false);
        await using var clock = rig.AutoAdvance();

        var e = await Should.ThrowAsync<GreenApiDecodeException>(rig.Client.Sending.SendMessageAsync(Message).Capped());

        e.Message.ShouldContain("sendMessage");
        await Task.Delay(50);
        rig.Count("sendMessage").ShouldBe(1);
    }
}
