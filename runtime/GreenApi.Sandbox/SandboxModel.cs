using System.Text.Json.Nodes;

namespace GreenApi.Sandbox;

/// <summary>The authorization states of an instance (<c>getStateInstance</c>'s <c>stateInstance</c>).</summary>
public static class SandboxStates
{
    /// <summary>Not authorized: the QR code has to be scanned (or an authorization code entered).</summary>
    public const string NotAuthorized = "notAuthorized";

    /// <summary>Authorized: messages are sent and received.</summary>
    public const string Authorized = "authorized";

    /// <summary>Banned by WhatsApp.</summary>
    public const string Blocked = "blocked";

    /// <summary>The phone is off or offline.</summary>
    public const string SleepMode = "sleepMode";

    /// <summary>Starting or rebooting.</summary>
    public const string Starting = "starting";

    /// <summary>Sending is suspended by WhatsApp (a warning before a ban).</summary>
    public const string YellowCard = "yellowCard";

    internal static readonly string[] All = [NotAuthorized, Authorized, Blocked, SleepMode, Starting, YellowCard];
}

/// <summary>
/// One message in a chat of the simulated account: sent through the API, sent from the phone, or
/// received. <see cref="MessageData"/> is the notification shape (<c>{"typeMessage": …, "…Data": …}</c>);
/// journals flatten it.
/// </summary>
public sealed class SandboxMessage
{
    internal SandboxMessage(string idMessage, string chatId, bool outgoing, bool sendByApi, long timestamp, JsonObject messageData)
    {
        IdMessage = idMessage;
        ChatId = chatId;
        Outgoing = outgoing;
        SendByApi = sendByApi;
        Timestamp = timestamp;
        MessageData = messageData;
    }

    /// <summary>The message id.</summary>
    public string IdMessage { get; }

    /// <summary>The chat the message is in.</summary>
    public string ChatId { get; }

    /// <summary>Whether the account sent it.</summary>
    public bool Outgoing { get; }

    /// <summary>Whether it was sent through the API (not from the phone).</summary>
    public bool SendByApi { get; }

    /// <summary>Unix seconds.</summary>
    public long Timestamp { get; }

    /// <summary>The sender's chat id (for incoming messages; the account's own wid for outgoing ones).</summary>
    public string? SenderId { get; init; }

    /// <summary>The sender's WhatsApp name.</summary>
    public string? SenderName { get; init; }

    /// <summary>The sender's name in the account's contacts.</summary>
    public string? SenderContactName { get; init; }

    /// <summary><c>typeMessage</c>.</summary>
    public string TypeMessage => (string?)MessageData["typeMessage"] ?? "";

    /// <summary>The content, in the notification shape.</summary>
    public JsonObject MessageData { get; internal set; }

    /// <summary>Outgoing status: <c>pending</c> (queued), <c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>.</summary>
    public string Status { get; internal set; } = "pending";

    /// <summary>Whether the message has been edited.</summary>
    public bool IsEdited { get; internal set; }

    /// <summary>Whether the message has been deleted.</summary>
    public bool IsDeleted { get; internal set; }

    /// <summary>The text of a text-like message, when it has one.</summary>
    public string? Text => (string?)MessageData["textMessageData"]?["textMessage"]
        ?? (string?)MessageData["extendedTextMessageData"]?["text"]
        ?? (string?)MessageData["fileMessageData"]?["caption"];
}

/// <summary>A group the simulated account belongs to.</summary>
internal sealed class SandboxGroup
{
    public required string GroupId { get; init; }

    public required string Owner { get; init; }

    public required string Subject { get; set; }

    public long Creation { get; init; }

    public Dictionary<string, (bool IsAdmin, bool IsSuperAdmin)> Participants { get; } = new(StringComparer.Ordinal);

    public string? PictureUrl { get; set; }

    public bool AllowParticipantsEditGroupSettings { get; set; } = true;

    public bool AllowParticipantsSendMessages { get; set; } = true;

    public bool Left { get; set; }
}

/// <summary>A contact of the simulated account.</summary>
/// <param name="ChatId">The contact's chat id.</param>
/// <param name="Name">The contact's WhatsApp name.</param>
/// <param name="ContactName">The name in the account's address book.</param>
public sealed record SandboxContact(string ChatId, string Name, string ContactName);

/// <summary>A WhatsApp status (story) sent or received.</summary>
internal sealed record SandboxStatus(string IdMessage, string Sender, long Timestamp, JsonObject MessageData, IReadOnlyList<string> Participants)
{
    public bool Deleted { get; set; }
}

/// <summary>A call in the call journals.</summary>
internal sealed record SandboxCallRecord(string IdMessage, string ChatId, bool Outgoing, long Timestamp, string Status);

/// <summary>A message waiting in the outgoing queue (<c>showMessagesQueue</c>).</summary>
internal sealed record SandboxQueuedMessage(string MessageId, string Type, JsonObject Body, SandboxMessage Message);
