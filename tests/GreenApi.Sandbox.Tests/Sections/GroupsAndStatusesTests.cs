using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GreenApi.Sandbox.Tests.Infrastructure;

namespace GreenApi.Sandbox.Tests.Sections;

/// <summary>
/// The Groups (1.3.7) and Statuses (1.3.8) sections of the sandbox, through the generated client and raw
/// HTTP: answers follow the state (groups, participants, admins, settings, statuses and their recipients),
/// and every raw success answer fits the spec's 200 schema with objects closed.
/// </summary>
public static class GroupsAndStatusesTests
{
    private const string Alice = "79001110001@c.us";
    private const string Bob = "79001110002@c.us";
    private const string Carol = "79001110003@c.us";

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    public sealed class Groups
    {
        [Fact]
        public async Task Create_group_makes_the_account_owner_and_super_admin_and_get_group_data_shows_it()
        {
            await using var rig = await SandboxRig.StartAsync();
            var wid = rig.Instance.Wid;
            rig.Instance.NumbersWithoutWhatsapp.Add("79005550000");
            var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

            var created = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Team", ChatIds = [Alice, Bob, "79005550000@c.us"] });

            created.Created.ShouldBeTrue();
            created.ChatId.ShouldMatch(@"^120363\d+@g\.us$");
            created.GroupInviteLink.ShouldMatch(@"^https://chat\.whatsapp\.com/[A-Za-z0-9]{22}$");
            var data = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = created.ChatId });
            data.GroupId.ShouldBe(created.ChatId);
            data.Owner.ShouldBe(wid);
            data.Subject.ShouldBe("Team");
            data.SubjectOwner.ShouldBe(wid);
            data.Creation.ShouldBeInRange(before - 1, before + 60);
            data.SubjectTime.ShouldBe(data.Creation);
            data.GroupInviteLink.ShouldBe(created.GroupInviteLink);
            data.Participants.Select(p => (p.Id, p.IsAdmin, p.IsSuperAdmin)).ShouldBe([(wid, true, true), (Alice, false, false), (Bob, false, false)]);

            // A group among the participants: the documented 500 "Timed Out"; no group is made.
            var refused = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Bad", ChatIds = [Alice, created.ChatId] }));
            refused.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            refused.ErrorText.ShouldContain("Timed Out");

