using System.Net;

namespace GreenApi;

/// <summary>
/// A call failed. The subclasses say how: <see cref="GreenApiValidationException"/>,
/// <see cref="GreenApiAuthenticationException"/>, <see cref="GreenApiRateLimitedException"/>,
/// <see cref="GreenApiQuotaExceededException"/>, <see cref="GreenApiInstanceStateException"/> and
/// <see cref="GreenApiServerException"/>. Nothing in it carries the token.
/// </summary>
public class GreenApiException : Exception
{
    /// <summary>Creates the exception; <paramref name="errorText"/> and <paramref name="message"/> must already be redacted.</summary>
    public GreenApiException(string method, HttpStatusCode? statusCode, string errorText, string message, Exception? inner = null, GreenApiErrorPolicy? policy = null, int attempts = 1)
        : base(message, inner)
    {
        Method = method;
        StatusCode = statusCode;
        ErrorText = errorText;
        Policy = policy;
        Attempts = attempts;
    }

    /// <summary>The method name.</summary>
    public string Method { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The service's error text (the body, shortened), with tokens masked.</summary>
    public string ErrorText { get; }

    /// <summary>The documented error the answer matched, with what to do about it, when one did.</summary>
    public GreenApiErrorPolicy? Policy { get; }

    /// <summary>How many times the call was sent before giving up.</summary>
    public int Attempts { get; }
}
