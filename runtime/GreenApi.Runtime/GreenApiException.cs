using System.Net;

namespace GreenApi;

/// <summary>The service answered a method with an error.</summary>
public class GreenApiException : Exception
{
    /// <summary>Creates the exception; <paramref name="errorText"/> must already be redacted.</summary>
    public GreenApiException(string method, HttpStatusCode? statusCode, string errorText, string message, Exception? inner = null)
        : base(message, inner)
    {
        Method = method;
        StatusCode = statusCode;
        ErrorText = errorText;
    }

    /// <summary>The method name.</summary>
    public string Method { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The service's error text (the body, shortened), with tokens masked.</summary>
    public string ErrorText { get; }
}
