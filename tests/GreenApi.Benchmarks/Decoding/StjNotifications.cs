// Hand-written equivalents of the generated notification types (Notification, MessageData and every
// object they reach), decoded with System.Text.Json's own polymorphism and a source-generated context.
// The decoding benchmark compares them with the generated decoder (GreenApi.Notification.Parse).
//
// "Equivalent": same JSON property names, same properties, same CLR types wherever System.Text.Json
// reads them natively; the generated open enums (string-backed structs) are closed C# enums with
// JsonStringEnumConverter<TEnum>. No custom converters. Deliberate differences from the generated types:
// - the discriminators (typeWebhook, typeMessage) are STJ metadata, not properties, and each case is
//   registered under one spelling only (the others are listed next to the registration);
// - there is no UnknownNotification/UnknownMessageData: an unknown discriminator fails;
// - enums are closed: a value the spec does not list fails (the generated open enums keep it);
// - no leniency: a number where text is declared, an integer or boolean sent as text, 0/1 for a
//   boolean, null for a required reference-typed property: the generated decoder accepts (or, for the
//   last, rejects) what STJ's defaults do not;
// - ExtendedTextMessageData.jpegThumbnail is string? (the generated Optional<string?> also tells
//   "absent" from "null");
// - lists are List<T> (generated: IReadOnlyList<T>); unknown properties go to Extra (generated:
//   ExtensionData, IReadOnlyDictionary).
#nullable enable

using System.Text.Json;
using System.Text.Json.Serialization;

namespace GreenApi.Benchmarks.Decoding.Stj;

// ---------------------------------------------------------------------------------------------------
// Notification (typeWebhook)
// ---------------------------------------------------------------------------------------------------

/// <summary>Any notification, told apart by <c>typeWebhook</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "typeWebhook")]
[JsonDerivedType(typeof(IncomingMessageReceived), "incomingMessageReceived")]
[JsonDerivedType(typeof(OutgoingMessageReceived), "outgoingMessageReceived")]
[JsonDerivedType(typeof(OutgoingAPIMessageReceived), "outgoingAPIMessageReceived")]
[JsonDerivedType(typeof(OutgoingMessageStatus), "outgoingMessageStatus")]
[JsonDerivedType(typeof(StateInstanceChanged), "stateInstanceChanged")]
[JsonDerivedType(typeof(StatusInstanceChanged), "statusInstanceChanged")]
[JsonDerivedType(typeof(DeviceInfo), "deviceInfo")]
[JsonDerivedType(typeof(IncomingCall), "incomingCall")]
[JsonDerivedType(typeof(OutgoingCall), "outgoingCall")]
[JsonDerivedType(typeof(IncomingBlock), "incomingBlock")]
[JsonDerivedType(typeof(QuotaExceeded), "quotaExceeded")]
public abstract record Notification;

/// <summary><c>incomingMessageReceived</c>.</summary>
public sealed record IncomingMessageReceived : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("senderData")] public required SenderData SenderData { get; init; }
    [JsonPropertyName("messageData")] public required MessageData MessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>outgoingMessageReceived</c>: a message sent from the phone.</summary>
public sealed record OutgoingMessageReceived : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("senderData")] public required SenderData SenderData { get; init; }
    [JsonPropertyName("messageData")] public required MessageData MessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>outgoingAPIMessageReceived</c>: a message sent through the API.</summary>
public sealed record OutgoingAPIMessageReceived : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("senderData")] public required SenderData SenderData { get; init; }
    [JsonPropertyName("messageData")] public required MessageData MessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>outgoingMessageStatus</c>.</summary>
