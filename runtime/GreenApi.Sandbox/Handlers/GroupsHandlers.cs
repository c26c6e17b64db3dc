using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

internal static partial class SandboxHandlers
{
    private const string GroupInviteAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>What <see cref="SandboxGroup"/> does not hold: when and by whom the name was last set (getGroupData's subjectTime, subjectOwner).</summary>
    private static readonly ConditionalWeakTable<SandboxGroup, GroupSubject> GroupSubjects = new();

    /// <summary>The account's standing in a group.</summary>
    private enum GroupRole
    {
        /// <summary>No such group.</summary>
        Missing,

        /// <summary>The group exists but the account is not (or no longer) in it.</summary>
        Outsider,

        /// <summary>A participant without admin rights.</summary>
        Member,

        /// <summary>An admin or the super admin.</summary>
        Admin,
    }

    /// <summary>
    /// 1.3.7 Groups: the account's group chats as state (<see cref="SandboxInstance.Groups"/>). The account
    /// that creates a group is its owner and super admin. Only admins add or remove participants, grant or
    /// take admin rights and change the group's settings; the name and the picture may also be changed by
    /// any participant while <see cref="SandboxGroup.AllowParticipantsEditGroupSettings"/> is on (WhatsApp's
    /// "edit group settings: all participants", the default). A group the account has left (or was never
    /// in) answers as the spec's error rows say: the method's flag set to <c>false</c>, or for getGroupData
    /// the documented 200 texts <c>Error: item-not-found</c> / <c>Error: forbidden</c>.
    /// </summary>
    private static void Groups(Dictionary<string, SandboxHandler> map)
    {
        map["createGroup"] = call =>
        {
            var instance = call.Instance;
            var name = call.Required("groupName");
            var chatIds = call.Body["chatIds"] is JsonArray ids ? ids.Select(n => (string?)n ?? "").ToList() : [];

            // The error table: a group (or any chat that is not a person) among chatIds makes the call time out.
            if (chatIds.Any(c => !GroupIsPersonalChat(c)))
            {
                throw new SandboxError(500, "Timed Out");
            }

            var groupId = "120363" + call.Sandbox.Ids.Number().ToString("D12", CultureInfo.InvariantCulture) + "@g.us";
            var now = call.Sandbox.UnixNow;
            var group = new SandboxGroup { GroupId = groupId, Owner = instance.Wid, Subject = name, Creation = now };
            group.Participants[instance.Wid] = (true, true);
            lock (instance.Sync)
            {
                // Numbers that are not on WhatsApp are left out, as WhatsApp does.
                foreach (var chatId in chatIds.Where(c => c != instance.Wid && GroupIsOnWhatsapp(instance, c)))
                {
                    group.Participants.TryAdd(chatId, (false, false));
                }

                instance.Groups[groupId] = group;
                GroupSubjects.AddOrUpdate(group, new GroupSubject(now, instance.Wid));
            }

            return Json(new JsonObject
            {
                ["created"] = true,
                ["chatId"] = groupId,
                ["groupInviteLink"] = GroupInviteLink(groupId),
            });
        };

        map["updateGroupName"] = call =>
        {
            var instance = call.Instance;
            var name = call.Required("groupName");
            lock (instance.Sync)
            {
                var role = GroupRoleIn(instance, call.Required("groupId"), out var group);
                var changed = group is not null && GroupCanEditInfo(role, group);
                if (changed)
                {
                    group!.Subject = name;
                    GroupSubjects.AddOrUpdate(group, new GroupSubject(call.Sandbox.UnixNow, instance.Wid));
                }

                return Json(new JsonObject { ["updateGroupName"] = changed });
            }
        };

        map["getGroupData"] = call =>
        {
            var instance = call.Instance;
            lock (instance.Sync)
            {
                var role = GroupRoleIn(instance, call.Required("groupId"), out var group);
                if (role == GroupRole.Missing)
                {
                    throw GroupDataError("Error: item-not-found");
                }

                if (role == GroupRole.Outsider)
                {
                    throw GroupDataError("Error: forbidden");
                }

                var subject = GroupSubjectOf(group!);
                var participants = new JsonArray(group!.Participants.Select(p => (JsonNode)new JsonObject
                {
                    ["id"] = p.Key,
                    ["isAdmin"] = p.Value.IsAdmin || p.Value.IsSuperAdmin,
                    ["isSuperAdmin"] = p.Value.IsSuperAdmin,
                }).ToArray());

                // The docs: the link is empty unless the account is the owner or an admin.
                var seesLink = group.Owner == instance.Wid || role == GroupRole.Admin;
                return Json(new JsonObject
                {
                    ["groupId"] = group.GroupId,
                    ["owner"] = group.Owner,
                    ["subject"] = group.Subject,
                    ["creation"] = group.Creation,
                    ["participants"] = participants,
                    ["subjectTime"] = subject.Time,
                    ["subjectOwner"] = subject.Owner,
                    ["groupInviteLink"] = seesLink ? GroupInviteLink(group.GroupId) : "",
                });
            }
        };

        map["addGroupParticipant"] = call =>
        {
            var instance = call.Instance;
            var participant = call.Required("participantChatId");
            lock (instance.Sync)
            {
                // false (the docs): not an admin or not in the group; the number is already in it; a wrong participantChatId.
                var added = GroupRoleIn(instance, call.Required("groupId"), out var group) == GroupRole.Admin
                    && GroupIsPersonalChat(participant)
                    && GroupIsOnWhatsapp(instance, participant)
                    && group!.Participants.TryAdd(participant, (false, false));
                return Json(new JsonObject { ["addParticipant"] = added });
            }
        };

        map["removeGroupParticipant"] = call =>
        {
            var instance = call.Instance;
            var participant = call.Required("participantChatId");
            lock (instance.Sync)
            {
                // false: not an admin; the number is not in the group; the owner (super admin) cannot be
                // removed; the account itself leaves with leaveGroup.
                var removed = GroupRoleIn(instance, call.Required("groupId"), out var group) == GroupRole.Admin
                    && participant != instance.Wid
                    && group!.Participants.TryGetValue(participant, out var rights)
                    && !rights.IsSuperAdmin
                    && group.Participants.Remove(participant);
                return Json(new JsonObject { ["removeParticipant"] = removed });
            }
        };

        map["setGroupAdmin"] = call =>
        {
            var instance = call.Instance;
            var participant = call.Required("participantChatId");
            lock (instance.Sync)
            {
                // The error table's 200 texts (failed to set group admin: wrong groupId; participant not found)
                // cannot travel in the closed SetGroupAdminResponse: the flag is false, as in the sibling methods.
                var set = false;
                if (GroupRoleIn(instance, call.Required("groupId"), out var group) == GroupRole.Admin
                    && group!.Participants.TryGetValue(participant, out var rights))
                {
                    group.Participants[participant] = (true, rights.IsSuperAdmin);
                    set = true;
                }

                return Json(new JsonObject { ["setGroupAdmin"] = set });
            }
        };

        map["removeAdmin"] = call =>
        {
            var instance = call.Instance;
            var participant = call.Required("participantChatId");
            lock (instance.Sync)
            {
                // false: wrong groupId or the number is not in the group (the docs); also when the account is not
                // an admin, and for the super admin (the group's creator keeps the rights).
                var taken = GroupRoleIn(instance, call.Required("groupId"), out var group) == GroupRole.Admin
                    && group!.Participants.TryGetValue(participant, out var rights)
                    && !rights.IsSuperAdmin;
                if (taken)
                {
                    group!.Participants[participant] = (false, false);
                }

                return Json(new JsonObject { ["removeAdmin"] = taken });
            }
        };

        map["setGroupPicture"] = call =>
        {
            var instance = call.Instance;
            var file = call.File ?? throw SandboxError.Validation("'file' is required");
            if (file.Content.Length == 0)
            {
                throw SandboxError.BadRequest("File is empty");
            }

            if (!GroupPictureIsJpeg(file))
            {
                throw SandboxError.BadRequest("Unsupported media type");
            }

            lock (instance.Sync)
            {
                var role = GroupRoleIn(instance, call.Text("groupId") ?? "", out var group);
                if (group is null || !GroupCanEditInfo(role, group))
                {
                    var reason = role switch
                    {
                        GroupRole.Missing => "Timed Out",
                        GroupRole.Outsider => "Error: forbidden",
                        _ => "Error: not-authorized",
                    };
                    return Json(new JsonObject { ["setGroupPicture"] = false, ["urlAvatar"] = null, ["reason"] = reason });
                }

                var stored = call.Sandbox.Store(file with { ContentType = "image/jpeg" });
                var url = call.Sandbox.FileUrl(stored).ToString();
                group.PictureUrl = url;
                return Json(new JsonObject { ["setGroupPicture"] = true, ["urlAvatar"] = url, ["reason"] = "" });
            }
        };

        map["leaveGroup"] = call =>
        {
            var instance = call.Instance;
            lock (instance.Sync)
            {
                var role = GroupRoleIn(instance, call.Required("groupId"), out var group);
                if (role is GroupRole.Missing or GroupRole.Outsider)
                {
                    return Json(new JsonObject { ["leaveGroup"] = false });
                }

                group!.Participants.Remove(instance.Wid);
                group.Left = true;

                // The docs: the answer carries removeAdmin instead of leaveGroup when the account was an admin.
                return Json(new JsonObject { [role == GroupRole.Admin ? "removeAdmin" : "leaveGroup"] = true });
            }
        };

        map["updateGroupSettings"] = call =>
        {
            var instance = call.Instance;
            lock (instance.Sync)
            {
                var role = GroupRoleIn(instance, call.Required("groupId"), out var group);
                if (role != GroupRole.Admin)
                {
                    var reason = role switch
                    {
                        GroupRole.Missing => "Error: item-not-found",
                        GroupRole.Outsider => "Error: forbidden",
                        _ => "Error: not-authorized",
                    };
                    return Json(new JsonObject { ["updateGroupSettings"] = false, ["reason"] = reason });
                }

                if (call.Flag("allowParticipantsEditGroupSettings") is { } edit)
                {
                    group!.AllowParticipantsEditGroupSettings = edit;
                }

                if (call.Flag("allowParticipantsSendMessages") is { } send)
                {
                    group!.AllowParticipantsSendMessages = send;
                }

                return Json(new JsonObject { ["updateGroupSettings"] = true, ["reason"] = "" });
            }
        };
    }

    /// <summary>The account's standing in a group (call under the instance's lock).</summary>
    private static GroupRole GroupRoleIn(SandboxInstance instance, string groupId, out SandboxGroup? group)
    {
        if (!instance.Groups.TryGetValue(groupId, out group))
        {
            return GroupRole.Missing;
        }

        if (group.Left || !group.Participants.TryGetValue(instance.Wid, out var rights))
        {
            return GroupRole.Outsider;
        }

        return rights.IsAdmin || rights.IsSuperAdmin ? GroupRole.Admin : GroupRole.Member;
    }

    /// <summary>Whether the account may change the group's name and picture.</summary>
    private static bool GroupCanEditInfo(GroupRole role, SandboxGroup group) =>
        role == GroupRole.Admin || (role == GroupRole.Member && group.AllowParticipantsEditGroupSettings);

    private static GroupSubject GroupSubjectOf(SandboxGroup group) =>
        GroupSubjects.GetValue(group, g => new GroupSubject(g.Creation, g.Owner));

    /// <summary>getGroupData's documented failures: status 200 with the error text as the body.</summary>
    private static SandboxError GroupDataError(string text) => new(200, text, JsonValue.Create(text));

    /// <summary>A person's chat (<c>@c.us</c>, or a hidden number's <c>@lid</c>), not a group, broadcast or channel.</summary>
    private static bool GroupIsPersonalChat(string chatId) =>
        chatId.EndsWith("@c.us", StringComparison.Ordinal) || chatId.EndsWith("@lid", StringComparison.Ordinal);

    private static bool GroupIsOnWhatsapp(SandboxInstance instance, string chatId) =>
        !instance.NumbersWithoutWhatsapp.Contains(chatId) && !instance.NumbersWithoutWhatsapp.Contains(chatId.Split('@')[0]);

    private static bool GroupPictureIsJpeg(SandboxFile file) =>
        file.ContentType.Contains("jpeg", StringComparison.OrdinalIgnoreCase)
        || file.ContentType.Contains("image/jpg", StringComparison.OrdinalIgnoreCase)
        || file.FileName.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)
        || file.FileName.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
        || (file.Content.Length >= 3 && file.Content[0] == 0xFF && file.Content[1] == 0xD8 && file.Content[2] == 0xFF);

    /// <summary>The group's invite link: <c>https://chat.whatsapp.com/</c> and a 22-character code, the same every time for a group.</summary>
    private static string GroupInviteLink(string groupId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-invite:" + groupId));
        var code = new StringBuilder(22);
        for (var i = 0; i < 22; i++)
        {
            code.Append(GroupInviteAlphabet[hash[i] % GroupInviteAlphabet.Length]);
        }

        return "https://chat.whatsapp.com/" + code;
    }

    /// <summary>When and by whom a group's name was last set.</summary>
    private sealed record GroupSubject(long Time, string Owner);
}