            var raw = await Raw.PostAsync(rig, "createGroup", new JsonObject { ["groupName"] = "Raw", ["chatIds"] = new JsonArray(Carol) });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response createGroup 200");
            var rawGroupId = (string)JsonNode.Parse(raw.Body)!["chatId"]!;
            var rawData = await Raw.PostAsync(rig, "getGroupData", new JsonObject { ["groupId"] = rawGroupId });
            rawData.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawData.Body, "response getGroupData 200");
            JsonNode.Parse(rawData.Body)!["subject"]!.GetValue<string>().ShouldBe("Raw");
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups.Keys.ShouldBe([created.ChatId, rawGroupId], ignoreOrder: true);
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Update_group_name_renames_the_group_and_answers_false_for_an_unknown_group()
        {
            await using var rig = await SandboxRig.StartAsync();
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Before", ChatIds = [Alice] });

            var renamed = await rig.Client.Groups.UpdateGroupNameAsync(new UpdateGroupNameRequest { GroupId = group.ChatId, GroupName = "After" });

            renamed.UpdateGroupName.ShouldBeTrue();
            var data = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId });
            data.Subject.ShouldBe("After");
            data.SubjectOwner.ShouldBe(rig.Instance.Wid);
            data.SubjectTime.ShouldBeGreaterThanOrEqualTo(data.Creation);
            (await rig.Client.Groups.UpdateGroupNameAsync(new UpdateGroupNameRequest { GroupId = "120363999999999999@g.us", GroupName = "x" })).UpdateGroupName.ShouldBeFalse();

            var raw = await Raw.PostAsync(rig, "updateGroupName", new JsonObject { ["groupId"] = group.ChatId, ["groupName"] = "Raw name" });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response updateGroupName 200");
            JsonNode.Parse(raw.Body)!["updateGroupName"]!.GetValue<bool>().ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].Subject.ShouldBe("Raw name");
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Participants_are_added_and_removed_and_get_group_data_follows()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.NumbersWithoutWhatsapp.Add("79005550000");
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Team", ChatIds = [Alice] });
            GroupParticipantRequest Of(string participant) => new() { GroupId = group.ChatId, ParticipantChatId = participant };

            (await rig.Client.Groups.AddGroupParticipantAsync(Of(Bob))).AddParticipant.ShouldBeTrue();
            (await rig.Client.Groups.AddGroupParticipantAsync(Of(Bob))).AddParticipant.ShouldBeFalse();
            (await rig.Client.Groups.AddGroupParticipantAsync(Of("79005550000@c.us"))).AddParticipant.ShouldBeFalse();
            (await rig.Client.Groups.AddGroupParticipantAsync(Of("120363000000000001@g.us"))).AddParticipant.ShouldBeFalse();
            (await rig.Client.Groups.AddGroupParticipantAsync(new GroupParticipantRequest { GroupId = "120363999999999999@g.us", ParticipantChatId = Carol })).AddParticipant.ShouldBeFalse();
            var afterAdd = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId });
            afterAdd.Participants.Select(p => p.Id).ShouldBe([rig.Instance.Wid, Alice, Bob]);
            afterAdd.Participants.Single(p => p.Id == Bob).IsAdmin.ShouldBeFalse();

            (await rig.Client.Groups.RemoveGroupParticipantAsync(Of(Bob))).RemoveParticipant.ShouldBeTrue();
            (await rig.Client.Groups.RemoveGroupParticipantAsync(Of(Bob))).RemoveParticipant.ShouldBeFalse();
            (await rig.Client.Groups.RemoveGroupParticipantAsync(Of(rig.Instance.Wid))).RemoveParticipant.ShouldBeFalse();
            var afterRemove = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId });
            afterRemove.Participants.Select(p => p.Id).ShouldBe([rig.Instance.Wid, Alice]);

            var rawAdd = await Raw.PostAsync(rig, "addGroupParticipant", new JsonObject { ["groupId"] = group.ChatId, ["participantChatId"] = Carol });
            rawAdd.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawAdd.Body, "response addGroupParticipant 200");
            JsonNode.Parse(rawAdd.Body)!["addParticipant"]!.GetValue<bool>().ShouldBeTrue();
            var rawRemove = await Raw.PostAsync(rig, "removeGroupParticipant", new JsonObject { ["groupId"] = group.ChatId, ["participantChatId"] = Carol });
            rawRemove.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawRemove.Body, "response removeGroupParticipant 200");
            JsonNode.Parse(rawRemove.Body)!["removeParticipant"]!.GetValue<bool>().ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].Participants.Keys.ShouldBe([rig.Instance.Wid, Alice]);
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Admin_rights_are_granted_and_taken_and_the_creator_keeps_them()
        {
            await using var rig = await SandboxRig.StartAsync();
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Team", ChatIds = [Alice, Bob] });
            GroupParticipantRequest Of(string participant) => new() { GroupId = group.ChatId, ParticipantChatId = participant };

            (await rig.Client.Groups.SetGroupAdminAsync(Of(Alice))).SetGroupAdmin.ShouldBeTrue();
            (await rig.Client.Groups.SetGroupAdminAsync(Of(Carol))).SetGroupAdmin.ShouldBeFalse();
            (await rig.Client.Groups.SetGroupAdminAsync(new GroupParticipantRequest { GroupId = "120363999999999999@g.us", ParticipantChatId = Alice })).SetGroupAdmin.ShouldBeFalse();
            var promoted = (await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId })).Participants.Single(p => p.Id == Alice);
            promoted.IsAdmin.ShouldBeTrue();
            promoted.IsSuperAdmin.ShouldBeFalse();

            (await rig.Client.Groups.RemoveAdminAsync(Of(Alice))).RemoveAdmin.ShouldBeTrue();
            (await rig.Client.Groups.RemoveAdminAsync(Of(rig.Instance.Wid))).RemoveAdmin.ShouldBeFalse();
            (await rig.Client.Groups.RemoveAdminAsync(Of(Carol))).RemoveAdmin.ShouldBeFalse();
            var data = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId });
            data.Participants.Single(p => p.Id == Alice).IsAdmin.ShouldBeFalse();
            data.Participants.Single(p => p.Id == rig.Instance.Wid).IsSuperAdmin.ShouldBeTrue();

            var rawSet = await Raw.PostAsync(rig, "setGroupAdmin", new JsonObject { ["groupId"] = group.ChatId, ["participantChatId"] = Bob });
            rawSet.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawSet.Body, "response setGroupAdmin 200");
            JsonNode.Parse(rawSet.Body)!["setGroupAdmin"]!.GetValue<bool>().ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].Participants[Bob].ShouldBe((true, false));
            }

            var rawRemove = await Raw.PostAsync(rig, "removeAdmin", new JsonObject { ["groupId"] = group.ChatId, ["participantChatId"] = Bob });
            rawRemove.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawRemove.Body, "response removeAdmin 200");
            JsonNode.Parse(rawRemove.Body)!["removeAdmin"]!.GetValue<bool>().ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].Participants[Bob].ShouldBe((false, false));
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task A_participant_without_admin_rights_cannot_manage_the_group_and_sees_no_invite_link()
        {
            await using var rig = await SandboxRig.StartAsync();
            const string groupId = "120363111111111111@g.us";
            var foreign = new SandboxGroup { GroupId = groupId, Owner = Alice, Subject = "Alice's", Creation = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 100 };
            foreign.Participants[Alice] = (true, true);
            foreign.Participants[rig.Instance.Wid] = (false, false);
            foreign.Participants[Bob] = (false, false);
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[groupId] = foreign;
            }

            GroupParticipantRequest Of(string participant) => new() { GroupId = groupId, ParticipantChatId = participant };

            var data = await rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = groupId });
            data.Owner.ShouldBe(Alice);
            data.SubjectOwner.ShouldBe(Alice);
            data.GroupInviteLink.ShouldBe("");
            data.Participants.Single(p => p.Id == rig.Instance.Wid).IsAdmin.ShouldBeFalse();
            (await rig.Client.Groups.AddGroupParticipantAsync(Of(Carol))).AddParticipant.ShouldBeFalse();
            (await rig.Client.Groups.RemoveGroupParticipantAsync(Of(Bob))).RemoveParticipant.ShouldBeFalse();
            (await rig.Client.Groups.SetGroupAdminAsync(Of(Bob))).SetGroupAdmin.ShouldBeFalse();
            (await rig.Client.Groups.RemoveAdminAsync(Of(Alice))).RemoveAdmin.ShouldBeFalse();
            var settings = await rig.Client.Groups.UpdateGroupSettingsAsync(new UpdateGroupSettingsRequest { GroupId = groupId, AllowParticipantsSendMessages = false });
            settings.UpdateGroupSettings.ShouldBeFalse();
            settings.Reason.ShouldBe("Error: not-authorized");

            // Editing the group's info is open to every participant while the group allows it.
            (await rig.Client.Groups.UpdateGroupNameAsync(new UpdateGroupNameRequest { GroupId = groupId, GroupName = "Renamed by a member" })).UpdateGroupName.ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                foreign.AllowParticipantsEditGroupSettings = false;
            }

            (await rig.Client.Groups.UpdateGroupNameAsync(new UpdateGroupNameRequest { GroupId = groupId, GroupName = "Again" })).UpdateGroupName.ShouldBeFalse();
            var picture = await rig.Client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest { GroupId = groupId, File = new GreenApiFile(new MemoryStream(Jpeg), "p.jpg", "image/jpeg") });
            picture.SetGroupPicture.ShouldBeFalse();
            picture.UrlAvatar.ShouldBeNull();

            var left = await rig.Client.Groups.LeaveGroupAsync(new LeaveGroupRequest { GroupId = groupId });
            left.LeaveGroup.ShouldBe(true);
            left.RemoveAdmin.ShouldBeNull();
            lock (rig.Instance.Sync)
            {
                foreign.Subject.ShouldBe("Renamed by a member");
                foreign.Participants.Keys.ShouldBe([Alice, Bob]);
                foreign.Left.ShouldBeTrue();
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Set_group_picture_stores_a_jpeg_and_refuses_other_files()
        {
            await using var rig = await SandboxRig.StartAsync();
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Pictures", ChatIds = [Alice] });

            var set = await rig.Client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest { GroupId = group.ChatId, File = new GreenApiFile(new MemoryStream(Jpeg), "avatar.jpg", "image/jpeg") });

            set.SetGroupPicture.ShouldBeTrue();
            set.Reason.ShouldBe("");
            set.UrlAvatar.ShouldNotBeNull();
            using (var http = new HttpClient())
            {
                (await http.GetByteArrayAsync(set.UrlAvatar)).ShouldBe(Jpeg);
            }

            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].PictureUrl.ShouldBe(set.UrlAvatar);
            }

            var png = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest { GroupId = group.ChatId, File = new GreenApiFile(new MemoryStream(Png), "avatar.png", "image/png") }));
            png.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            png.ErrorText.ShouldContain("Unsupported media type");
            var empty = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest { GroupId = group.ChatId, File = new GreenApiFile(new MemoryStream(), "avatar.jpg", "image/jpeg") }));
            empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            empty.ErrorText.ShouldContain("File is empty");
            var unknown = await rig.Client.Groups.SetGroupPictureAsync(new SetGroupPictureRequest { GroupId = "120363999999999999@g.us", File = new GreenApiFile(new MemoryStream(Jpeg), "avatar.jpg", "image/jpeg") });
            unknown.SetGroupPicture.ShouldBeFalse();
            unknown.UrlAvatar.ShouldBeNull();
            unknown.Reason.ShouldBe("Timed Out");

            var raw = await Raw.SendAsync(rig, HttpMethod.Post, "setGroupPicture", () =>
            {
                var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(Jpeg);
                file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(file, "file", "raw.jpg");
                form.Add(new StringContent(group.ChatId), "groupId");
                return form;
            });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response setGroupPicture 200");
            var rawUrl = (string)JsonNode.Parse(raw.Body)!["urlAvatar"]!;
            rawUrl.ShouldNotBe(set.UrlAvatar);
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].PictureUrl.ShouldBe(rawUrl);
            }

            var rawUnknown = await Raw.SendAsync(rig, HttpMethod.Post, "setGroupPicture", () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent(Jpeg), "file", "raw.jpg");
                form.Add(new StringContent("not-a-group"), "groupId");
                return form;
            });
            rawUnknown.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawUnknown.Body, "response setGroupPicture 200");
            JsonNode.Parse(rawUnknown.Body)!["urlAvatar"].ShouldBeNull();

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Update_group_settings_changes_the_group_for_an_admin()
        {
            await using var rig = await SandboxRig.StartAsync();
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Settings", ChatIds = [Alice] });

            var updated = await rig.Client.Groups.UpdateGroupSettingsAsync(new UpdateGroupSettingsRequest { GroupId = group.ChatId, AllowParticipantsEditGroupSettings = false, AllowParticipantsSendMessages = false });

            updated.UpdateGroupSettings.ShouldBeTrue();
            updated.Reason.ShouldBe("");
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].AllowParticipantsEditGroupSettings.ShouldBeFalse();
                rig.Instance.Groups[group.ChatId].AllowParticipantsSendMessages.ShouldBeFalse();
            }

            var unknown = await rig.Client.Groups.UpdateGroupSettingsAsync(new UpdateGroupSettingsRequest { GroupId = "120363999999999999@g.us", AllowParticipantsSendMessages = true });
            unknown.UpdateGroupSettings.ShouldBeFalse();
            unknown.Reason.ShouldBe("Error: item-not-found");

            // Only the setting given changes.
            var raw = await Raw.PostAsync(rig, "updateGroupSettings", new JsonObject { ["groupId"] = group.ChatId, ["allowParticipantsSendMessages"] = true });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response updateGroupSettings 200");
            JsonNode.Parse(raw.Body)!["updateGroupSettings"]!.GetValue<bool>().ShouldBeTrue();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].AllowParticipantsEditGroupSettings.ShouldBeFalse();
                rig.Instance.Groups[group.ChatId].AllowParticipantsSendMessages.ShouldBeTrue();
            }

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Leaving_a_group_makes_it_read_only_and_get_group_data_answers_the_documented_texts()
        {
            await using var rig = await SandboxRig.StartAsync();
            var group = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Leave me", ChatIds = [Alice, Bob] });

            var left = await rig.Client.Groups.LeaveGroupAsync(new LeaveGroupRequest { GroupId = group.ChatId });

            // The account was the group's admin: the answer carries removeAdmin (docs), not leaveGroup.
            left.RemoveAdmin.ShouldBe(true);
            left.LeaveGroup.ShouldBeNull();
            lock (rig.Instance.Sync)
            {
                rig.Instance.Groups[group.ChatId].Left.ShouldBeTrue();
                rig.Instance.Groups[group.ChatId].Participants.Keys.ShouldBe([Alice, Bob]);
            }

            (await rig.Client.Groups.UpdateGroupNameAsync(new UpdateGroupNameRequest { GroupId = group.ChatId, GroupName = "x" })).UpdateGroupName.ShouldBeFalse();
            (await rig.Client.Groups.AddGroupParticipantAsync(new GroupParticipantRequest { GroupId = group.ChatId, ParticipantChatId = Carol })).AddParticipant.ShouldBeFalse();
            (await rig.Client.Groups.SetGroupAdminAsync(new GroupParticipantRequest { GroupId = group.ChatId, ParticipantChatId = Alice })).SetGroupAdmin.ShouldBeFalse();
            var settings = await rig.Client.Groups.UpdateGroupSettingsAsync(new UpdateGroupSettingsRequest { GroupId = group.ChatId, AllowParticipantsSendMessages = false });
            settings.UpdateGroupSettings.ShouldBeFalse();
            settings.Reason.ShouldBe("Error: forbidden");
            var again = await rig.Client.Groups.LeaveGroupAsync(new LeaveGroupRequest { GroupId = group.ChatId });
            again.LeaveGroup.ShouldBe(false);
            again.RemoveAdmin.ShouldBeNull();

            // getGroupData's error rows are status 200 with the text; the typed call cannot decode them.
            var forbidden = await Raw.PostAsync(rig, "getGroupData", new JsonObject { ["groupId"] = group.ChatId });
            forbidden.Status.ShouldBe(200);
            forbidden.Body.ShouldContain("Error: forbidden");
            var missing = await Raw.PostAsync(rig, "getGroupData", new JsonObject { ["groupId"] = "120363999999999999@g.us" });
            missing.Status.ShouldBe(200);
            missing.Body.ShouldContain("Error: item-not-found");
            await Should.ThrowAsync<GreenApiDecodeException>(() => rig.Client.Groups.GetGroupDataAsync(new GetGroupDataRequest { GroupId = group.ChatId }));
            var badFormat = await Raw.PostAsync(rig, "getGroupData", new JsonObject { ["groupId"] = "120363" });
            badFormat.Status.ShouldBe(400);
            badFormat.Body.ShouldContain("Validation failed");
            badFormat.Body.ShouldContain("'groupId'");

            var other = await rig.Client.Groups.CreateGroupAsync(new CreateGroupRequest { GroupName = "Raw leave", ChatIds = [Alice] });
            var raw = await Raw.PostAsync(rig, "leaveGroup", new JsonObject { ["groupId"] = other.ChatId });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response leaveGroup 200");
            JsonNode.Parse(raw.Body)!["removeAdmin"]!.GetValue<bool>().ShouldBeTrue();
            var rawAgain = await Raw.PostAsync(rig, "leaveGroup", new JsonObject { ["groupId"] = other.ChatId });
            SpecOracle.ShouldFit(rawAgain.Body, "response leaveGroup 200");
            JsonNode.Parse(rawAgain.Body)!["leaveGroup"]!.GetValue<bool>().ShouldBeFalse();

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }
    }

    public sealed class Statuses
    {
        [Fact]
        public async Task A_text_status_is_queued_sent_and_listed_with_its_look()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice Smith", "Alice");

            var sent = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest
            {
                Message = "I use Green-API to send this Status!",
                BackgroundColor = "#228B22",
                Font = StatusFont.SERIF,
                Participants = [Alice],
            });

            sent.IdMessage.ShouldStartWith("BAE5");
            var seen = await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == sent.IdMessage);
            seen.OfType<OutgoingAPIMessageReceived>().Single().SenderData.ChatId.ShouldBe("status@broadcast");
            var listed = (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).ShouldHaveSingleItem();
            listed.Type.ShouldBe(OutgoingStatusType.Outgoing);
            listed.IdMessage.ShouldBe(sent.IdMessage);
            listed.ChatId.ShouldBe(rig.Instance.Wid);
            listed.SendByApi.ShouldBeTrue();
            listed.TypeMessage.ShouldBe(StatusTypeMessage.ExtendedTextMessage);
            listed.TextMessage.ShouldBe("I use Green-API to send this Status!");
            listed.ExtendedTextMessage.ShouldNotBeNull();
            listed.ExtendedTextMessage.Text.ShouldBe("I use Green-API to send this Status!");
            listed.ExtendedTextMessage.BackgroundColor.ShouldBe("#228B22");
            listed.ExtendedTextMessage.Font.ShouldBe(StatusFont.SERIF);
            listed.ExtendedTextMessage.Participants.ShouldBe([Alice]);
            new[] { "sent", "delivered", "read" }.ShouldContain(listed.StatusMessage.Value);
            rig.Instance.Messages("status@broadcast").Select(m => m.IdMessage).ShouldBe([sent.IdMessage]);

            var raw = await Raw.PostAsync(rig, "sendTextStatus", new JsonObject { ["message"] = "Raw status" });
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response sendTextStatus 200");
            var rawId = (string)JsonNode.Parse(raw.Body)!["idMessage"]!;
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == rawId);
            var rawList = await Raw.SendAsync(rig, HttpMethod.Get, "getOutgoingStatuses");
            rawList.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawList.Body, "response getOutgoingStatuses 200");
            var items = JsonNode.Parse(rawList.Body)!.AsArray();
            items.Select(i => (string?)i!["idMessage"]).ShouldBe([sent.IdMessage, rawId]);
            items[1]!["extendedTextMessage"]!["backgroundColor"]!.GetValue<string>().ShouldBe("#FFFFFF");
            items[1]!["extendedTextMessage"]!["participants"]!.AsArray().Count.ShouldBe(0);

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task A_status_waits_in_the_queue_as_pending_and_a_cleared_one_is_never_listed()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice Smith", "Alice");
            rig.Instance.UpdateSettings(new JsonObject { ["delaySendMessagesMilliseconds"] = 600_000 });
            var first = await rig.Client.Sending.SendMessageAsync(new SendMessageRequest { ChatId = Bob, Message = "goes first" });
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == first.IdMessage);

            var status = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "waiting", Participants = [Alice] });

            var queued = (await rig.Client.Queues.ShowMessagesQueueAsync()).ShouldHaveSingleItem();
            queued.MessageID.ShouldBe(status.IdMessage);
            queued.Type.ShouldBe(QueuedMessageType.SendTextStatus);
            queued.Body!.Message.ShouldBe("waiting");
            queued.Body.Participants.ShouldBe([Alice]);
            (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).ShouldHaveSingleItem().StatusMessage.ShouldBe(StatusDeliveryState.Pending);
            var statistic = (await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = status.IdMessage })).ShouldHaveSingleItem();
            statistic.Participant.ShouldBe(Alice);
            statistic.Status.ShouldBe(StatusDeliveryState.Pending);

            (await rig.Client.Queues.ClearMessagesQueueAsync()).IsCleared.ShouldBeTrue();
            (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).ShouldBeEmpty();
            (await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = status.IdMessage })).ShouldBeEmpty();

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Status_statistic_has_one_entry_per_recipient_and_only_contacts_see_the_status()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice Smith", "Alice");
            rig.Instance.Contacts[Bob] = new SandboxContact(Bob, "Bob Brown", "Bob");
            rig.Instance.Contacts["79001110009@c.us"] = new SandboxContact("79001110009@c.us", "Nameless", "");
            rig.Instance.NumbersWithoutWhatsapp.Add("79005550000");

            var chosen = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "for some", Participants = [Alice, Carol, "79005550000@c.us"] });
            var everyone = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "for all" });
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == everyone.IdMessage);
            await Task.Delay(300);

            // Alice is a contact: delivered, then read (20 ms apart in the rig); Carol is not: it stays sent;
            // the number without WhatsApp is skipped.
            var some = await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = chosen.IdMessage });
            some.Select(s => (s.Participant, s.Status.Value)).ShouldBe([(Alice, "read"), (Carol, "sent")]);
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            some.ShouldAllBe(s => s.Timestamp >= now - 60 && s.Timestamp <= now + 1);

            // No participants: every contact with a contact name except the account itself.
            var all = await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = everyone.IdMessage });
            all.Select(s => s.Participant).ShouldBe([Alice, Bob], ignoreOrder: true);
            all.Select(s => s.Status).ShouldBe([StatusDeliveryState.Read, StatusDeliveryState.Read]);
            var listed = await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest());
            listed.Select(s => s.StatusMessage.Value).ShouldBe(["read", "read"]);

            // Without outgoingWebhook the states are not tracked past sent (the docs).
            rig.Instance.UpdateSettings(new JsonObject { ["outgoingWebhook"] = "no" });
            var untracked = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "untracked", Participants = [Alice] });
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == untracked.IdMessage);
            await Task.Delay(300);
            (await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = untracked.IdMessage })).ShouldHaveSingleItem().Status.ShouldBe(StatusDeliveryState.Sent);
            (await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = "BAE5FFFFFFFFFFFF" })).ShouldBeEmpty();

            var raw = await Raw.SendAsync(rig, HttpMethod.Get, "getStatusStatistic", query: "?idMessage=" + chosen.IdMessage);
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response getStatusStatistic 200");
            JsonNode.Parse(raw.Body)!.AsArray().Select(e => (string?)e!["participant"]).ShouldBe([Alice, Carol]);

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Voice_and_media_statuses_carry_their_file()
        {
            await using var rig = await SandboxRig.StartAsync();
            var imageUrl = rig.Sandbox.StoreFile("horse.jpg", "image/jpeg", Jpeg).ToString();
            const string audioUrl = "https://my.site.com/audio/music.mp3";

            var voice = await rig.Client.Statuses.SendVoiceStatusAsync(new SendVoiceStatusRequest { UrlFile = audioUrl, FileName = "music.mp3", BackgroundColor = "#228B22" });
            var media = await rig.Client.Statuses.SendMediaStatusAsync(new SendMediaStatusRequest { UrlFile = imageUrl, FileName = "horse.jpg", Caption = "Little horse", Participants = [Alice] });

            voice.IdMessage.ShouldNotBe(media.IdMessage);
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == media.IdMessage);
            var listed = await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest());
            listed.Select(s => s.IdMessage).ShouldBe([voice.IdMessage, media.IdMessage]);
            var audio = listed[0];
            audio.TypeMessage.ShouldBe(StatusTypeMessage.AudioMessage);
            audio.DownloadUrl.ShouldBe(audioUrl);
            audio.MimeType.ShouldBe("audio/mpeg");
            audio.FileName.ShouldNotBeNull();
            audio.FileName.ShouldEndWith(".mp3");
            audio.FileName.ShouldNotBe("music.mp3");
            audio.Caption.ShouldBeNull();
            audio.Participants.ShouldBe([]);
            audio.ExtendedTextMessage.ShouldBeNull();
            var image = listed[1];
            image.TypeMessage.ShouldBe(StatusTypeMessage.ImageMessage);
            image.DownloadUrl.ShouldBe(imageUrl);
            image.MimeType.ShouldBe("image/jpeg");
            image.Caption.ShouldBe("Little horse");
            image.JpegThumbnail.ShouldNotBeNull();
            image.Participants.ShouldBe([Alice]);

            var pdf = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Statuses.SendMediaStatusAsync(new SendMediaStatusRequest { UrlFile = "https://my.site.com/a.pdf", FileName = "a.pdf" }));
            pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            pdf.ErrorText.ShouldContain("Validation failed");

            var rawVoice = await Raw.PostAsync(rig, "sendVoiceStatus", new JsonObject { ["urlFile"] = "https://my.site.com/audio/voice.wav", ["fileName"] = "voice.wav" });
            rawVoice.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawVoice.Body, "response sendVoiceStatus 200");
            var rawMedia = await Raw.PostAsync(rig, "sendMediaStatus", new JsonObject { ["urlFile"] = "https://my.site.com/video/clip.mp4", ["fileName"] = "clip.mp4", ["caption"] = "Clip" });
            rawMedia.Status.ShouldBe(200);
            SpecOracle.ShouldFit(rawMedia.Body, "response sendMediaStatus 200");
            var rawMediaId = (string)JsonNode.Parse(rawMedia.Body)!["idMessage"]!;
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == rawMediaId);
            var rawList = await Raw.SendAsync(rig, HttpMethod.Get, "getOutgoingStatuses", query: "?minutes=5");
            SpecOracle.ShouldFit(rawList.Body, "response getOutgoingStatuses 200");
            var items = JsonNode.Parse(rawList.Body)!.AsArray();
            items.Select(i => (string?)i!["typeMessage"]).ShouldBe(["audioMessage", "imageMessage", "audioMessage", "videoMessage"]);
            items[2]!["mimeType"]!.GetValue<string>().ShouldBe("audio/wav");
            items[3]!["caption"]!.GetValue<string>().ShouldBe("Clip");

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Deleting_a_status_removes_it_and_a_second_delete_is_refused()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice Smith", "Alice");
            var first = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "first" });
            var second = await rig.Client.Statuses.SendTextStatusAsync(new SendTextStatusRequest { Message = "second" });
            await rig.ReceiveUntilAsync(n => n is OutgoingAPIMessageReceived o && o.IdMessage == second.IdMessage);

            await rig.Client.Statuses.DeleteStatusAsync(new DeleteStatusRequest { IdMessage = first.IdMessage });

            (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).Select(s => s.IdMessage).ShouldBe([second.IdMessage]);
            (await rig.Client.Statuses.GetStatusStatisticAsync(new GetStatusStatisticRequest { IdMessage = first.IdMessage })).ShouldBeEmpty();
            rig.Instance.FindMessage(first.IdMessage)!.IsDeleted.ShouldBeTrue();
            var again = await Should.ThrowAsync<GreenApiException>(() => rig.Client.Statuses.DeleteStatusAsync(new DeleteStatusRequest { IdMessage = first.IdMessage }));
            again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            again.ErrorText.ShouldContain("ID message notfound");

            // The docs: 200 with an empty body (the spec's 200 has no content, so there is no JSON for the oracle).
            var raw = await Raw.PostAsync(rig, "deleteStatus", new JsonObject { ["idMessage"] = second.IdMessage });
            raw.Status.ShouldBe(200, raw.Body);
            raw.Body.ShouldBe("", "deleteStatus answers an empty body");
            lock (rig.Instance.Sync)
            {
                rig.Instance.OutgoingStatuses.ShouldAllBe(s => s.Deleted);
            }

            (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).ShouldBeEmpty();
            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }

        [Fact]
        public async Task Incoming_and_outgoing_statuses_are_listed_within_the_minutes_asked()
        {
            await using var rig = await SandboxRig.StartAsync();
            rig.Instance.Contacts[Alice] = new SandboxContact(Alice, "Alice Smith", "Alice");
            var threeHoursAgo = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds();
            rig.Instance.ReceiveStatus(Alice, "Good morning!");
            lock (rig.Instance.Sync)
            {
                rig.Instance.IncomingStatuses.Insert(0, new SandboxStatus("A0000000000000000000000000000OLD", Bob, threeHoursAgo,
                    new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = new JsonObject { ["text"] = "old news" } }, [rig.Instance.Wid]));

                // A status the phone posted three hours ago (not through the API).
                rig.Instance.OutgoingStatuses.Add(new SandboxStatus("3EB0000000000000OLD1", rig.Instance.Wid, threeHoursAgo,
                    new JsonObject { ["typeMessage"] = "extendedTextMessage", ["extendedTextMessageData"] = new JsonObject { ["text"] = "from the phone" } }, [Alice]));
            }

            var day = await rig.Client.Statuses.GetIncomingStatusesAsync(new GetIncomingStatusesRequest());
            day.Select(s => s.TextMessage).ShouldBe(["old news", "Good morning!"]);
            var recent = (await rig.Client.Statuses.GetIncomingStatusesAsync(new GetIncomingStatusesRequest { Minutes = 60 })).ShouldHaveSingleItem();
            recent.Type.ShouldBe(IncomingStatusType.Incoming);
            recent.TypeMessage.ShouldBe(StatusTypeMessage.ExtendedTextMessage);
            recent.ChatId.ShouldBe(Alice);
            recent.SenderId.ShouldBe(Alice);
            recent.SenderName.ShouldBe("Alice Smith");
            recent.SenderContactName.ShouldBe("Alice");
            recent.TextMessage.ShouldBe("Good morning!");
            recent.ExtendedTextMessage!.Text.ShouldBe("Good morning!");
            var old = day[0];
            old.SenderName.ShouldBe("79001110002");
            old.SenderContactName.ShouldBe("");
            old.Timestamp.ShouldBe(threeHoursAgo);

            var phone = (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest())).ShouldHaveSingleItem();
            phone.SendByApi.ShouldBeFalse();
            phone.TextMessage.ShouldBe("from the phone");
            phone.ExtendedTextMessage!.Participants.ShouldBe([]);
            (await rig.Client.Statuses.GetOutgoingStatusesAsync(new GetOutgoingStatusesRequest { Minutes = 60 })).ShouldBeEmpty();

            var raw = await Raw.SendAsync(rig, HttpMethod.Get, "getIncomingStatuses");
            raw.Status.ShouldBe(200);
            SpecOracle.ShouldFit(raw.Body, "response getIncomingStatuses 200");
            JsonNode.Parse(raw.Body)!.AsArray().Count.ShouldBe(2);
            var rawRecent = await Raw.SendAsync(rig, HttpMethod.Get, "getIncomingStatuses", query: "?minutes=60");
            SpecOracle.ShouldFit(rawRecent.Body, "response getIncomingStatuses 200");
            JsonNode.Parse(rawRecent.Body)!.AsArray().Select(i => (string?)i!["senderContactName"]).ShouldBe(["Alice"]);
            var rawOutgoing = await Raw.SendAsync(rig, HttpMethod.Get, "getOutgoingStatuses");
            SpecOracle.ShouldFit(rawOutgoing.Body, "response getOutgoingStatuses 200");

            rig.Sandbox.UnhandledErrors.ShouldBeEmpty();
        }
    }

    /// <summary>Raw HTTP to the sandbox, waiting out the documented per-method rate limits (429 + Retry-After).</summary>
    private static class Raw
    {
        public static Task<(int Status, string Body)> PostAsync(SandboxRig rig, string method, JsonObject body) =>
            SendAsync(rig, HttpMethod.Post, method, () => new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        public static async Task<(int Status, string Body)> SendAsync(SandboxRig rig, HttpMethod verb, string method, Func<HttpContent>? content = null, string query = "")
        {
            using var http = new HttpClient();
            var url = new Uri(rig.Sandbox.Url, $"waInstance{rig.Instance.IdInstance}/{method}/{rig.Instance.ApiTokenInstance}{query}");
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(verb, url) { Content = content?.Invoke() };
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }

                return ((int)response.StatusCode, text);
            }
        }
    }
}
