namespace GreenApi.Receiving;

/// <summary>
/// The HTTP API notification queue of one instance (receiveNotification / deleteNotification). The
/// generated <c>ReceivingApi</c> implements it, so the receivers never name a method.
/// </summary>
/// <typeparam name="TNotification">The generated notification union.</typeparam>
public interface IGreenApiNotificationSource<TNotification>
{
    /// <summary>
    /// Takes the oldest notification without removing it, waiting up to <paramref name="receiveTimeoutSeconds"/>
    /// (5–60; <see langword="null"/> for the service's default of 5). <see langword="null"/> when the queue stayed empty.
    /// </summary>
    Task<GreenApiReceivedNotification<TNotification>?> ReceiveAsync(int? receiveTimeoutSeconds, CancellationToken cancellationToken);

    /// <summary>Removes the notification with <paramref name="receiptId"/> from the queue.</summary>
    Task DeleteAsync(long receiptId, CancellationToken cancellationToken);
}

/// <summary>
/// One notification taken from the queue. When its body could not be decoded, <see cref="Body"/> is
/// <see langword="null"/> and <see cref="DecodeError"/> says why; the receipt id still allows deleting it.
/// </summary>
/// <typeparam name="TNotification">The generated notification union.</typeparam>
/// <param name="ReceiptId">The receipt to pass to deleteNotification.</param>
/// <param name="Body">The decoded notification, or <see langword="null"/> when it could not be decoded.</param>
/// <param name="RawJson">The notification body exactly as it arrived.</param>
/// <param name="DecodeError">Why the body could not be decoded, or <see langword="null"/>.</param>
public sealed record GreenApiReceivedNotification<TNotification>(long ReceiptId, TNotification? Body, string RawJson, GreenApiDecodeException? DecodeError = null);
