namespace GreenApi.Runtime.Tests.Webhook;

/// <summary>The wire examples of tests/fixtures/wire (notifications the live service sent).</summary>
public static class WebhookFixtures
{
    public static string WireFolder => Path.Combine(Corpus.Fixtures, "wire");

    /// <summary>The file names of every wire example.</summary>
    public static TheoryData<string> WireNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(WireFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static string Wire(string fileName) => File.ReadAllText(Path.Combine(WireFolder, fileName));
}
