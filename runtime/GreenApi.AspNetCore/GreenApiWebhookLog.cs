using Microsoft.Extensions.Logging;

namespace GreenApi.AspNetCore;

/// <summary>
/// The webhook endpoint's log messages (category <see cref="GreenApiWebhookOptions.LogCategory"/>). None of them
/// carries the Authorization header or the configured token.
/// </summary>
internal static partial class GreenApiWebhookLog
{
    [LoggerMessage(EventId = 1, EventName = "AuthorizationMissing", Level = LogLevel.Warning,
        Message = "Rejected a Green API webhook request from {RemoteAddress} with 401: it has no Authorization header, and an AuthorizationToken is configured.")]
    public static partial void AuthorizationMissing(ILogger logger, string? remoteAddress);

    [LoggerMessage(EventId = 2, EventName = "AuthorizationWrong", Level = LogLevel.Warning,
        Message = "Rejected a Green API webhook request from {RemoteAddress} with 401: its Authorization header does not match the configured AuthorizationToken (the instance's webhookUrlToken).")]
    public static partial void AuthorizationWrong(ILogger logger, string? remoteAddress);

    [LoggerMessage(EventId = 3, EventName = "BodyTooLarge", Level = LogLevel.Warning,
        Message = "Rejected a Green API webhook request from {RemoteAddress} with 413: the body (Content-Length {ContentLength}) is larger than MaxBodyBytes, {MaxBodyBytes} bytes.")]
    public static partial void BodyTooLarge(ILogger logger, string? remoteAddress, long? contentLength, int maxBodyBytes);

    [LoggerMessage(EventId = 4, EventName = "BodyUnreadable", Level = LogLevel.Warning,
        Message = "Rejected a Green API webhook request from {RemoteAddress} with 400: its body could not be read: {Reason}")]
    public static partial void BodyUnreadable(ILogger logger, string? remoteAddress, string reason);

    [LoggerMessage(EventId = 5, EventName = "Undecodable", Level = LogLevel.Warning,
        Message = "Rejected a Green API webhook body with 400: it cannot be decoded as {TargetType} at {JsonPath} (line {LineNumber}, byte {BytePositionInLine}): {Reason}. Body ({BodyBytes} bytes): {Body}")]
    public static partial void Undecodable(ILogger logger, string targetType, string? jsonPath, long? lineNumber, long? bytePositionInLine, string reason, int bodyBytes, string body);

    [LoggerMessage(EventId = 6, EventName = "Duplicate", Level = LogLevel.Debug,
        Message = "Answered 200 without calling the handler: the Green API notification {NotificationKey} was handled before.")]
    public static partial void Duplicate(ILogger logger, string notificationKey);

    [LoggerMessage(EventId = 7, EventName = "HandlerFailed", Level = LogLevel.Error,
        Message = "The Green API webhook handler failed for a {NotificationType} notification; answered 500 so that the service delivers it again later.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string notificationType);

    [LoggerMessage(EventId = 8, EventName = "Aborted", Level = LogLevel.Debug,
        Message = "The Green API webhook request was aborted by the caller before it was handled; the service delivers it again later.")]
    public static partial void Aborted(ILogger logger);
}
