using System.Net;

namespace GreenApi;

/// <summary>
/// The request itself is wrong (HTTP 400 validation errors, 404, a body or file over the size limit):
/// repeating it cannot help. <see cref="GreenApiException.ErrorText"/> names the field.
/// </summary>
public sealed class GreenApiValidationException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiValidationException(string method, HttpStatusCode? statusCode, string errorText, string message, GreenApiErrorPolicy? policy = null, int attempts = 1, Exception? inner = null)
        : base(method, statusCode, errorText, message, inner, policy, attempts)
    {
    }
}

/// <summary>The service refused the credentials (401: the token; 403: the instance id or host).</summary>
public sealed class GreenApiAuthenticationException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiAuthenticationException(string method, HttpStatusCode? statusCode, string errorText, string message, GreenApiErrorPolicy? policy = null, int attempts = 1, Exception? inner = null)
        : base(method, statusCode, errorText, message, inner, policy, attempts)
    {
    }
}

/// <summary>The service kept answering 429 Too Many Requests after the retries the spec allows.</summary>
public sealed class GreenApiRateLimitedException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiRateLimitedException(string method, HttpStatusCode? statusCode, string errorText, string message, TimeSpan? retryAfter, GreenApiErrorPolicy? policy = null, int attempts = 1, Exception? inner = null)
        : base(method, statusCode, errorText, message, inner, policy, attempts)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The last <c>Retry-After</c> the service sent, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>
/// A Developer-tariff limit is used up: the method's monthly quota or the 3-chat correspondents limit
/// (HTTP 466, or stopped locally before the call when <see cref="IsLocal"/>). Limits reset on the 1st of
/// each month; the Business tariff has none.
/// </summary>
public sealed class GreenApiQuotaExceededException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiQuotaExceededException(string method, HttpStatusCode? statusCode, string errorText, string message, GreenApiQuotaStatus? invokeStatus, GreenApiQuotaStatus? correspondentsStatus, bool isLocal, GreenApiErrorPolicy? policy = null, int attempts = 1)
        : base(method, statusCode, errorText, message, null, policy, attempts)
    {
        InvokeStatus = invokeStatus;
        CorrespondentsStatus = correspondentsStatus;
        IsLocal = isLocal;
    }

    /// <summary>The state of the method's monthly quota (<c>invokeStatus</c>), when known.</summary>
    public GreenApiQuotaStatus? InvokeStatus { get; }

    /// <summary>The state of the monthly correspondents limit (<c>correspondentsStatus</c>), when known.</summary>
    public GreenApiQuotaStatus? CorrespondentsStatus { get; }

    /// <summary>Whether the SDK stopped the call itself, from its own counters, without asking the service.</summary>
    public bool IsLocal { get; }
}

/// <summary>
/// The instance cannot serve the call in its current state: starting, not authorized, expired, deleted,
/// or set up for webhooks while the queue was polled. A person has to act (see the message).
/// </summary>
public sealed class GreenApiInstanceStateException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiInstanceStateException(string method, HttpStatusCode? statusCode, string errorText, string message, GreenApiErrorPolicy? policy = null, int attempts = 1, Exception? inner = null)
        : base(method, statusCode, errorText, message, inner, policy, attempts)
    {
    }
}

/// <summary>
/// The service or the network failed: 5xx or 499 after the retries the spec allows, a dropped
/// connection, or no answer within <see cref="GreenApiClientOptions.RequestTimeout"/>
/// (<see cref="GreenApiException.StatusCode"/> is then <see langword="null"/>).
/// </summary>
public sealed class GreenApiServerException : GreenApiException
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiServerException(string method, HttpStatusCode? statusCode, string errorText, string message, GreenApiErrorPolicy? policy = null, int attempts = 1, Exception? inner = null)
        : base(method, statusCode, errorText, message, inner, policy, attempts)
    {
    }
}
