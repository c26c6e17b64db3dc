namespace GreenApi;

/// <summary>The one place that keeps tokens out of text: messages, URLs and bodies pass through here.</summary>
public static class GreenApiRedaction
{
    /// <summary>What a token is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Replaces every occurrence of each secret in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public static string Redact(string? text, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