public sealed record OutgoingMessageStatus : Notification
{
    [JsonPropertyName("chatId")] public required string ChatId { get; init; }
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("status")] public required OutgoingMessageStatusValue Status { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("sendByApi")] public required bool SendByApi { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>stateInstanceChanged</c>.</summary>
public sealed record StateInstanceChanged : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("stateInstance")] public required StateInstance StateInstance { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>statusInstanceChanged</c>.</summary>
public sealed record StatusInstanceChanged : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("statusInstance")] public required InstanceSocketStatus StatusInstance { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>deviceInfo</c>.</summary>
public sealed record DeviceInfo : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("deviceData")] public DeviceInfoDeviceData? DeviceData { get; init; }
    [JsonPropertyName("avatarInfo")] public DeviceInfoAvatarInfo? AvatarInfo { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>incomingCall</c>.</summary>
public sealed record IncomingCall : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("from")] public required string From { get; init; }
    [JsonPropertyName("status")] public required CallNotificationStatus Status { get; init; }
    [JsonPropertyName("isVideo")] public bool? IsVideo { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>outgoingCall</c>.</summary>
public sealed record OutgoingCall : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("idMessage")] public required string IdMessage { get; init; }
    [JsonPropertyName("from")] public required string From { get; init; }
    [JsonPropertyName("isVideo")] public bool? IsVideo { get; init; }
    [JsonPropertyName("duration")] public long? Duration { get; init; }
    [JsonPropertyName("status")] public required CallNotificationStatus Status { get; init; }
    [JsonPropertyName("participants")] public List<OutgoingCallParticipant>? Participants { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>incomingBlock</c>.</summary>
public sealed record IncomingBlock : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public required long Timestamp { get; init; }
    [JsonPropertyName("chatId")] public required string ChatId { get; init; }
    [JsonPropertyName("chatState")] public required IncomingBlockChatState ChatState { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>quotaExceeded</c>.</summary>
public sealed record QuotaExceeded : Notification
{
    [JsonPropertyName("instanceData")] public required InstanceData InstanceData { get; init; }
    [JsonPropertyName("timestamp")] public long? Timestamp { get; init; }
    [JsonPropertyName("quotaData")] public required QuotaExceededData QuotaData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

// ---------------------------------------------------------------------------------------------------
// Objects of the notification envelopes
// ---------------------------------------------------------------------------------------------------

/// <summary>The instance a notification comes from.</summary>
public sealed record InstanceData
{
    [JsonPropertyName("idInstance")] public required long IdInstance { get; init; }
    [JsonPropertyName("wid")] public string? Wid { get; init; }
    [JsonPropertyName("typeInstance")] public required InstanceMessengerType TypeInstance { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The chat and the sender of a message notification.</summary>
public sealed record SenderData
{
    [JsonPropertyName("chatId")] public required string ChatId { get; init; }
    [JsonPropertyName("sender")] public string? Sender { get; init; }
    [JsonPropertyName("chatName")] public string? ChatName { get; init; }
    [JsonPropertyName("senderName")] public required string SenderName { get; init; }
    [JsonPropertyName("senderContactName")] public string? SenderContactName { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>deviceInfo.deviceData</c>.</summary>
public sealed record DeviceInfoDeviceData
{
    [JsonPropertyName("platform")] public string? Platform { get; init; }
    [JsonPropertyName("deviceManufacturer")] public string? DeviceManufacturer { get; init; }
    [JsonPropertyName("deviceModel")] public string? DeviceModel { get; init; }
    [JsonPropertyName("osVersion")] public string? OsVersion { get; init; }
    [JsonPropertyName("waVersion")] public string? WaVersion { get; init; }
    [JsonPropertyName("battery")] public long? Battery { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>deviceInfo.avatarInfo</c>.</summary>
public sealed record DeviceInfoAvatarInfo
{
    [JsonPropertyName("chatId")] public required string ChatId { get; init; }
    [JsonPropertyName("existsWhatsapp")] public bool? ExistsWhatsapp { get; init; }
    [JsonPropertyName("urlAvatar")] public string? UrlAvatar { get; init; }
    [JsonPropertyName("reason")] public AvatarCheckFailureReason? Reason { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A participant of an outgoing call.</summary>
public sealed record OutgoingCallParticipant
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("status")] public required CallNotificationStatus Status { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>quotaExceeded.quotaData</c>.</summary>
public sealed record QuotaExceededData
{
    [JsonPropertyName("method")] public required string Method { get; init; }

    /// <summary>Integer or text on the wire (spec: <c>[integer, string]</c>).</summary>
    [JsonPropertyName("used")] public required JsonElement Used { get; init; }

    /// <summary>Integer or text on the wire (spec: <c>[integer, string]</c>).</summary>
    [JsonPropertyName("total")] public required JsonElement Total { get; init; }

    [JsonPropertyName("status")] public required QuotaExceededStatus Status { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

// ---------------------------------------------------------------------------------------------------
// MessageData (typeMessage)
// ---------------------------------------------------------------------------------------------------

/// <summary>The message carried by a message notification, told apart by <c>typeMessage</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "typeMessage")]
[JsonDerivedType(typeof(TextMessage), "textMessage")]
[JsonDerivedType(typeof(ExtendedTextMessage), "extendedTextMessage")]
[JsonDerivedType(typeof(QuotedMessageMessageData), "quotedMessage")]
[JsonDerivedType(typeof(ImageMessage), "imageMessage")]
[JsonDerivedType(typeof(VideoMessage), "videoMessage")]
[JsonDerivedType(typeof(DocumentMessage), "documentMessage")]
[JsonDerivedType(typeof(AudioMessage), "audioMessage")]
[JsonDerivedType(typeof(LocationMessage), "locationMessage")] // also "LocationMessage" (STJ: one id per type)
[JsonDerivedType(typeof(ContactMessage), "contactMessage")]
[JsonDerivedType(typeof(ContactsArrayMessage), "contactsArrayMessage")]
[JsonDerivedType(typeof(ButtonsMessage), "buttonsMessage")]
[JsonDerivedType(typeof(ListMessage), "ListMessage")] // also "listMessage"
[JsonDerivedType(typeof(TemplateMessage), "templateMessage")]
[JsonDerivedType(typeof(StickerMessage), "stickerMessage")]
[JsonDerivedType(typeof(ReactionMessage), "reactionMessage")]
[JsonDerivedType(typeof(GroupInviteMessage), "groupInviteMessage")]
[JsonDerivedType(typeof(PollMessage), "pollMessage")]
[JsonDerivedType(typeof(PollUpdateMessage), "pollUpdateMessage")]
[JsonDerivedType(typeof(ButtonsResponseMessage), "buttonsResponseMessage")]
[JsonDerivedType(typeof(TemplateButtonsReplyMessage), "templateButtonsReplyMessage")] // also "templateButtonReplyMessage"
[JsonDerivedType(typeof(ListResponseMessage), "listResponseMessage")] // also "ListResponseMessage"
[JsonDerivedType(typeof(EditedMessage), "editedMessage")]
[JsonDerivedType(typeof(DeletedMessage), "deletedMessage")]
[JsonDerivedType(typeof(InteractiveButtons), "interactiveButtons")]
[JsonDerivedType(typeof(InteractiveButtonsResponse), "interactiveButtonsResponse")]
public abstract record MessageData;

/// <summary><c>textMessage</c>.</summary>
public sealed record TextMessage : MessageData
{
    [JsonPropertyName("textMessageData")] public required TextMessageData TextMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>extendedTextMessage</c>.</summary>
public sealed record ExtendedTextMessage : MessageData
{
    [JsonPropertyName("extendedTextMessageData")] public required ExtendedTextMessageData ExtendedTextMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>quotedMessage</c>: a reply.</summary>
public sealed record QuotedMessageMessageData : MessageData
{
    [JsonPropertyName("extendedTextMessageData")] public required ExtendedTextMessageData ExtendedTextMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>imageMessage</c>.</summary>
public sealed record ImageMessage : MessageData
{
    [JsonPropertyName("fileMessageData")] public required FileMessageData FileMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>videoMessage</c>.</summary>
public sealed record VideoMessage : MessageData
{
    [JsonPropertyName("fileMessageData")] public required FileMessageData FileMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>documentMessage</c>.</summary>
public sealed record DocumentMessage : MessageData
{
    [JsonPropertyName("fileMessageData")] public required FileMessageData FileMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>audioMessage</c>.</summary>
public sealed record AudioMessage : MessageData
{
    [JsonPropertyName("fileMessageData")] public required FileMessageData FileMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>locationMessage</c> (also spelled <c>LocationMessage</c>).</summary>
public sealed record LocationMessage : MessageData
{
    [JsonPropertyName("locationMessageData")] public required LocationMessageData LocationMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>contactMessage</c>.</summary>
public sealed record ContactMessage : MessageData
{
    [JsonPropertyName("contactMessageData")] public required ContactMessageData ContactMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>contactsArrayMessage</c>.</summary>
public sealed record ContactsArrayMessage : MessageData
{
    [JsonPropertyName("messageData")] public ContactsArrayMessageData? MessageData { get; init; }
    [JsonPropertyName("contacts")] public List<ContactsArrayContact>? Contacts { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>buttonsMessage</c>.</summary>
public sealed record ButtonsMessage : MessageData
{
    [JsonPropertyName("buttonsMessage")] public required ButtonsMessageData ButtonsMessageValue { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>ListMessage</c> (also spelled <c>listMessage</c>).</summary>
public sealed record ListMessage : MessageData
{
    [JsonPropertyName("ListMessage")] public required ListMessageData ListMessageValue { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>templateMessage</c>.</summary>
public sealed record TemplateMessage : MessageData
{
    [JsonPropertyName("templateMessage")] public required TemplateMessageData TemplateMessageValue { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>stickerMessage</c>.</summary>
public sealed record StickerMessage : MessageData
{
    [JsonPropertyName("fileMessageData")] public required FileMessageData FileMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>reactionMessage</c>.</summary>
public sealed record ReactionMessage : MessageData
{
    [JsonPropertyName("extendedTextMessageData")] public required ReactionMessageData ExtendedTextMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public required QuotedMessage QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>groupInviteMessage</c>.</summary>
public sealed record GroupInviteMessage : MessageData
{
    [JsonPropertyName("groupInviteMessageData")] public required GroupInviteMessageData GroupInviteMessageData { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>pollMessage</c>.</summary>
public sealed record PollMessage : MessageData
{
    [JsonPropertyName("pollMessageData")] public PollMessageData? PollMessageData { get; init; }
    [JsonPropertyName("pollCreationMessage")] public PollCreationMessageData? PollCreationMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>pollUpdateMessage</c>.</summary>
public sealed record PollUpdateMessage : MessageData
{
    [JsonPropertyName("pollMessageData")] public required PollUpdateMessageData PollMessageData { get; init; }
    [JsonPropertyName("multipleAnswers")] public bool? MultipleAnswers { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>buttonsResponseMessage</c>.</summary>
public sealed record ButtonsResponseMessage : MessageData
{
    [JsonPropertyName("buttonsResponseMessage")] public required ButtonsResponseMessageData ButtonsResponseMessageValue { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>templateButtonsReplyMessage</c> (also spelled <c>templateButtonReplyMessage</c>).</summary>
public sealed record TemplateButtonsReplyMessage : MessageData
{
    [JsonPropertyName("templateButtonReplyMessage")] public required TemplateButtonReplyMessageData TemplateButtonReplyMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>listResponseMessage</c> (also spelled <c>ListResponseMessage</c>).</summary>
public sealed record ListResponseMessage : MessageData
{
    [JsonPropertyName("listResponseMessage")] public required ListResponseMessageData ListResponseMessageValue { get; init; }
    [JsonPropertyName("quotedMessage")] public QuotedMessage? QuotedMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>editedMessage</c>.</summary>
public sealed record EditedMessage : MessageData
{
    [JsonPropertyName("editedMessageData")] public required EditedMessageData EditedMessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>deletedMessage</c>.</summary>
public sealed record DeletedMessage : MessageData
{
    [JsonPropertyName("deletedMessageData")] public required DeletedMessageData DeletedMessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>interactiveButtons</c>.</summary>
public sealed record InteractiveButtons : MessageData
{
    [JsonPropertyName("interactiveButtons")] public required InteractiveButtonsData InteractiveButtonsValue { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>interactiveButtonsResponse</c>.</summary>
public sealed record InteractiveButtonsResponse : MessageData
{
    [JsonPropertyName("interactiveButtonsResponse")] public required InteractiveButtonsResponseData InteractiveButtonsResponseValue { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

// ---------------------------------------------------------------------------------------------------
// Objects of the message cases
// ---------------------------------------------------------------------------------------------------

/// <summary><c>textMessageData</c>.</summary>
public sealed record TextMessageData
{
    [JsonPropertyName("textMessage")] public required string TextMessage { get; init; }
    [JsonPropertyName("isTemplateMessage")] public bool? IsTemplateMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The message a reply quotes (<c>quotedMessage</c>).</summary>
public sealed record QuotedMessage
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonPropertyName("participant")] public required string Participant { get; init; }
    [JsonPropertyName("typeMessage")] public MessageDataType? TypeMessage { get; init; }
    [JsonPropertyName("textMessage")] public string? TextMessage { get; init; }
    [JsonPropertyName("downloadUrl")] public string? DownloadUrl { get; init; }
    [JsonPropertyName("caption")] public string? Caption { get; init; }
    [JsonPropertyName("fileName")] public string? FileName { get; init; }
    [JsonPropertyName("jpegThumbnail")] public string? JpegThumbnail { get; init; }
    [JsonPropertyName("mimeType")] public string? MimeType { get; init; }
    [JsonPropertyName("isAnimated")] public bool? IsAnimated { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("location")] public LocationMessageData? Location { get; init; }
    [JsonPropertyName("contact")] public ContactMessageData? Contact { get; init; }
    [JsonPropertyName("extendedTextMessage")] public ExtendedTextMessageData? ExtendedTextMessage { get; init; }
    [JsonPropertyName("pollMessageData")] public PollMessageData? PollMessageData { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>locationMessageData</c>.</summary>
public sealed record LocationMessageData
{
    [JsonPropertyName("nameLocation")] public string? NameLocation { get; init; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonPropertyName("jpegThumbnail")] public string? JpegThumbnail { get; init; }
    [JsonPropertyName("latitude")] public required double Latitude { get; init; }
    [JsonPropertyName("longitude")] public required double Longitude { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>contactMessageData</c>.</summary>
public sealed record ContactMessageData
{
    [JsonPropertyName("displayName")] public required string DisplayName { get; init; }
    [JsonPropertyName("vcard")] public required string Vcard { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>extendedTextMessageData</c>.</summary>
public sealed record ExtendedTextMessageData
{
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("containsAutoReply")] public bool? ContainsAutoReply { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("showAdAttribution")] public bool? ShowAdAttribution { get; init; }
    [JsonPropertyName("sourceId")] public string? SourceId { get; init; }
    [JsonPropertyName("sourceType")] public string? SourceType { get; init; }
    [JsonPropertyName("sourceUrl")] public string? SourceUrl { get; init; }
    [JsonPropertyName("conversionSource")] public string? ConversionSource { get; init; }
    [JsonPropertyName("entryPointConversionApp")] public string? EntryPointConversionApp { get; init; }

    /// <summary>May be null on the wire (generated: <c>Optional&lt;string?&gt;</c>, which also tells absent from null).</summary>
    [JsonPropertyName("jpegThumbnail")] public string? JpegThumbnail { get; init; }

    [JsonPropertyName("thumbnailUrl")] public string? ThumbnailUrl { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("previewType")] public string? PreviewType { get; init; }
    [JsonPropertyName("stanzaId")] public string? StanzaId { get; init; }
    [JsonPropertyName("participant")] public string? Participant { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>pollMessageData</c> of a poll.</summary>
public sealed record PollMessageData
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("options")] public required List<PollMessageOption> Options { get; init; }
    [JsonPropertyName("multipleAnswers")] public bool? MultipleAnswers { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An option of a poll.</summary>
public sealed record PollMessageOption
{
    [JsonPropertyName("optionName")] public required string OptionName { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>fileMessageData</c> of image, video, document, audio and sticker messages.</summary>
public sealed record FileMessageData
{
    [JsonPropertyName("downloadUrl")] public required string DownloadUrl { get; init; }
    [JsonPropertyName("caption")] public string? Caption { get; init; }
    [JsonPropertyName("fileName")] public string? FileName { get; init; }
    [JsonPropertyName("jpegThumbnail")] public string? JpegThumbnail { get; init; }
    [JsonPropertyName("isAnimated")] public bool? IsAnimated { get; init; }
    [JsonPropertyName("mimeType")] public required string MimeType { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>messageData</c> of a contacts array message.</summary>
public sealed record ContactsArrayMessageData
{
    [JsonPropertyName("contacts")] public required List<ContactsArrayContact> Contacts { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A contact of a contacts array message.</summary>
public sealed record ContactsArrayContact
{
    [JsonPropertyName("displayName")] public required string DisplayName { get; init; }
    [JsonPropertyName("vcard")] public required string Vcard { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>buttonsMessage</c> of a buttons message.</summary>
public sealed record ButtonsMessageData
{
    [JsonPropertyName("contentText")] public string? ContentText { get; init; }
    [JsonPropertyName("footer")] public string? Footer { get; init; }
    [JsonPropertyName("buttons")] public required List<ButtonsMessageDataButton> Buttons { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A button of a buttons message.</summary>
public sealed record ButtonsMessageDataButton
{
    [JsonPropertyName("buttonId")] public required string ButtonId { get; init; }
    [JsonPropertyName("buttonText")] public required string ButtonText { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>ListMessage</c> of a list message.</summary>
public sealed record ListMessageData
{
    [JsonPropertyName("contentText")] public string? ContentText { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("footer")] public string? Footer { get; init; }
    [JsonPropertyName("buttonText")] public string? ButtonText { get; init; }
    [JsonPropertyName("sections")] public required List<ListMessageDataSection> Sections { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A section of a list message.</summary>
public sealed record ListMessageDataSection
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("rows")] public required List<ListMessageDataRow> Rows { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A row of a list message section.</summary>
public sealed record ListMessageDataRow
{
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("rowId")] public required string RowId { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>templateMessage</c> of a template message.</summary>
public sealed record TemplateMessageData
{
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("elementName")] public string? ElementName { get; init; }
    [JsonPropertyName("contentText")] public string? ContentText { get; init; }
    [JsonPropertyName("footer")] public string? Footer { get; init; }
    [JsonPropertyName("buttons")] public required List<TemplateMessageDataButton> Buttons { get; init; }
    [JsonPropertyName("isForwarded")] public bool? IsForwarded { get; init; }
    [JsonPropertyName("forwardingScore")] public long? ForwardingScore { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A button of a template message.</summary>
public sealed record TemplateMessageDataButton
{
    /// <summary>Integer or text on the wire (spec: <c>[integer, string]</c>).</summary>
    [JsonPropertyName("index")] public required JsonElement Index { get; init; }

    [JsonPropertyName("urlButton")] public TemplateMessageDataUrlButton? UrlButton { get; init; }
    [JsonPropertyName("callButton")] public TemplateMessageDataCallButton? CallButton { get; init; }
    [JsonPropertyName("quickReplyButton")] public TemplateMessageDataQuickReplyButton? QuickReplyButton { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A link button of a template message.</summary>
public sealed record TemplateMessageDataUrlButton
{
    [JsonPropertyName("displayText")] public required string DisplayText { get; init; }
    [JsonPropertyName("url")] public required string Url { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A call button of a template message.</summary>
public sealed record TemplateMessageDataCallButton
{
    [JsonPropertyName("displayText")] public required string DisplayText { get; init; }
    [JsonPropertyName("phoneNumber")] public required string PhoneNumber { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A quick-reply button of a template message.</summary>
public sealed record TemplateMessageDataQuickReplyButton
{
    [JsonPropertyName("displayText")] public required string DisplayText { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>extendedTextMessageData</c> of a reaction.</summary>
public sealed record ReactionMessageData
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>groupInviteMessageData</c>.</summary>
public sealed record GroupInviteMessageData
{
    [JsonPropertyName("groupJid")] public required string GroupJid { get; init; }
    [JsonPropertyName("inviteCode")] public required string InviteCode { get; init; }

    /// <summary>Text, integer or a protobuf int64 object on the wire (spec: <c>oneOf</c>).</summary>
    [JsonPropertyName("inviteExpiration")] public JsonElement? InviteExpiration { get; init; }

    [JsonPropertyName("groupName")] public string? GroupName { get; init; }
    [JsonPropertyName("caption")] public string? Caption { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("jpegThumbnail")] public string? JpegThumbnail { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>pollCreationMessage</c> (older poll shape).</summary>
public sealed record PollCreationMessageData
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("options")] public required List<PollMessageOption> Options { get; init; }
    [JsonPropertyName("selectableOptionsCount")] public long? SelectableOptionsCount { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>pollMessageData</c> of a poll update.</summary>
public sealed record PollUpdateMessageData
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("votes")] public required List<PollMessageVote> Votes { get; init; }
    [JsonPropertyName("multipleAnswers")] public bool? MultipleAnswers { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The votes for one poll option.</summary>
public sealed record PollMessageVote
{
    [JsonPropertyName("optionName")] public required string OptionName { get; init; }
    [JsonPropertyName("optionVoters")] public required List<string> OptionVoters { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>buttonsResponseMessage</c> of a button selection.</summary>
public sealed record ButtonsResponseMessageData
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonPropertyName("selectedButtonId")] public required string SelectedButtonId { get; init; }
    [JsonPropertyName("selectedButtonText")] public string? SelectedButtonText { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>templateButtonReplyMessage</c> of a template-button selection.</summary>
public sealed record TemplateButtonReplyMessageData
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }

    /// <summary>Integer or text on the wire (spec: <c>[integer, string]</c>).</summary>
    [JsonPropertyName("selectedIndex")] public JsonElement? SelectedIndex { get; init; }

    [JsonPropertyName("selectedId")] public required string SelectedId { get; init; }
    [JsonPropertyName("selectedDisplayText")] public string? SelectedDisplayText { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>listResponseMessage</c> of a list selection.</summary>
public sealed record ListResponseMessageData
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("listType")] public ListResponseMessageDataListType? ListType { get; init; }
    [JsonPropertyName("singleSelectReply")] public required string SingleSelectReply { get; init; }
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>editedMessageData</c>.</summary>
public sealed record EditedMessageData
{
    [JsonPropertyName("textMessage")] public required string TextMessage { get; init; }
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>deletedMessageData</c>.</summary>
public sealed record DeletedMessageData
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonPropertyName("typeMessage")] public string? TypeMessage { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>interactiveButtons</c> of an interactive buttons message.</summary>
public sealed record InteractiveButtonsData
{
    [JsonPropertyName("titleText")] public string? TitleText { get; init; }
    [JsonPropertyName("contentText")] public string? ContentText { get; init; }
    [JsonPropertyName("footerText")] public string? FooterText { get; init; }
    [JsonPropertyName("buttons")] public required List<InteractiveButtonsDataButton> Buttons { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A button of an interactive buttons message.</summary>
public sealed record InteractiveButtonsDataButton
{
    [JsonPropertyName("type")] public required InteractiveButtonsDataButtonType Type { get; init; }
    [JsonPropertyName("buttonId")] public required string ButtonId { get; init; }
    [JsonPropertyName("buttonText")] public required string ButtonText { get; init; }
    [JsonPropertyName("copyCode")] public string? CopyCode { get; init; }
    [JsonPropertyName("phoneNumber")] public string? PhoneNumber { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>interactiveButtonsResponse</c> of an interactive button selection.</summary>
public sealed record InteractiveButtonsResponseData
{
    [JsonPropertyName("stanzaId")] public required string StanzaId { get; init; }
    [JsonPropertyName("selectedIndex")] public long? SelectedIndex { get; init; }
    [JsonPropertyName("selectedId")] public required string SelectedId { get; init; }
    [JsonPropertyName("selectedDisplayText")] public string? SelectedDisplayText { get; init; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

// ---------------------------------------------------------------------------------------------------
// Enums (the generated ones are open string-backed structs; these are closed)
// ---------------------------------------------------------------------------------------------------

/// <summary><c>instanceData.typeInstance</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceMessengerType>))]
public enum InstanceMessengerType
{
    [JsonStringEnumMemberName("whatsapp")] Whatsapp,
}

/// <summary>Every <c>typeMessage</c> spelling (used by <see cref="QuotedMessage.TypeMessage"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageDataType>))]
public enum MessageDataType
{
    [JsonStringEnumMemberName("textMessage")] TextMessage,
    [JsonStringEnumMemberName("extendedTextMessage")] ExtendedTextMessage,
    [JsonStringEnumMemberName("quotedMessage")] QuotedMessage,
    [JsonStringEnumMemberName("imageMessage")] ImageMessage,
    [JsonStringEnumMemberName("videoMessage")] VideoMessage,
    [JsonStringEnumMemberName("documentMessage")] DocumentMessage,
    [JsonStringEnumMemberName("audioMessage")] AudioMessage,
    [JsonStringEnumMemberName("locationMessage")] LocationMessage,
    [JsonStringEnumMemberName("LocationMessage")] LocationMessageValue,
    [JsonStringEnumMemberName("contactMessage")] ContactMessage,
    [JsonStringEnumMemberName("contactsArrayMessage")] ContactsArrayMessage,
    [JsonStringEnumMemberName("buttonsMessage")] ButtonsMessage,
    [JsonStringEnumMemberName("ListMessage")] ListMessage,
    [JsonStringEnumMemberName("listMessage")] ListMessageValue,
    [JsonStringEnumMemberName("templateMessage")] TemplateMessage,
    [JsonStringEnumMemberName("stickerMessage")] StickerMessage,
    [JsonStringEnumMemberName("reactionMessage")] ReactionMessage,
    [JsonStringEnumMemberName("groupInviteMessage")] GroupInviteMessage,
    [JsonStringEnumMemberName("pollMessage")] PollMessage,
    [JsonStringEnumMemberName("pollUpdateMessage")] PollUpdateMessage,
    [JsonStringEnumMemberName("buttonsResponseMessage")] ButtonsResponseMessage,
    [JsonStringEnumMemberName("templateButtonsReplyMessage")] TemplateButtonsReplyMessage,
    [JsonStringEnumMemberName("templateButtonReplyMessage")] TemplateButtonReplyMessage,
    [JsonStringEnumMemberName("listResponseMessage")] ListResponseMessage,
    [JsonStringEnumMemberName("ListResponseMessage")] ListResponseMessageValue,
    [JsonStringEnumMemberName("editedMessage")] EditedMessage,
    [JsonStringEnumMemberName("deletedMessage")] DeletedMessage,
    [JsonStringEnumMemberName("interactiveButtons")] InteractiveButtons,
    [JsonStringEnumMemberName("interactiveButtonsResponse")] InteractiveButtonsResponse,
}

/// <summary><c>outgoingMessageStatus.status</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutgoingMessageStatusValue>))]
public enum OutgoingMessageStatusValue
{
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("noAccount")] NoAccount,
    [JsonStringEnumMemberName("notInGroup")] NotInGroup,
    [JsonStringEnumMemberName("yellowCard")] YellowCard,
}

/// <summary><c>stateInstanceChanged.stateInstance</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StateInstance>))]
public enum StateInstance
{
    [JsonStringEnumMemberName("notAuthorized")] NotAuthorized,
    [JsonStringEnumMemberName("authorized")] Authorized,
    [JsonStringEnumMemberName("blocked")] Blocked,
    [JsonStringEnumMemberName("sleepMode")] SleepMode,
    [JsonStringEnumMemberName("starting")] Starting,
    [JsonStringEnumMemberName("yellowCard")] YellowCard,
}

/// <summary><c>statusInstanceChanged.statusInstance</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstanceSocketStatus>))]
public enum InstanceSocketStatus
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("offline")] Offline,
    [JsonStringEnumMemberName("onLine")] OnLine,
}

/// <summary><c>deviceInfo.avatarInfo.reason</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AvatarCheckFailureReason>))]
public enum AvatarCheckFailureReason
{
    [JsonStringEnumMemberName("bad request data")] BadRequestData,
    [JsonStringEnumMemberName("get avatar timeout limit exceeded")] GetAvatarTimeoutLimitExceeded,
}

/// <summary>Status of a call (<c>incomingCall</c>, <c>outgoingCall</c> and its participants).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallNotificationStatus>))]
public enum CallNotificationStatus
{
    [JsonStringEnumMemberName("offer")] Offer,
    [JsonStringEnumMemberName("pickUp")] PickUp,
    [JsonStringEnumMemberName("hangUp")] HangUp,
    [JsonStringEnumMemberName("missed")] Missed,
    [JsonStringEnumMemberName("declined")] Declined,
}

/// <summary><c>incomingBlock.chatState</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IncomingBlockChatState>))]
public enum IncomingBlockChatState
{
    [JsonStringEnumMemberName("blocked")] Blocked,
}

/// <summary><c>quotaExceeded.quotaData.status</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaExceededStatus>))]
public enum QuotaExceededStatus
{
    [JsonStringEnumMemberName("CORRESPONDENTS_QUOTA_EXCEEDED")] CorrespondentsQuotaExceeded,
}

/// <summary><c>listResponseMessage.listType</c> (the string <c>"1"</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListResponseMessageDataListType>))]
public enum ListResponseMessageDataListType
{
    [JsonStringEnumMemberName("1")] SingleSelect = 1,
}

/// <summary><c>type</c> of an interactive button.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InteractiveButtonsDataButtonType>))]
public enum InteractiveButtonsDataButtonType
{
    [JsonStringEnumMemberName("copy")] Copy,
    [JsonStringEnumMemberName("call")] Call,
    [JsonStringEnumMemberName("url")] Url,
    [JsonStringEnumMemberName("reply")] Reply,
}

// ---------------------------------------------------------------------------------------------------
// Source-generated context and the entry point
// ---------------------------------------------------------------------------------------------------

/// <summary>
/// Metadata for <see cref="Notification"/> and everything it reaches. <c>AllowOutOfOrderMetadataProperties</c>:
/// <c>typeWebhook</c>/<c>typeMessage</c> are not always the first property on the wire.
/// </summary>
[JsonSourceGenerationOptions(AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(Notification))]
public sealed partial class StjContext : JsonSerializerContext;

/// <summary>Decodes a notification with System.Text.Json.</summary>
public static class StjDecoder
{
    /// <summary>Decodes UTF-8 JSON into a <see cref="Notification"/>; throws <see cref="JsonException"/> on failure.</summary>
    public static Notification Decode(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, StjContext.Default.Notification) ?? throw new JsonException("The notification is JSON null.");
}
