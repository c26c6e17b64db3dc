using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GreenApi.Tests.Shared;

namespace GreenApi.Generator.Tests;

/// <summary>The public surface README and samples compile against, and how it behaves.</summary>
public class SurfaceTests
{
    private static string Wire(string name) => File.ReadAllText(Path.Combine(Corpus.Fixtures, "wire", name));

    [Fact]
    public void The_documented_switch_reads_a_text_message()
    {
        var utf8Json = Encoding.UTF8.GetBytes(Wire("incomingMessageReceived.textMessage.json"));

        Notification n = Notification.Parse(utf8Json);
        string text = n switch
        {
            IncomingMessageReceived { MessageData: TextMessage t } => t.TextMessageData.TextMessage,
            UnknownNotification u => u.TypeWebhook,
            _ => "",
        };

        var expected = (string)JsonNode.Parse(utf8Json)!["messageData"]!["textMessageData"]!["textMessage"]!;
        text.ShouldBe(expected);
        text.ShouldNotBeEmpty();
    }

    [Fact]
    public void Options_and_requests_compose_as_documented()
    {
        using var client = new GreenApiClient(new GreenApiClientOptions
        {
            ApiUrl = new Uri("https://api.green-api.com"),
            MediaUrl = new Uri("https://media.green-api.com"),
            IdInstance = 1101000001,
            ApiTokenInstance = "token-that-must-not-leak",
        });
        var request = new SendMessageRequest { ChatId = "79001234567@c.us", Message = "Hello" };

        request.ToJson().ShouldBe("""{"chatId":"79001234567@c.us","message":"Hello"}""");
        client.Sending.ShouldNotBeNull();
        client.Account.ShouldNotBeNull();
        GetStateInstanceResponse state = GetStateInstanceResponse.Parse("""{"stateInstance":"authorized"}""");
        (state.StateInstance == StateInstance.Authorized).ShouldBeTrue();
    }

