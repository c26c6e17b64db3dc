namespace GreenApi;

/// <summary>The tariff of an instance, which decides its monthly limits (docs 1.2.2).</summary>
public enum GreenApiTariff
{
    /// <summary>No monthly limits are checked locally; the service is the judge.</summary>
    Business,

    /// <summary>The free tariff: monthly quotas per method and at most 3 chats a month.</summary>
    Developer,
}

/// <summary>The state of one Developer-tariff limit, as a 466 answer carries it (<c>invokeStatus</c> / <c>correspondentsStatus</c>).</summary>
/// <param name="Method">The method in lower case (<c>checkwhatsapp</c>), or <c>correspondents</c>.</param>
/// <param name="Used">Calls (or chats) used this month.</param>
/// <param name="Total">The monthly limit (0 where the method is unlimited).</param>
/// <param name="Status">The wire status, e.g. <c>QUOTE_EXCEEDED</c> or <c>CORRESPONDENTS_QUOTE_EXCEEDED</c>.</param>
/// <param name="Description">The service's explanation, when it gives one.</param>
public sealed record GreenApiQuotaStatus(string Method, long Used, long Total, string Status, string? Description)
{
    /// <summary>Whether the status says the limit is used up.</summary>
    public bool IsExceeded => Status.EndsWith("EXCEEDED", StringComparison.OrdinalIgnoreCase);
}
