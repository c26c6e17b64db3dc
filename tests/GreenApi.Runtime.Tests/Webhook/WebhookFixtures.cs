namespace GreenApi.Runtime.Tests.Webhook;

/// <summary>
/// The wire examples of tests/fixtures/wire (notifications the live service sent), read the way
/// tests/Shared/Corpus.cs reads them; Corpus itself is not compiled into this project (it needs the generator's
/// spec reader).
/// </summary>
public static class WebhookFixtures
{
    public static string Root { get; } = FindRoot();

    public static string WireFolder => Path.Combine(Root, "tests", "fixtures", "wire");

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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GreenApi.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder with GreenApi.Generated.sln).");
    }
}