    [Fact]
    public void Each_docs_section_is_a_client_property()
    {
        typeof(GreenApiClient).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)
            .ShouldBe(["Account", "Groups", "Journals", "Queues", "ReadMark", "Receiving", "Sending", "Service", "Statuses"]);
        typeof(GreenApiPartnerClient).GetMethods().Select(m => m.Name).Where(n => n.EndsWith("Async", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .ShouldBe(["CreateInstanceAsync", "DeleteInstanceAccountAsync", "GetInstancesAsync"]);
    }

    [Fact]
    public void Descriptors_carry_what_the_spec_says()
    {
        GreenApiMethods.All.Count.ShouldBe(73);
        GreenApiMethods.SendMessage.RequestsPerSecond.ShouldBe(50);
        GreenApiMethods.SendMessage.Verb.ShouldBe(HttpMethod.Post);
        GreenApiMethods.SetProfilePicture.RequestsPerSecond.ShouldBe(0.1);
        GreenApiMethods.SendFileByUpload.Host.ShouldBe(GreenApiHost.Media);
        GreenApiMethods.CreateInstance.Host.ShouldBe(GreenApiHost.Partner);
        GreenApiMethods.ReceiveNotification.ResponseMayBeNull.ShouldBeTrue();
        GreenApiMethods.SendLocation.Quota.ShouldBe(new GreenApiQuota(1000, null));
        GreenApiMethods.StandardErrors.ShouldContain(e => e.Status == 429 && e.Action == GreenApiErrorAction.RetryAfterDelay);
        GreenApiMethods.DeleteNotification.Errors.ShouldContain(e => e.Status == 500);
    }

    [Fact]
    public void Unknown_type_webhook_lands_in_the_unknown_case_with_its_json_intact()
    {
        var json = """{"instanceData":{"idInstance":1},"typeWebhook":"somethingNew","payload":{"a":[1,2.50,"x"]}}""";

        var n = Notification.Parse(json);

        var unknown = n.ShouldBeOfType<UnknownNotification>();
        unknown.TypeWebhook.ShouldBe("somethingNew");
        unknown.RawJson.GetProperty("payload").GetRawText().ShouldBe("""{"a":[1,2.50,"x"]}""");
        n.ToJson().ShouldBe(json);
    }

    [Fact]
    public void Unknown_type_message_lands_in_the_unknown_case_inside_a_known_notification()
    {
        var node = JsonNode.Parse(Wire("incomingMessageReceived.textMessage.json"))!;
        node["messageData"] = JsonNode.Parse("""{"typeMessage":"hologramMessage","hologram":{"depth":3}}""");

        var n = Notification.Parse(node.ToJsonString());

        var message = n.ShouldBeOfType<IncomingMessageReceived>().MessageData.ShouldBeOfType<UnknownMessageData>();
        message.TypeMessage.ShouldBe("hologramMessage");
        message.RawJson.GetProperty("hologram").GetProperty("depth").GetInt32().ShouldBe(3);
        JsonNode.DeepEquals(JsonNode.Parse(n.ToJson()), node).ShouldBeTrue();
    }

    [Fact]
    public void A_notification_without_a_discriminator_is_kept_not_thrown()
    {
        var n = Notification.Parse("""{"timestamp":1}""");

        n.ShouldBeOfType<UnknownNotification>().TypeWebhook.ShouldBe("");
    }

    [Fact]
    public void Spelling_variants_of_a_mapping_key_select_the_same_case_and_round_trip()
    {
        var node = JsonNode.Parse(Wire("incomingMessageReceived.locationMessage.json"))!;
        node["messageData"]!["typeMessage"] = "LocationMessage";

        var n = Notification.Parse(node.ToJsonString());

        var location = n.ShouldBeOfType<IncomingMessageReceived>().MessageData.ShouldBeOfType<LocationMessage>();
        location.TypeMessage.ShouldBe("LocationMessage");
        var written = n.ToJson();
        written.Split("\"typeMessage\"").Length.ShouldBe(2, "the discriminator is written exactly once");
        written.ShouldContain("\"typeMessage\":\"LocationMessage\"");
    }

    [Fact]
    public void Unknown_enum_values_survive_a_round_trip()
    {
        var state = GetStateInstanceResponse.Parse("""{"stateInstance":"quantumEntangled"}""");

        state.StateInstance.IsKnown.ShouldBeFalse();
        state.StateInstance.Value.ShouldBe("quantumEntangled");
        state.ToJson().ShouldBe("""{"stateInstance":"quantumEntangled"}""");
        StateInstance.Authorized.IsKnown.ShouldBeTrue();
    }

    [Fact]
    public void Yes_no_settings_are_booleans_on_both_sides()
    {
        var settings = new SetSettingsRequest { IncomingWebhook = true, OutgoingWebhook = false };

        settings.ToJson().ShouldBe("""{"outgoingWebhook":"no","incomingWebhook":"yes"}""", StringCompareShould.IgnoreCase);
    }

    [Fact]
    public void Optional_and_explicit_null_stay_apart()
    {
        var absent = SetProfilePictureResponse.Parse("""{"setProfilePicture":false}""");
        var nulled = SetProfilePictureResponse.Parse("""{"setProfilePicture":false,"reason":null}""");
        var required = Should.Throw<GreenApiDecodeException>(() => SetGroupPictureResponse.Parse("""{"setGroupPicture":false,"reason":""}"""));
        var requiredNull = SetGroupPictureResponse.Parse("""{"setGroupPicture":false,"urlAvatar":null,"reason":""}""");

        absent.Reason.IsPresent.ShouldBeFalse();
        nulled.Reason.IsPresent.ShouldBeTrue();
        nulled.Reason.Value.ShouldBeNull();
        absent.ToJson().ShouldNotContain("reason");
        nulled.ToJson().ShouldContain("\"reason\":null");
        required.Message.ShouldContain("'urlAvatar'");
        requiredNull.UrlAvatar.ShouldBeNull();
        requiredNull.ToJson().ShouldContain("\"urlAvatar\":null");
    }

    [Fact]
    public void Undeclared_properties_are_kept_and_written_back()
    {
        var response = SendMessageResponse.Parse("""{"idMessage":"BAE5","futureField":{"x":1}}""");

        response.ExtensionData!["futureField"].GetProperty("x").GetInt32().ShouldBe(1);
        response.ToJson().ShouldBe("""{"idMessage":"BAE5","futureField":{"x":1}}""");
    }

    [Fact]
    public void Numbers_sent_as_text_are_read_as_numbers()
    {
        var response = GetStateInstanceResponse.Parse("""{"stateInstance":"authorized"}""");
        response.ShouldNotBeNull();
        var instance = InstanceData.Parse("""{"idInstance":"1101000001","wid":"79001234567@c.us","typeInstance":"whatsapp"}""");

        instance.IdInstance.ShouldBe(1101000001);
    }

    [Fact]
    public void An_object_where_text_was_documented_is_kept_as_its_json_text()
    {
        var response = SendMessageResponse.Parse("""{"idMessage":{"id":"BAE5","server":true}}""");

        response.IdMessage.ShouldBe("""{"id":"BAE5","server":true}""");
    }

    [Fact]
    public void Secrets_are_masked_in_ToString()
    {
        var response = UpdateApiTokenResponse.Parse("""{"apiTokenInstance":"d75b3a66374942c5b3c019c698abc2067e151558acbd412345"}""");

        response.ToString().ShouldNotContain("d75b3a66374942c5b3c019c698abc2067e151558acbd412345");
        response.ToString().ShouldContain("***");
        new GreenApiClientOptions { ApiTokenInstance = "secret-token-value" }.ToString().ShouldNotContain("secret-token-value");
    }

    [Fact]
    public void Malformed_json_raises_the_decode_exception_with_the_path()
    {
        var json = """{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":1101000001,"wid":"1@c.us","typeInstance":"whatsapp"},"timestamp":"soon"}""";

        var e = Should.Throw<GreenApiDecodeException>(() => Notification.Parse(json));

        e.Path.ShouldBe("$.timestamp");
        e.Message.ShouldContain("$.timestamp");
        e.Message.ShouldContain("expected an integer");
        e.TargetType.ShouldBe("Notification");
    }

    [Fact]
    public void Truncated_json_raises_the_decode_exception_with_a_position()
    {
        var json = Wire("incomingMessageReceived.textMessage.json");
        var cut = json[..(json.Length / 2)];

        var e = Should.Throw<GreenApiDecodeException>(() => Notification.Parse(cut));

        e.Message.ShouldStartWith("Could not decode Notification at $");
        e.LineNumber.ShouldNotBeNull();
        e.InnerException.ShouldBeAssignableTo<JsonException>();
    }

    [Fact]
    public void A_missing_required_property_is_named()
    {
        var e = Should.Throw<GreenApiDecodeException>(() => SendMessageResponse.Parse("{}"));

        e.Message.ShouldContain("'idMessage'");
    }
}
