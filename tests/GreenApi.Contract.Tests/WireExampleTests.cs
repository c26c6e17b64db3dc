using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>Payloads the live service sent (wire/SOURCES.md) are notifications the spec accepts.</summary>
public class WireExampleTests
{
    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Path.Combine(Repo.Fixtures, "wire"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Files() => new(FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Wire_example_is_a_notification(string file)
    {
        var json = File.ReadAllText(Path.Combine(Repo.Fixtures, "wire", file));
        var problems = Repo.Spec.Oracle.Validate("schema Notification", json);
        problems.ShouldBeEmpty($"wire/{file}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Every_wire_example_is_listed_in_SOURCES()
    {
        var sources = File.ReadAllText(Path.Combine(Repo.Fixtures, "wire", "SOURCES.md"));
        FileNames().Where(f => !sources.Contains($"`{f}`", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
