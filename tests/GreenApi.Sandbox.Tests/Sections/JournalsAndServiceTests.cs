using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GreenApi.Sandbox.Tests.Infrastructure;

namespace GreenApi.Sandbox.Tests.Sections;

/// <summary>
/// The Journals, Service and ReadMark sections of the sandbox: state driven through the simulation API
/// and the sending methods, read back through the generated client, and every raw answer checked
/// against the spec's 200 schema (objects closed).
/// </summary>
public sealed class JournalsAndServiceTests
{
    private const string Alice = "79001110001@c.us";
    private const string Bob = "79001110002@c.us";
    private const string Carol = "79001110003@c.us";

    // ------------------------------------------------------------------ journals

    [Fact]
    public async Task GetChatHistory_flattens_every_kind_of_message_into_the_journal_shape_newest_first()
    {
        await using var rig = await StartAsync();
        rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice", "Alice Work");
        var ids = new List<string>();

        var hello = rig.Instance.ReceiveText(Alice, "hello");
        ids.Add(hello.IdMessage);
        var sent = await SendTextAsync(rig, Alice, "hi Alice");
        ids.Add(sent);
        var image = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "imageMessage",
            ["fileMessageData"] = new JsonObject
            {
                ["downloadUrl"] = "https://example.com/cat.jpg",
                ["caption"] = "a cat",
                ["fileName"] = "cat.jpg",
                ["jpegThumbnail"] = "",
                ["mimeType"] = "image/jpeg",
                ["isAnimated"] = false,
                ["isForwarded"] = false,
                ["forwardingScore"] = 0,
            },
        });
        ids.Add(image.IdMessage);
        var place = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "locationMessage",
            ["locationMessageData"] = new JsonObject { ["nameLocation"] = "Cafe", ["address"] = "Astana", ["latitude"] = 51.128, ["longitude"] = 71.430762, ["jpegThumbnail"] = "" },
        });
        ids.Add(place.IdMessage);
        var card = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "contactMessage",
            ["contactMessageData"] = new JsonObject { ["displayName"] = "Victor", ["vcard"] = "BEGIN:VCARD\nVERSION:3.0\nFN:Victor\nEND:VCARD" },
        });
        ids.Add(card.IdMessage);
        var poll = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "pollMessage",
            ["pollMessageData"] = new JsonObject
            {
                ["name"] = "Where to?",
                ["options"] = new JsonArray(new JsonObject { ["optionName"] = "Beach" }, new JsonObject { ["optionName"] = "Hills" }),
                ["multipleAnswers"] = false,
            },
        });
        ids.Add(poll.IdMessage);
        var reaction = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "reactionMessage",
            ["extendedTextMessageData"] = new JsonObject { ["text"] = "👍" },
            ["quotedMessage"] = new JsonObject { ["stanzaId"] = sent, ["participant"] = rig.Instance.Wid },
        });
        ids.Add(reaction.IdMessage);
        var reply = rig.Instance.ReceiveText(Alice, "yes, hi", quotedMessageId: sent);
        ids.Add(reply.IdMessage);
        var location = await rig.Client.Sending.SendLocationAsync(new SendLocationRequest { ChatId = Alice, Latitude = 43.25, Longitude = 76.95, NameLocation = "Office" });
        await WaitSentAsync(rig, location.IdMessage);
        ids.Add(location.IdMessage);

        var history = await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice });

        history.Select(Id).ShouldBe(Enumerable.Reverse(ids).ToList());
        var text = history.OfType<JournalTextMessage>().Single(e => e.IdMessage == hello.IdMessage);
        text.TextMessage.ShouldBe("hello");
        text.Type?.Value.ShouldBe("incoming");
        text.ChatId.ShouldBe(Alice);
        text.SenderId.ShouldBe(Alice);
        text.SenderName.ShouldBe("Alice");
        text.SenderContactName.ShouldBe("Alice Work");
        text.StatusMessage.ShouldBeNull();
        var mine = history.OfType<JournalTextMessage>().Single(e => e.IdMessage == sent);
        mine.Type?.Value.ShouldBe("outgoing");
        mine.TextMessage.ShouldBe("hi Alice");
        mine.SendByApi.ShouldBe(true);
        mine.StatusMessage?.Value.ShouldBe("read");
        mine.SenderId.ShouldBeNull();
        var file = history.OfType<JournalFileMessage>().Single();
        (file.TypeMessage, file.DownloadUrl, file.Caption, file.MimeType).ShouldBe(("imageMessage", "https://example.com/cat.jpg", "a cat", "image/jpeg"));
        var where = history.OfType<JournalLocationMessage>().Single(e => e.IdMessage == place.IdMessage);
        (where.Location.NameLocation, where.Location.Latitude, where.Location.Longitude).ShouldBe(("Cafe", 51.128, 71.430762));
        var office = history.OfType<JournalLocationMessage>().Single(e => e.IdMessage == location.IdMessage);
        (office.Location.NameLocation, office.Location.Latitude, office.SendByApi).ShouldBe(("Office", 43.25, (bool?)true));
        history.OfType<JournalContactMessage>().Single().Contact.DisplayName.ShouldBe("Victor");
        history.OfType<JournalPollMessage>().Single().PollMessageData.Options!.Select(o => o.OptionName).ShouldBe(["Beach", "Hills"]);
        var thumb = history.OfType<JournalReactionMessage>().Single();
        thumb.ExtendedTextMessageData.Text.ShouldBe("👍");
        thumb.QuotedMessage!.StanzaId.ShouldBe(sent);
        var quoted = history.OfType<JournalQuotedMessage>().Single();
        quoted.ExtendedTextMessage.Text.ShouldBe("yes, hi");
        quoted.ExtendedTextMessage.StanzaId.ShouldBe(sent);
        (quoted.QuotedMessage.StanzaId, quoted.QuotedMessage.TypeMessage, quoted.QuotedMessage.TextMessage).ShouldBe((sent, "textMessage", "hi Alice"));

        var newest = await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice, Count = 3 });
        newest.Select(Id).ShouldBe(Enumerable.Reverse(ids).Take(3).ToList());
        (await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Carol })).ShouldBeEmpty();

        var raw = await RawAsync(rig, "getChatHistory", $$"""{"chatId":"{{Alice}}"}""");
        SpecOracle.ShouldFit(raw, "response getChatHistory 200");
        JsonNode.Parse(raw)!.AsArray().Count.ShouldBe(ids.Count);
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_message_the_wire_and_the_collection_show_is_journalled_in_the_spec_shape()
    {
        await using var rig = await StartAsync();
        var bodies = Directory.GetFiles(Path.Combine(Corpus.Fixtures, "wire"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText)
            .Concat(Corpus.Postman().Where(e => e.Target == "schema Notification" && e.ExclusionReason is null).Select(e => e.Json))
            .Select(json => JsonNode.Parse(json)!.AsObject())
            .Where(b => (string?)b["typeWebhook"] is "incomingMessageReceived" or "outgoingMessageReceived" or "outgoingAPIMessageReceived")
            .ToList();
        bodies.Count.ShouldBeGreaterThan(30);
        var ids = new List<string>();
        for (var i = 0; i < bodies.Count; i++)
        {
            var chatId = "7900222" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "@c.us";
            var data = (JsonObject)bodies[i]["messageData"]!.DeepClone();
            var typeWebhook = (string)bodies[i]["typeWebhook"]!;
            SandboxMessage message;
            if (typeWebhook == "incomingMessageReceived")
            {
                message = rig.Instance.Receive(chatId, data, senderName: "Sender");
            }
            else
            {
                message = new SandboxMessage(rig.Sandbox.Ids.Api(), chatId, outgoing: true, sendByApi: typeWebhook == "outgoingAPIMessageReceived", rig.Sandbox.UnixNow, data)
                {
                    SenderId = rig.Instance.Wid,
                    SenderName = rig.Instance.Name,
                    Status = "delivered",
                };
                rig.Instance.Record(message);
            }

            if (message.TypeMessage != "editedMessage")
            {
                ids.Add(message.IdMessage);
            }
        }

        var incoming = await rig.Client.Journals.LastIncomingMessagesAsync(new LastIncomingMessagesRequest());
        var outgoing = await rig.Client.Journals.LastOutgoingMessagesAsync(new LastOutgoingMessagesRequest());
        incoming.Concat(outgoing).ShouldNotContain(e => e is UnknownJournalMessage);
        incoming.Concat(outgoing).Select(IdOf).Order(StringComparer.Ordinal).ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        SpecOracle.ShouldFit(await RawAsync(rig, "lastIncomingMessages"), "response lastIncomingMessages 200");
        SpecOracle.ShouldFit(await RawAsync(rig, "lastOutgoingMessages"), "response lastOutgoingMessages 200");

        // An edit that arrives as a message of its own is applied to the message it names, not listed.
        var original = rig.Instance.ReceiveText(Alice, "see you at 5");
        var edit = rig.Instance.Receive(Alice, new JsonObject
        {
            ["typeMessage"] = "editedMessage",
            ["editedMessageData"] = new JsonObject { ["textMessage"] = "see you at 6", ["stanzaId"] = original.IdMessage },
        });
        var history = await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice });
        var edited = (JournalExtendedTextMessage)history.ShouldHaveSingleItem();
        (edited.IdMessage, edited.TextMessage, edited.IsEdited, edited.EditedMessageId).ShouldBe((original.IdMessage, "see you at 6", (bool?)true, edit.IdMessage));
        SpecOracle.ShouldFit(await RawAsync(rig, "getChatHistory", $$"""{"chatId":"{{Alice}}"}"""), "response getChatHistory 200");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Messages_of_every_sending_method_are_journalled_in_the_spec_shape()
    {
        await using var rig = await StartAsync();
        var image = rig.Instance.Receive(Bob, new JsonObject
        {
            ["typeMessage"] = "imageMessage",
            ["fileMessageData"] = new JsonObject { ["downloadUrl"] = "https://example.com/a.jpg", ["caption"] = "look", ["fileName"] = "a.jpg", ["jpegThumbnail"] = "", ["mimeType"] = "image/jpeg" },
        });
        var sending = rig.Client.Sending;
        var ids = new List<string>
        {
            (await sending.SendMessageAsync(new SendMessageRequest { ChatId = Bob, Message = "read https://green-api.com" })).IdMessage,
            (await sending.SendPollAsync(new SendPollRequest { ChatId = Bob, Message = "Lunch?", Options = [new SendPollOption { OptionName = "Yes" }, new SendPollOption { OptionName = "No" }], MultipleAnswers = true })).IdMessage,
            (await sending.SendContactAsync(new SendContactRequest { ChatId = Bob, Contact = new SendContactCard { PhoneContact = 79001234567, FirstName = "Victor" } })).IdMessage,
            (await sending.SendFileByUrlAsync(new SendFileByUrlRequest { ChatId = Bob, UrlFile = "https://example.com/report.pdf", FileName = "report.pdf", Caption = "the report" })).IdMessage,
            (await sending.SendLocationAsync(new SendLocationRequest { ChatId = Bob, Latitude = 1.5, Longitude = 2.5, Address = "Main st." })).IdMessage,
            (await sending.SendLinkAsync(new SendLinkRequest { ChatId = Bob, UrlLink = "https://example.com/page" })).IdMessage,
            (await sending.SendInteractiveButtonsAsync(new SendInteractiveButtonsRequest
            {
                ChatId = Bob,
                Body = "Pick one",
                Buttons = [new SendInteractiveButtonsButton { Type = SendInteractiveButtonsButtonType.Copy, ButtonId = "1", ButtonText = "Copy", CopyCode = "42" }],
            })).IdMessage,
        };
        ids.AddRange((await sending.ForwardMessagesAsync(new ForwardMessagesRequest { ChatId = Bob, ChatIdFrom = Bob, Messages = [image.IdMessage] })).Messages);
        await WaitSentAsync(rig, ids[^1]);
        foreach (var quoted in new[] { image.IdMessage, ids[1], ids[2], ids[4], ids[0] })
        {
            ids.Add(await SendTextAsync(rig, Bob, "about that", quoted));
        }

        var history = await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Bob });
        history.ShouldNotContain(e => e is UnknownJournalMessage);
        history.Select(IdOf).Order(StringComparer.Ordinal).ShouldBe(ids.Append(image.IdMessage).Order(StringComparer.Ordinal).ToList());
        history.OfType<JournalExtendedTextMessage>().Select(e => e.ExtendedTextMessage.Text).ShouldContain("read https://green-api.com");
        history.OfType<JournalFileMessage>().Single(e => e.SendByApi == true && e.TypeMessage == "documentMessage").Caption.ShouldBe("the report");
        history.OfType<JournalFileMessage>().Single(e => e.IsForwarded == true).DownloadUrl.ShouldBe("https://example.com/a.jpg");
        history.OfType<JournalInteractiveButtonsMessage>().Single().InteractiveButtons.Buttons.Single().CopyCode.ShouldBe("42");
        var quotes = history.OfType<JournalQuotedMessage>().Select(q => q.QuotedMessage).ToList();
        quotes.Select(q => q.TypeMessage).Order(StringComparer.Ordinal).ShouldBe(["contactMessage", "extendedTextMessage", "imageMessage", "locationMessage", "pollMessage"]);
        quotes.Single(q => q.TypeMessage == "pollMessage").PollMessageData!.Name.ShouldBe("Lunch?");
        quotes.Single(q => q.TypeMessage == "locationMessage").Location!.Latitude.ShouldBe(1.5);
        quotes.Single(q => q.TypeMessage == "imageMessage").MimeType.ShouldBe("image/jpeg");

        var raw = await RawAsync(rig, "getChatHistory", $$"""{"chatId":"{{Bob}}"}""");
        SpecOracle.ShouldFit(raw, "response getChatHistory 200");
        foreach (var id in ids)
        {
            SpecOracle.ShouldFit(await RawAsync(rig, "getMessage", $$"""{"chatId":"{{Bob}}","idMessage":"{{id}}"}"""), "response getMessage 200");
        }

        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetMessage_returns_one_incoming_or_outgoing_entry_and_the_documented_errors_for_unknown_ids()
    {
        await using var rig = await StartAsync();
        var incoming = rig.Instance.ReceiveText(Bob, "question?", senderName: "Bob");
        var outgoing = await SendTextAsync(rig, Bob, "answer.");

        var theirs = (JournalTextMessage)await rig.Client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Bob, IdMessage = incoming.IdMessage });
        (theirs.IdMessage, theirs.TextMessage, theirs.SenderName, theirs.Type?.Value).ShouldBe((incoming.IdMessage, "question?", "Bob", "incoming"));
        theirs.Timestamp.ShouldBe(incoming.Timestamp);
        theirs.IsDeleted.ShouldBe(false);
        var ours = (JournalTextMessage)await rig.Client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Bob, IdMessage = outgoing });
        (ours.TextMessage, ours.Type?.Value, ours.StatusMessage?.Value, ours.SendByApi).ShouldBe(("answer.", "outgoing", "read", (bool?)true));

        foreach (var id in new[] { incoming.IdMessage, outgoing })
        {
            SpecOracle.ShouldFit(await RawAsync(rig, "getMessage", $$"""{"chatId":"{{Bob}}","idMessage":"{{id}}"}"""), "response getMessage 200");
        }

        var unknown = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Bob, IdMessage = "BAE5FFFFFFFFFFFF" }));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknown.ErrorText.ShouldContain("Message not found by id 'BAE5FFFFFFFFFFFF'");
        var noChat = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Carol, IdMessage = incoming.IdMessage }));
        noChat.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noChat.ErrorText.ShouldContain("chatId not found");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task LastIncomingMessages_and_lastOutgoingMessages_cover_the_minutes_asked_for_newest_first()
    {
        var clock = new ShiftedClock();
        await using var rig = await StartAsync(clock);
        var oldIncoming = rig.Instance.ReceiveText(Alice, "old news");
        var oldOutgoing = rig.Instance.SendFromPhone(Alice, "typed on the phone");
        clock.Offset = TimeSpan.FromHours(2);
        var newIncoming = rig.Instance.ReceiveText(Bob, "fresh news", senderName: "Bob");
        var newOutgoing = await SendTextAsync(rig, Bob, "sent by the bot");

        var incoming = await rig.Client.Journals.LastIncomingMessagesAsync(new LastIncomingMessagesRequest());
        incoming.Select(Id).ShouldBe([newIncoming.IdMessage, oldIncoming.IdMessage]);
        incoming.Cast<JournalTextMessage>().ShouldAllBe(e => e.Type!.Value.Value == "incoming");
        ((JournalTextMessage)incoming[0]).SenderName.ShouldBe("Bob");
        (await rig.Client.Journals.LastIncomingMessagesAsync(new LastIncomingMessagesRequest { Minutes = 60 })).Select(Id).ShouldBe([newIncoming.IdMessage]);

        var outgoing = await rig.Client.Journals.LastOutgoingMessagesAsync(new LastOutgoingMessagesRequest());
        outgoing.Select(Id).ShouldBe([newOutgoing, oldOutgoing.IdMessage]);
        outgoing.Cast<JournalTextMessage>().Select(e => e.SendByApi).ShouldBe([true, false]);
        outgoing.Cast<JournalTextMessage>().Select(e => e.ChatId).ShouldBe([Bob, Alice]);
        (await rig.Client.Journals.LastOutgoingMessagesAsync(new LastOutgoingMessagesRequest { Minutes = 60 })).Select(Id).ShouldBe([newOutgoing]);

        foreach (var method in new[] { "lastIncomingMessages", "lastOutgoingMessages" })
        {
            var all = await RawAsync(rig, method);
            SpecOracle.ShouldFit(all, $"response {method} 200");
            JsonNode.Parse(all)!.AsArray().Count.ShouldBe(2);
            var recent = await RawAsync(rig, method, query: "?minutes=60");
            SpecOracle.ShouldFit(recent, $"response {method} 200");
            JsonNode.Parse(recent)!.AsArray().Count.ShouldBe(1);
        }

        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_call_journals_show_one_entry_per_call_with_its_last_status()
    {
        var clock = new ShiftedClock();
        await using var rig = await StartAsync(clock);
        rig.Instance.ReceiveCall(Alice, "offer");
        rig.Instance.ReceiveCall(Alice, "pickUp");
        clock.Offset = TimeSpan.FromHours(2);
        rig.Instance.ReceiveCall(Bob, "offer");
        rig.Instance.ReceiveCall(Bob, "declined");
        rig.Instance.PlaceCall(Carol, "offer");
        rig.Instance.PlaceCall(Carol, "hangUp");

        var incoming = await rig.Client.Journals.LastIncomingCallsAsync(new LastIncomingCallsRequest());
        incoming.Select(c => (c.ChatId, c.Status.Value, c.TypeMessage, c.Type?.Value)).ShouldBe(
            [(Bob, "declined", "incomingCall", "incoming"), (Alice, "pickUp", "incomingCall", "incoming")]);
        (await rig.Client.Journals.LastIncomingCallsAsync(new LastIncomingCallsRequest { Minutes = 60 })).Select(c => c.ChatId).ShouldBe([Bob]);
        var outgoing = await rig.Client.Journals.LastOutgoingCallsAsync(new LastOutgoingCallsRequest { Minutes = 1440 });
        var call = outgoing.ShouldHaveSingleItem();
        (call.ChatId, call.Status.Value, call.TypeMessage, call.Type?.Value, call.IsVideo).ShouldBe((Carol, "hangUp", "outgoingCall", "outgoing", (bool?)false));

        var rawIncoming = await RawAsync(rig, "lastIncomingCalls", query: "?minutes=1440");
        SpecOracle.ShouldFit(rawIncoming, "response lastIncomingCalls 200");
        JsonNode.Parse(rawIncoming)!.AsArray().Count.ShouldBe(2);
        SpecOracle.ShouldFit(await RawAsync(rig, "lastOutgoingCalls"), "response lastOutgoingCalls 200");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ service

    [Fact]
    public async Task CheckWhatsapp_reports_the_numbers_without_WhatsApp()
    {
        await using var rig = await StartAsync();
        rig.Instance.NumbersWithoutWhatsapp.Add("79001234000");

        (await rig.Client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234000 })).ExistsWhatsapp.ShouldBeFalse();
        (await rig.Client.Service.CheckWhatsappAsync(new CheckWhatsappRequest { PhoneNumber = 79001234001 })).ExistsWhatsapp.ShouldBeTrue();

        var raw = await RawAsync(rig, "checkWhatsapp", """{"phoneNumber":79001234000}""");
        SpecOracle.ShouldFit(raw, "response checkWhatsapp 200");
        JsonNode.Parse(raw)!["existsWhatsapp"]!.GetValue<bool>().ShouldBeFalse();
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAvatar_gives_the_accounts_own_avatar_a_groups_picture_and_an_empty_available_link_otherwise()
    {
        await using var rig = await StartAsync();
        rig.Instance.AvatarUrl = "http://127.0.0.1/files/me.jpg";
        AddGroup(rig, "120363000000000001@g.us", "Team", picture: "http://127.0.0.1/files/team.jpg");

        var own = await rig.Client.Service.GetAvatarAsync(new GetAvatarRequest { ChatId = rig.Instance.Wid });
        (own.UrlAvatar, own.Available).ShouldBe(("http://127.0.0.1/files/me.jpg", true));
        (await rig.Client.Service.GetAvatarAsync(new GetAvatarRequest { ChatId = "120363000000000001@g.us" })).UrlAvatar.ShouldBe("http://127.0.0.1/files/team.jpg");
        var none = await rig.Client.Service.GetAvatarAsync(new GetAvatarRequest { ChatId = Bob });
        (none.UrlAvatar, none.Available).ShouldBe(("", true));

        var raw = await RawAsync(rig, "getAvatar", $$"""{"chatId":"{{rig.Instance.Wid}}"}""");
        SpecOracle.ShouldFit(raw, "response getAvatar 200");
        ((string?)JsonNode.Parse(raw)!["urlAvatar"]).ShouldBe("http://127.0.0.1/files/me.jpg");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetContacts_lists_the_address_book_the_correspondents_and_the_groups()
    {
        await using var rig = await StartAsync();
        rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice", "Alice Work");
        rig.Instance.ReceiveText(Bob, "hi, we have not met", senderName: "Bob B.");
        AddGroup(rig, "120363000000000001@g.us", "Team");
        AddGroup(rig, "120363000000000002@g.us", "Old team").Left = true;

        var contacts = await rig.Client.Service.GetContactsAsync();

        var alice = contacts.Single(c => c.Id == Alice);
        (alice.Name, alice.ContactName, alice.Type.Value).ShouldBe(("Alice", "Alice Work", "user"));
        var bob = contacts.Single(c => c.Id == Bob);
        (bob.Name, bob.ContactName, bob.Type.Value).ShouldBe(("Bob B.", "", "user"));
        var team = contacts.Single(c => c.Type.Value == "group");
        (team.Id, team.Name, team.ContactName).ShouldBe(("120363000000000001@g.us", "Team", null));
        contacts.ShouldContain(c => c.Id == rig.Instance.Wid);
        contacts.ShouldNotContain(c => c.Id == "120363000000000002@g.us");

        var raw = await RawAsync(rig, "getContacts");
        SpecOracle.ShouldFit(raw, "response getContacts 200");
        JsonNode.Parse(raw)!.AsArray().Count.ShouldBe(contacts.Count);
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetContactInfo_shows_the_contact_and_its_chat_state_and_refuses_groups()
    {
        await using var rig = await StartAsync();
        rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice", "Alice Work");
        rig.Instance.ReceiveText(Alice, "hello");
        await rig.Client.Service.ArchiveChatAsync(new ArchiveChatRequest { ChatId = Alice });
        await rig.Client.Service.SetDisappearingChatAsync(new SetDisappearingChatRequest { ChatId = Alice, EphemeralExpiration = 86400 });

        var info = await rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Alice });
        (info.ChatId, info.Name, info.ContactName, info.IsArchive, info.IsDisappearing, info.MessageExpiration).ShouldBe((Alice, "Alice", "Alice Work", true, true, 86400L));
        (info.IsBusiness, info.IsMute, info.LastSeen, info.MuteExpiration).ShouldBe((false, false, (string?)null, (long?)null));
        info.Products.ShouldBeEmpty();
        var stranger = await rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Bob });
        (stranger.Name, stranger.ContactName, stranger.IsArchive, stranger.MessageExpiration).ShouldBe(("", "", false, 0L));

        var group = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = "120363000000000001@g.us" }));
        group.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        group.ErrorText.ShouldContain("does not support group chats");

        var raw = await RawAsync(rig, "getContactInfo", $$"""{"chatId":"{{Alice}}"}""");
        SpecOracle.ShouldFit(raw, "response getContactInfo 200");
        JsonNode.Parse(raw)!["isArchive"]!.GetValue<bool>().ShouldBeTrue();
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteMessage_marks_the_message_deleted_and_with_deletedMessageWebhook_journals_and_notifies_the_deletion()
    {
        await using var rig = await StartAsync();
        var quiet = await SendTextAsync(rig, Alice, "deleted while the setting is off");
        var loud = await SendTextAsync(rig, Alice, "deleted while the setting is on");
        var theirs = rig.Instance.ReceiveText(Alice, "an incoming message");

        // deletedMessageWebhook is "no" by default: the message is deleted, nothing else happens.
        var empty = await RawPostAsync(rig, "deleteMessage", $$"""{"chatId":"{{Alice}}","idMessage":"{{quiet}}"}""");
        (empty.Status, empty.Body).ShouldBe((200, ""));
        rig.Instance.FindMessage(quiet)!.IsDeleted.ShouldBeTrue();
        (await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice })).OfType<JournalDeletedMessage>().ShouldBeEmpty();

        rig.Instance.UpdateSettings(new JsonObject { ["deletedMessageWebhook"] = "yes" });
        await rig.Client.Service.DeleteMessageAsync(new DeleteMessageRequest { ChatId = Alice, IdMessage = loud, OnlySenderDelete = false });
        var seen = await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived { MessageData: DeletedMessage });
        var notification = seen.OfType<OutgoingAPIMessageReceived>().Last();
        ((DeletedMessage)notification.MessageData).DeletedMessageData.StanzaId.ShouldBe(loud);
        notification.SenderData.ChatId.ShouldBe(Alice);

        var history = await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice });
        var deletion = history.OfType<JournalDeletedMessage>().ShouldHaveSingleItem();
        (deletion.IdMessage, deletion.DeletedMessageData.StanzaId, deletion.Type?.Value, deletion.SendByApi).ShouldBe((notification.IdMessage, loud, "outgoing", (bool?)true));
        var deleted = history.OfType<JournalTextMessage>().Single(e => e.IdMessage == loud);
        (deleted.IsDeleted, deleted.DeletedMessageId).ShouldBe(((bool?)true, notification.IdMessage));
        history.OfType<JournalTextMessage>().Single(e => e.IdMessage == quiet).IsDeleted.ShouldBe(true);
        history.OfType<JournalTextMessage>().Single(e => e.IdMessage == theirs.IdMessage).IsDeleted.ShouldBe(false);

        // Deleting an incoming message deletes it for the account only: no deletion entry is added.
        await rig.Client.Service.DeleteMessageAsync(new DeleteMessageRequest { ChatId = Alice, IdMessage = theirs.IdMessage });
        theirs.IsDeleted.ShouldBeTrue();
        (await rig.Client.Journals.GetChatHistoryAsync(new GetChatHistoryRequest { ChatId = Alice })).OfType<JournalDeletedMessage>().Count().ShouldBe(1);

        var again = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.DeleteMessageAsync(new DeleteMessageRequest { ChatId = Alice, IdMessage = loud }));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        again.ErrorText.ShouldContain("Message by id not found");
        var unknown = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.DeleteMessageAsync(new DeleteMessageRequest { ChatId = Bob, IdMessage = loud }));
        unknown.ErrorText.ShouldContain("Message by id not found");
        SpecOracle.ShouldFit(await RawAsync(rig, "getMessage", $$"""{"chatId":"{{Alice}}","idMessage":"{{deletion.IdMessage}}"}"""), "response getMessage 200");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task EditMessage_changes_the_text_of_an_own_message_answers_its_id_and_notifies_with_editedMessageWebhook()
    {
        await using var rig = await StartAsync();
        rig.Instance.UpdateSettings(new JsonObject { ["editedMessageWebhook"] = "yes" });
        var sent = await SendTextAsync(rig, Alice, "helo");
        var theirs = rig.Instance.ReceiveText(Alice, "you have a typo");

        var answer = await rig.Client.Service.EditMessageAsync(new EditMessageRequest { ChatId = Alice, IdMessage = sent, Message = "hello" });

        answer.IdMessage.ShouldBe(sent);
        var message = rig.Instance.FindMessage(sent)!;
        (message.Text, message.IsEdited).ShouldBe(("hello", true));
        var seen = await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived { MessageData: EditedMessage });
        var edit = (EditedMessage)seen.OfType<OutgoingAPIMessageReceived>().Last().MessageData;
        (edit.EditedMessageData.StanzaId, edit.EditedMessageData.TextMessage).ShouldBe((sent, "hello"));
        var entry = (JournalExtendedTextMessage)await rig.Client.Journals.GetMessageAsync(new GetMessageRequest { ChatId = Alice, IdMessage = sent });
        (entry.TextMessage, entry.ExtendedTextMessage.Text, entry.IsEdited, entry.Type?.Value).ShouldBe(("hello", "hello", (bool?)true, "outgoing"));
        entry.EditedMessageId.ShouldBe(seen.OfType<OutgoingAPIMessageReceived>().Last().IdMessage);

        var raw = await RawAsync(rig, "editMessage", $$"""{"chatId":"{{Alice}}","idMessage":"{{sent}}","message":"hello!"}""");
        SpecOracle.ShouldFit(raw, "response editMessage 200");
        ((string?)JsonNode.Parse(raw)!["idMessage"]).ShouldBe(sent);
        message.Text.ShouldBe("hello!");
        SpecOracle.ShouldFit(await RawAsync(rig, "getMessage", $$"""{"chatId":"{{Alice}}","idMessage":"{{sent}}"}"""), "response getMessage 200");

        var incoming = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.EditMessageAsync(new EditMessageRequest { ChatId = Alice, IdMessage = theirs.IdMessage, Message = "no" }));
        incoming.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        theirs.Text.ShouldBe("you have a typo");
        var unknown = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.EditMessageAsync(new EditMessageRequest { ChatId = Alice, IdMessage = "BAE5FFFFFFFFFFFF", Message = "no" }));
        unknown.ErrorText.ShouldContain("Message by id not found");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task ArchiveChat_and_unarchiveChat_change_the_chat_state_with_the_documented_errors()
    {
        await using var rig = await StartAsync();
        rig.Instance.ReceiveText(Alice, "hello");
        rig.Instance.Contacts[Bob] = new SandboxContact(Bob, "Bob", "Bob");

        var unknown = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.ArchiveChatAsync(new ArchiveChatRequest { ChatId = Carol }));
        unknown.ErrorText.ShouldContain($"ArchiveChatError: chat with id {Carol} not found");
        var silent = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.ArchiveChatAsync(new ArchiveChatRequest { ChatId = Bob }));
        silent.ErrorText.ShouldContain("ArchiveChatError: cannot archive chat cause last message not found in chat");

        var archived = await RawPostAsync(rig, "archiveChat", $$"""{"chatId":"{{Alice}}"}""");
        (archived.Status, archived.Body).ShouldBe((200, ""));
        rig.Instance.ArchivedChats.ShouldContain(Alice);
        (await rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Alice })).IsArchive.ShouldBeTrue();
        var twice = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.ArchiveChatAsync(new ArchiveChatRequest { ChatId = Alice }));
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        twice.ErrorText.ShouldContain($"ArchiveChatError: chat with id {Alice} already archive=true");

        await rig.Client.Service.UnarchiveChatAsync(new UnarchiveChatRequest { ChatId = Alice });
        rig.Instance.ArchivedChats.ShouldNotContain(Alice);
        (await rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Alice })).IsArchive.ShouldBeFalse();
        var notArchived = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Service.UnarchiveChatAsync(new UnarchiveChatRequest { ChatId = Alice }));
        notArchived.ErrorText.ShouldContain($"UnarchiveChatError: chat with id {Alice} already archive=false");
        var unarchived = await RawPostAsync(rig, "unarchiveChat", $$"""{"chatId":"{{Carol}}"}""");
        (unarchived.Status, unarchived.Body.Contains($"UnarchiveChatError: chat with id {Carol} not found", StringComparison.Ordinal)).ShouldBe((400, true));
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task SetDisappearingChat_answers_and_keeps_the_chats_new_setting()
    {
        await using var rig = await StartAsync();

        var on = await rig.Client.Service.SetDisappearingChatAsync(new SetDisappearingChatRequest { ChatId = Alice, EphemeralExpiration = 604800 });
        (on.ChatId, on.DisappearingMessagesInChat, on.EphemeralExpiration).ShouldBe((Alice, true, 604800L));
        rig.Instance.DisappearingChats[Alice].ShouldBe(604800);

        var raw = await RawAsync(rig, "setDisappearingChat", $$"""{"chatId":"{{Alice}}","ephemeralExpiration":0}""");
        SpecOracle.ShouldFit(raw, "response setDisappearingChat 200");
        JsonNode.Parse(raw)!["disappearingMessagesInChat"]!.GetValue<bool>().ShouldBeFalse();
        rig.Instance.DisappearingChats.ShouldNotContainKey(Alice);
        var info = await rig.Client.Service.GetContactInfoAsync(new GetContactInfoRequest { ChatId = Alice });
        (info.IsDisappearing, info.MessageExpiration).ShouldBe((false, 0L));
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task SendTyping_answers_200_with_an_empty_body()
    {
        await using var rig = await StartAsync();

        await rig.Client.Service.SendTypingAsync(new SendTypingRequest { ChatId = Alice, TypingTime = 5000 });
        var raw = await RawPostAsync(rig, "sendTyping", $$"""{"chatId":"{{Alice}}","typingTime":3000,"typingType":"recording"}""");
        (raw.Status, raw.Body).ShouldBe((200, ""));
        var invalid = await RawPostAsync(rig, "sendTyping", $$"""{"chatId":"{{Alice}}","typingTime":60000}""");
        invalid.Status.ShouldBe(400);
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ read mark

    [Fact]
    public async Task ReadChat_marks_one_or_all_incoming_messages_of_a_chat_read()
    {
        await using var rig = await StartAsync();
        var first = rig.Instance.ReceiveText(Alice, "one");
        var second = rig.Instance.ReceiveText(Alice, "two");
        var other = rig.Instance.ReceiveText(Bob, "elsewhere");
        first.Status.ShouldNotBe("read");

        (await rig.Client.ReadMark.ReadChatAsync(new ReadChatRequest { ChatId = Alice, IdMessage = first.IdMessage })).SetRead.ShouldBeTrue();
        (first.Status, second.Status == "read").ShouldBe(("read", false));

        var raw = await RawAsync(rig, "readChat", $$"""{"chatId":"{{Alice}}"}""");
        SpecOracle.ShouldFit(raw, "response readChat 200");
        JsonNode.Parse(raw)!["setRead"]!.GetValue<bool>().ShouldBeTrue();
        second.Status.ShouldBe("read");
        other.Status.ShouldNotBe("read");

        (await rig.Client.ReadMark.ReadChatAsync(new ReadChatRequest { ChatId = Carol })).SetRead.ShouldBeFalse();
        (await rig.Client.ReadMark.ReadChatAsync(new ReadChatRequest { ChatId = Bob, IdMessage = first.IdMessage })).SetRead.ShouldBeFalse();
        other.Status.ShouldNotBe("read");
        rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>A rig whose limits do not slow the tests down and whose errors are not retried.</summary>
    private static Task<SandboxRig> StartAsync(TimeProvider? clock = null) => SandboxRig.StartAsync(
        configureSandbox: o =>
        {
            o.EnforceRateLimits = false;
            if (clock is not null)
            {
                o.TimeProvider = clock;
            }
        },
        configureClient: o =>
        {
            o.EnableRateLimiting = false;
            o.EnableRetries = false;
        });

    private static string Id(JournalMessage entry) => entry switch
    {
        JournalTextMessage e => e.IdMessage,
        JournalExtendedTextMessage e => e.IdMessage,
        JournalFileMessage e => e.IdMessage,
        JournalLocationMessage e => e.IdMessage,
        JournalContactMessage e => e.IdMessage,
        JournalPollMessage e => e.IdMessage,
        JournalReactionMessage e => e.IdMessage,
        JournalQuotedMessage e => e.IdMessage,
        JournalDeletedMessage e => e.IdMessage,
        _ => throw new InvalidOperationException($"unexpected entry {entry}"),
    };

    /// <summary>Any entry's idMessage, read from its JSON.</summary>
    private static string IdOf(JournalMessage entry) => (string)JsonNode.Parse(entry.ToJson())!["idMessage"]!;

    /// <summary>Sends a text through the API and waits until the simulated recipient has read it.</summary>
    private static async Task<string> SendTextAsync(SandboxRig rig, string chatId, string text, string? quotedMessageId = null)
    {
        var sent = await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = chatId, Message = text, LinkPreview = false, QuotedMessageId = quotedMessageId });
        await WaitSentAsync(rig, sent.IdMessage);
        return sent.IdMessage;
    }

    private static Task WaitSentAsync(SandboxRig rig, string idMessage) =>
        rig.ReceiveUntilAsync(n => n is OutgoingMessageStatus { Status.Value: "read" } s && s.IdMessage == idMessage);

    private static SandboxGroup AddGroup(SandboxRig rig, string id, string subject, string? picture = null)
    {
        var group = new SandboxGroup { GroupId = id, Owner = rig.Instance.Wid, Subject = subject, Creation = 1700000000, PictureUrl = picture };
        group.Participants[rig.Instance.Wid] = (true, true);
        lock (rig.Instance.Sync)
        {
            rig.Instance.Groups[id] = group;
        }

        return group;
    }

    /// <summary>The raw 200 answer of a method (GET without <paramref name="json"/>, POST with it).</summary>
    private static async Task<string> RawAsync(SandboxRig rig, string method, string? json = null, string query = "")
    {
        var (status, body) = json is null ? await RawGetAsync(rig, method, query) : await RawPostAsync(rig, method, json);
        status.ShouldBe(200, body);
        return body;
    }

    private static async Task<(int Status, string Body)> RawGetAsync(SandboxRig rig, string method, string query)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Url(rig, method, query));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(int Status, string Body)> RawPostAsync(SandboxRig rig, string method, string json)
    {
        using var http = new HttpClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(Url(rig, method, ""), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Uri Url(SandboxRig rig, string method, string query) =>
        new(rig.Sandbox.Url + $"waInstance{rig.Instance.IdInstance}/{method}/{rig.Instance.ApiTokenInstance}{query}");

    /// <summary>The system clock moved forward by <see cref="Offset"/>, to age what the sandbox recorded.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
