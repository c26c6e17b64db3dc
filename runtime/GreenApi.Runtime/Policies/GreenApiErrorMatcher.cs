using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace GreenApi.Policies;

/// <summary>Finds the documented error an answer is (spec/README.md, "Error policies") and turns it into the right exception.</summary>
internal static class GreenApiErrorMatcher
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>
    /// The first of the method's errors (own, then standard) with this status whose pattern or text occurs in
    /// the body; failing that, for an error status, the only error documented with the status.
    /// </summary>
    public static GreenApiErrorPolicy? Match(GreenApiMethod method, int status, string body)
    {
        GreenApiErrorPolicy? onlyOfStatus = null;
        var ofStatus = 0;
        foreach (var policy in method.Errors)
        {
            if (policy.Status != status)
            {
                continue;
            }

            if (Occurs(policy, body))
            {
                return policy;
            }

            ofStatus++;
            onlyOfStatus = policy;
        }

        return status >= 300 && ofStatus == 1 ? onlyOfStatus : null;
    }

    /// <summary>A retrying policy of status 200 that the successful body matches (an error reported inside a 200).</summary>
    public static GreenApiErrorPolicy? MatchSuccess(GreenApiMethod method, string body)
    {
        foreach (var policy in method.Errors)
        {
            if (policy.Status == 200 && IsRetrying(policy) && Occurs(policy, body))
            {
                return policy;
            }
        }

        return null;
    }

    public static bool IsRetrying(GreenApiErrorPolicy policy) =>
        policy.Action is GreenApiErrorAction.RetryAfterDelay or GreenApiErrorAction.RetryLimited;

    /// <summary>Whether the method documents a retrying policy for this status (used for answers that never came).</summary>
    public static GreenApiErrorPolicy? RetryingPolicyOf(GreenApiMethod method, int status) =>
        method.Errors.FirstOrDefault(p => p.Status == status && IsRetrying(p));

    public static GreenApiException ToException(GreenApiMethod method, HttpStatusCode? status, string errorText, GreenApiErrorPolicy? policy, int attempts, TimeSpan? retryAfter, GreenApiQuotaStatus? invoke, GreenApiQuotaStatus? correspondents, Exception? inner, string? problem)
    {
        var code = (int?)status;
        var advice = policy?.Description ?? DefaultAdvice(code);
        var tried = attempts > 1 ? $" (gave up after {attempts} attempts)" : "";
        var what = problem ?? $"HTTP {code} {ReasonOf(status)}{(errorText.Length > 0 ? ": " + errorText : "")}";
        var message = $"{method.Name} failed: {what}{tried}. {advice}";
        return code switch
        {
            401 or 403 => new GreenApiAuthenticationException(method.Name, status, errorText, message, policy, attempts, inner),
            429 => new GreenApiRateLimitedException(method.Name, status, errorText, message, retryAfter, policy, attempts, inner),
            466 => new GreenApiQuotaExceededException(method.Name, status, errorText, message, invoke, correspondents, isLocal: false, policy, attempts),
            null => new GreenApiServerException(method.Name, status, errorText, message, policy, attempts, inner),
            _ when policy is { Action: GreenApiErrorAction.AskOperator } || policy?.Escalation == GreenApiErrorAction.AskOperator && code < 500 && code != 499
                => new GreenApiInstanceStateException(method.Name, status, errorText, message, policy, attempts, inner),
            _ when policy is { Action: GreenApiErrorAction.NeverRetry } => new GreenApiValidationException(method.Name, status, errorText, message, policy, attempts, inner),
            >= 500 or 499 => new GreenApiServerException(method.Name, status, errorText, message, policy, attempts, inner),
            >= 400 => new GreenApiValidationException(method.Name, status, errorText, message, policy, attempts, inner),
            _ => new GreenApiException(method.Name, status, errorText, message, inner, policy, attempts),
        };
    }

    private static bool Occurs(GreenApiErrorPolicy policy, string body)
    {
        if (policy.Pattern is { } pattern)
        {
            var regex = Patterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)));
            try
            {
                return regex.IsMatch(body);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        return policy.Text.Length > 0 && body.Contains(policy.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static string ReasonOf(HttpStatusCode? status) => status switch
    {
        (HttpStatusCode)466 => "Quota Exceeded",
        (HttpStatusCode)499 => "Client Closed Request",
        { } known when Enum.IsDefined(known) => known.ToString(),
        _ => "",
    };

    private static string DefaultAdvice(int? status) => status switch
    {
        null => "Check ApiUrl/MediaUrl and the network.",
        >= 500 => "The service failed; try again later, and tell Green API support if it persists.",
        >= 400 => "The request was refused; check its fields against the method's documentation.",
        _ => "See the method's documentation.",
    };
}
