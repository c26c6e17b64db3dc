namespace GreenApi.Generator.Parsing;

/// <summary>How wire names become C# names.</summary>
internal static class SpecNames
{
    /// <summary>PascalCase of a wire name: words split at anything that is not a letter or digit.</summary>
    public static string Pascal(string wire)
    {
        var result = new System.Text.StringBuilder(wire.Length);
        var upper = true;
        foreach (var c in wire)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                result.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (result.Length == 0)
        {
            return "Value";
        }

        return char.IsDigit(result[0]) ? "_" + result : result.ToString();
    }
}
