using System.Text;
using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>Where each kind of call goes and what it carries on the wire.</summary>
public sealed class TransportUrlTests
{
    [Fact]
    public async Task Api_method_goes_to_waInstance_method_token_on_the_api_host()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, TransportRig.Settings("1@c.us")));

        var settings = await rig.Client.Account.GetSettingsAsync().Capped();

        settings.Wid.ShouldBe("1@c.us");
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Verb.ShouldBe("GET");
        request.Path.ShouldBe($"/waInstance{TransportRig.Instance}/getSettings/{TransportRig.Token}");
        request.Query.ShouldBe("");
        request.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task Token_with_reserved_characters_is_escaped_in_its_segment()
    {
        await using var server = await TestServer.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, TransportRig.Settings("1@c.us")));
        using var transport = new GreenApiTransport(server.Options("tok/en+a b?c"));
        var client = new GreenApiClient(transport);

        await client.Account.GetSettingsAsync().Capped();

        var request = server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("getSettings");
        request.Token.ShouldBe("tok/en+a b?c");
        request.Rest.ShouldBeEmpty();
        request.Query.ShouldBe("");
    }

    [Fact]
    public async Task SendMessage_posts_exact_json_bytes()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"idMessage":"3EB0C767D097B7C7C030"}"""));

        var sent = await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "hi \"there\" — ok" }).Capped();

        sent.IdMessage.ShouldBe("3EB0C767D097B7C7C030");
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Verb.ShouldBe("POST");
        request.Path.ShouldBe($"/waInstance{TransportRig.Instance}/sendMessage/{TransportRig.Token}");
        request.Headers["Content-Type"].ShouldBe("application/json; charset=utf-8");
        request.Body.ShouldBe(Encoding.UTF8.GetBytes("""{"chatId":"79001234567@c.us","message":"hi \"there\" — ok"}"""));
    }

    [Fact]
    public async Task ReceiveNotification_puts_receiveTimeout_in_the_query()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, "null"));
        await using var clock = rig.AutoAdvance(); // the second call waits 10 ms of fake time for its turn (100/s)

        await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest { ReceiveTimeout = 5 }).Capped();
        await rig.Client.Receiving.ReceiveNotificationAsync(new ReceiveNotificationRequest()).Capped();

        var requests = rig.Server.Requests.ToArray();
        requests.Length.ShouldBe(2);
        requests[0].Verb.ShouldBe("GET");
        requests[0].Path.ShouldBe($"/waInstance{TransportRig.Instance}/receiveNotification/{TransportRig.Token}");
        requests[0].Query.ShouldBe("?receiveTimeout=5");
        requests[1].Query.ShouldBe("", "an unset receiveTimeout is left out of the query");
    }

    [Fact]
    public async Task DeleteNotification_puts_the_receipt_id_after_the_token()
    {
        await using var rig = await TransportRig.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"result":true}"""));

        var answer = await rig.Client.Receiving.DeleteNotificationAsync(new DeleteNotificationRequest { ReceiptId = 1234567 }).Capped();

        answer.Result.ShouldBeTrue();
        var request = rig.Server.Requests.ShouldHaveSingleItem();
        request.Verb.ShouldBe("DELETE");
        request.Path.ShouldBe($"/waInstance{TransportRig.Instance}/deleteNotification/{TransportRig.Token}/1234567");
        request.Rest.ShouldBe(["1234567"]);
        request.Body.ShouldBeEmpty();
    }

    [Fact]
    public async Task Uploads_go_to_the_media_host_and_everything_else_to_the_api_host()
    {
        await using var api = await TestServer.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"idMessage":"API"}"""));
        await using var media = await TestServer.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, """{"idMessage":"MEDIA","urlFile":"https://x/y.png"}"""));
        var options = api.Options(TransportRig.Token, TransportRig.Instance);
        options.MediaUrl = new Uri(media.Url, "/media-prefix/");
        using var transport = new GreenApiTransport(options);
        var client = new GreenApiClient(transport);

        await client.Sending.UploadFileAsync(new UploadFileRequest { File = new GreenApiFile(new MemoryStream([1, 2, 3]), "a.png", "image/png") }).Capped();
        await client.Sending.SendFileByUploadAsync(new SendFileByUploadRequest { ChatId = "79001234567@c.us", File = new GreenApiFile(new MemoryStream([4, 5]), "b.png", "image/png") }).Capped();
        await client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = "79001234567@c.us", Message = "hi" }).Capped();

        media.Requests.Select(r => r.Path).ShouldBe([
            $"/media-prefix/waInstance{TransportRig.Instance}/uploadFile/{TransportRig.Token}",
            $"/media-prefix/waInstance{TransportRig.Instance}/sendFileByUpload/{TransportRig.Token}",
        ]);
        api.Requests.Select(r => r.Path).ShouldBe([$"/waInstance{TransportRig.Instance}/sendMessage/{TransportRig.Token}"]);
    }

    [Fact]
    public async Task Partner_methods_go_to_partner_method_partnerToken()
    {
        const string instances = """
            [{"idInstance":1101000001,"name":"first","typeInstance":"whatsapp","typeAccount":"trial","partnerUserUiid":"u","timeCreated":"2024-01-01 00:00:00","timeDeleted":"","apiTokenInstance":"abc","deleted":false,"tariff":"DEVELOPER","isFree":true,"isPartner":true,"expirationDate":"2024-02-01 00:00:00","isExpired":false}]
            """;
        await using var server = await TestServer.StartAsync((_, ctx) => TestServer.Respond(ctx, 200, instances));
        using var transport = new GreenApiTransport(new GreenApiPartnerClientOptions { ApiUrl = server.Url, PartnerToken = "gac.partner-token-123" });
        using var partner = new GreenApiPartnerClient(transport);

        var list = await partner.GetInstancesAsync().Capped();

        list.ShouldHaveSingleItem().IdInstance.ShouldBe(1101000001);
        var request = server.Requests.ShouldHaveSingleItem();
        request.Verb.ShouldBe("GET");
        request.Path.ShouldBe("/partner/getInstances/gac.partner-token-123");
        request.Instance.ShouldBeNull();
        request.Token.ShouldBe("gac.partner-token-123");
    }
}
