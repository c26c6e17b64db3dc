using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GreenApi.Receiving;
using GreenApi.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace GreenApi.AspNetCore;

/// <summary>
/// The request delegate behind a mapped webhook: checks the Authorization header in constant time, reads the
/// body up to the limit, decodes it, drops duplicates, calls the handler and answers with the status codes
/// the service's retry logic expects (2xx: delivered; anything else: delivered again later).
/// </summary>
internal sealed class GreenApiWebhookEndpoint<TNotification>
    where TNotification : IGreenApiJsonValue<TNotification>
{
    private const int StackHashInputBytes = 512;
    private const int UnknownLengthInitialBuffer = 16 * 1024;

    private static readonly GreenApiJsonReader<TNotification> Read = static (ref Utf8JsonReader reader) => TNotification.ReadJson(ref reader);
    private static readonly string TargetType = typeof(TNotification).Name;

    private readonly Func<TNotification, HttpContext, CancellationToken, Task> _handler;
    private readonly byte[]? _expectedAuthorizationHash;
    private readonly string _authenticateScheme;
    private readonly int _maxBodyBytes;
    private readonly int _logBodyLimit;
    private readonly GreenApiNotificationDeduplicator? _deduplicator;
    private readonly ILogger _logger;

    public GreenApiWebhookEndpoint(Func<TNotification, HttpContext, CancellationToken, Task> handler, GreenApiWebhookOptions options, ILogger logger)
    {
        _handler = handler;
        _maxBodyBytes = options.MaxBodyBytes;
        _logBodyLimit = options.LogBodyLimit;
        _deduplicator = options.Deduplicator;
        _logger = logger;
        _authenticateScheme = "Bearer";
        if (!string.IsNullOrEmpty(options.AuthorizationToken))
        {
            var expected = ExpectedAuthorization(options.AuthorizationToken);
            _authenticateScheme = expected.StartsWith("Basic ", StringComparison.Ordinal) ? "Basic" : "Bearer";
            _expectedAuthorizationHash = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        }
    }

    /// <summary>The header the service sends for a <c>webhookUrlToken</c>: as set when it names its scheme, otherwise as a bearer token.</summary>
    internal static string ExpectedAuthorization(string token) =>
        token.StartsWith("Basic ", StringComparison.Ordinal) || token.StartsWith("Bearer ", StringComparison.Ordinal) ? token : "Bearer " + token;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;

        if (_expectedAuthorizationHash is not null)
        {
            var authorization = request.Headers.Authorization;
            if (authorization.Count == 0 || string.IsNullOrEmpty(authorization[0]))
            {
                GreenApiWebhookLog.AuthorizationMissing(_logger, RemoteAddress(context));
                Unauthorized(context);
                return;
            }

            // Two Authorization headers are never what the service sends; both are compared anyway so the time
            // taken does not depend on which one is wrong.
            var matches = authorization.Count == 1 & Matches(authorization[0]!);
            if (!matches)
            {
                GreenApiWebhookLog.AuthorizationWrong(_logger, RemoteAddress(context));
                Unauthorized(context);
                return;
            }
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            GreenApiWebhookLog.BodyTooLarge(_logger, RemoteAddress(context), request.ContentLength, _maxBodyBytes);
            TooLarge(context);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // The endpoint's own limit replaces the server's (so that a MaxBodyBytes above it works too): the
            // reader below never takes more than MaxBodyBytes + 1 bytes. The server's count could not be used
            // instead: for a chunked body Kestrel counts the chunk framing too.
            sizeFeature.MaxRequestBodySize = null;
        }

        byte[]? buffer = null;
        var length = 0;
        TNotification notification;
        string? key = null;
        try
        {
            try
            {
                (buffer, length) = await ReadBodyAsync(request.Body, request.ContentLength, aborted).ConfigureAwait(false);
            }
            catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException)
            {
                GreenApiWebhookLog.Aborted(_logger);
                return;
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                GreenApiWebhookLog.BodyTooLarge(_logger, RemoteAddress(context), request.ContentLength, _maxBodyBytes);
                TooLarge(context);
                return;
            }
            catch (BadHttpRequestException e)
            {
                GreenApiWebhookLog.BodyUnreadable(_logger, RemoteAddress(context), e.Message);
                Answer(context, StatusCodes.Status400BadRequest);
                return;
            }

            if (buffer is null)
            {
                GreenApiWebhookLog.BodyTooLarge(_logger, RemoteAddress(context), request.ContentLength, _maxBodyBytes);
                TooLarge(context);
                return;
            }

            var body = buffer.AsSpan(0, length);
            try
            {
                notification = GreenApiJson.Parse(body, Read, TargetType);
            }
            catch (GreenApiDecodeException e)
            {
                if (_logger.IsEnabled(LogLevel.Warning))
                {
                    GreenApiWebhookLog.Undecodable(_logger, TargetType, e.Path, e.LineNumber, e.BytePositionInLine, e.Reason, length, BodyForLog(body, _logBodyLimit));
                }

                Answer(context, StatusCodes.Status400BadRequest);
                return;
            }

            if (_deduplicator is not null)
            {
                key = _deduplicator.KeyOf(Encoding.UTF8.GetString(body));
                if (key is not null && !_deduplicator.TryRegister(key))
                {
                    GreenApiWebhookLog.Duplicate(_logger, KeyForLog(key));
                    Answer(context, StatusCodes.Status200OK);
                    return;
                }
            }
        }
        finally
        {
            if (buffer is not null)
            {
                // Message texts do not linger in the shared pool.
                buffer.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        try
        {
            await _handler(notification, context, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Forget(key);
            GreenApiWebhookLog.Aborted(_logger);
            return;
        }
        catch (Exception e)
        {
            Forget(key);
            GreenApiWebhookLog.HandlerFailed(_logger, e, notification.GetType().Name);
            Answer(context, StatusCodes.Status500InternalServerError);
            return;
        }

        Answer(context, StatusCodes.Status200OK);
    }

    private void Forget(string? key)
    {
        if (key is not null)
        {
            _deduplicator!.Forget(key);
        }
    }

    private bool Matches(string header)
    {
        var max = Encoding.UTF8.GetMaxByteCount(header.Length);
        var rented = max > StackHashInputBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> bytes = rented ?? stackalloc byte[StackHashInputBytes];
        try
        {
            var count = Encoding.UTF8.GetBytes(header, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..count], hash);
            bytes[..count].Clear();
            return CryptographicOperations.FixedTimeEquals(hash, _expectedAuthorizationHash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The body in a pooled buffer, or a <see langword="null"/> buffer when it is larger than the limit.</summary>
    private async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(Stream body, long? contentLength, CancellationToken cancellationToken)
    {
        // One byte more than the limit may be read: that is how a body over the limit is told apart.
        var limit = (int)Math.Min((long)_maxBodyBytes + 1, Array.MaxLength);
        var initial = contentLength is { } declared ? (int)Math.Min(declared + 1, limit) : Math.Min(UnknownLengthInitialBuffer, limit);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length >= limit)
                {
                    buffer.AsSpan(0, length).Clear();
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                    return (null, 0);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    buffer.AsSpan(0, length).Clear();
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    var result = buffer;
                    buffer = null;
                    return (result, length);
                }

                length += read;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                buffer.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private void Unauthorized(HttpContext context)
    {
        Answer(context, StatusCodes.Status401Unauthorized);
        if (!context.Response.HasStarted)
        {
            context.Response.Headers.WWWAuthenticate = _authenticateScheme;
        }
    }

    private static void TooLarge(HttpContext context)
    {
        Answer(context, StatusCodes.Status413PayloadTooLarge);
        if (!context.Response.HasStarted)
        {
            // The rest of the body is not read: the connection is closed instead of drained.
            context.Response.Headers.Connection = "close";
        }
    }

    private static void Answer(HttpContext context, int statusCode)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = statusCode;
        response.ContentLength = 0;
    }

    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static string KeyForLog(string key) => key.Replace('\u001f', '/');

    /// <summary>The first <paramref name="limit"/> characters of the body, control characters escaped so the body cannot forge log lines.</summary>
    internal static string BodyForLog(ReadOnlySpan<byte> body, int limit)
    {
        if (limit <= 0 || body.IsEmpty)
        {
            return "";
        }

        // Any UTF-8 sequence of at most 3 bytes is one UTF-16 character, so 3 bytes per character decode enough.
        var prefix = body[..(int)Math.Min(body.Length, (long)limit * 3)];
        var text = Encoding.UTF8.GetString(prefix);
        var truncated = text.Length > limit || prefix.Length < body.Length;
        if (text.Length > limit)
        {
            text = text[..limit];
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                builder.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => $"\\u{(int)c:x4}",
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        if (truncated)
        {
            builder.Append('…');
        }

        return builder.ToString();
    }
}
