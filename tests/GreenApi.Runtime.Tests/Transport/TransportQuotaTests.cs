using GreenApi.Runtime.Tests.Infrastructure;

namespace GreenApi.Runtime.Tests.Transport;

/// <summary>
/// Developer-tariff limits counted locally (docs 1.2.2, 1.3.11): monthly method quotas and the 3-chat
/// correspondents limit, reset at the start of each UTC month. The fake clock starts late on the 30th of
/// November so that moving it two hours reaches December. Rate limiting is off: it is not under test here.
/// </summary>
public sealed class TransportQuotaTests
{
    private static readonly DateTimeOffset LateInNovember = new(2026, 11, 30, 22, 30, 0, TimeSpan.Zero);

    private static Task<TransportRig> DeveloperRig(IGreenApiQuotaStore? store = null, GreenApiTariff tariff = GreenApiTariff.Developer) =>
        TransportRig.StartAsync(
            (r, ctx) => TestServer.Respond(ctx, 200, r.Method == "checkWhatsapp" ? """{"existsWhatsapp":true}""" : """{"idMessage":"3EB0"}"""),
            o =>
            {
                o.Tariff = tariff;
                o.EnableRateLimiting = false;
            },
            new FakeTimeProvider(LateInNovember),
            store ?? new InMemoryGreenApiQuotaStore());

    private static Task<CheckWhatsappResponse> Check(TransportRig rig) => rig.Client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234567 });

    private static Task<SendMessageResponse> Send(TransportRig rig, string chatId) => rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = chatId, Message = "hi" });

    [Fact]
    public async Task CheckWhatsapp_101st_call_of_the_month_fails_locally_and_the_next_month_resets_it()
    {
        await using var rig = await DeveloperRig();
        for (var i = 0; i < 100; i++)
        {
            (await Check(rig).Capped()).ExistsWhatsapp.ShouldBeTrue();
        }

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(Check(rig).Capped());

        e.IsLocal.ShouldBeTrue();
        e.StatusCode.ShouldBeNull();
        e.Method.ShouldBe("checkWhatsapp");
        e.Message.ShouldContain("Business");
        var status = e.InvokeStatus.ShouldNotBeNull();
        status.Used.ShouldBe(100);
        status.Total.ShouldBe(100);
        status.IsExceeded.ShouldBeTrue();
        rig.Count("checkWhatsapp").ShouldBe(100, "the 101st call is refused before it is sent");

        rig.Time.Advance(TimeSpan.FromHours(2)); // 2026-12-01 00:30 UTC

        (await Check(rig).Capped()).ExistsWhatsapp.ShouldBeTrue();
        rig.Count("checkWhatsapp").ShouldBe(101);
    }

    [Fact]
    public async Task SendMessage_to_a_4th_chat_fails_locally_while_the_first_3_keep_working()
    {
        await using var rig = await DeveloperRig();
        string[] chats = ["79000000001@c.us", "79000000002@c.us", "120363043968066561@g.us"];
        foreach (var chat in chats)
        {
            await Send(rig, chat).Capped();
        }

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(Send(rig, "79000000004@c.us").Capped());

        e.IsLocal.ShouldBeTrue();
        e.StatusCode.ShouldBeNull();
        e.Message.ShouldContain("79000000004@c.us");
        var status = e.CorrespondentsStatus.ShouldNotBeNull();
        status.Used.ShouldBe(3);
        status.Total.ShouldBe(3);
        status.Status.ShouldBe("CORRESPONDENTS_QUOTE_EXCEEDED");
        status.Description.ShouldNotBeNull().ShouldContain("79000000002@c.us");
        rig.Server.Requests.Any(r => r.BodyText.Contains("79000000004@c.us")).ShouldBeFalse();

        foreach (var chat in chats.Reverse())
        {
            await Send(rig, chat).Capped();
        }

        rig.Count("sendMessage").ShouldBe(6);

        rig.Time.Advance(TimeSpan.FromHours(2)); // a new month: a new set of 3 chats
        await Send(rig, "79000000004@c.us").Capped();
        rig.Count("sendMessage").ShouldBe(7);
    }

    [Fact]
    public async Task SendFileByUpload_counts_its_chatId_form_field_as_a_correspondent()
    {
        await using var rig = await DeveloperRig();
        await Send(rig, "79000000001@c.us").Capped();
        await Send(rig, "79000000002@c.us").Capped();
        await Send(rig, "79000000003@c.us").Capped();

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(rig.Client.Sending.SendFileByUploadAsync(new SendFileByUploadRequest
        {
            ChatId = "79000000004@c.us",
            File = new GreenApiFile(new MemoryStream([1, 2, 3]), "a.png", "image/png"),
        }).Capped());

        e.IsLocal.ShouldBeTrue();
        e.CorrespondentsStatus.ShouldNotBeNull().Used.ShouldBe(3);
        rig.Count("sendFileByUpload").ShouldBe(0);
    }

    [Fact]
    public async Task Quota_store_shared_by_two_transports_of_one_instance_counts_both()
    {
        var store = new InMemoryGreenApiQuotaStore();
        await using var first = await DeveloperRig(store);
        await using var second = await DeveloperRig(store);
        await Send(first, "79000000001@c.us").Capped();
        await Send(second, "79000000002@c.us").Capped();
        await Send(first, "79000000003@c.us").Capped();

        var e = await Should.ThrowAsync<GreenApiQuotaExceededException>(Send(second, "79000000004@c.us").Capped());

        e.IsLocal.ShouldBeTrue();
    }

    [Fact]
    public async Task Business_tariff_never_blocks()
    {
        await using var rig = await DeveloperRig(tariff: GreenApiTariff.Business);
        for (var i = 0; i < 110; i++)
        {
            await Check(rig).Capped();
        }

        for (var i = 0; i < 5; i++)
        {
            await Send(rig, $"7900000000{i}@c.us").Capped();
        }

        rig.Count("checkWhatsapp").ShouldBe(110);
        rig.Count("sendMessage").ShouldBe(5);
    }
}
