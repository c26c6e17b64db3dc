using System.Globalization;
using GreenApi.Spec;
using Shouldly;

namespace GreenApi.Contract.Tests;

/// <summary>The spec's rate limits (1.3.12) and monthly quotas (1.2.2) equal the docs' tables.</summary>
public class TableTests
{
    private static Dictionary<string, string[]> ReadTsv(string name) =>
        File.ReadAllLines(Path.Combine(Repo.Fixtures, "tables", name))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p[1..], StringComparer.OrdinalIgnoreCase);

    /// <summary>Rows of a table of the docs: the tab-separated lines that start with a method name, between two headings.</summary>
    private static List<string[]> DocsRows(string startHeading, string endHeading)
    {
        var lines = File.ReadAllLines(Repo.DocsSource);
        var start = Array.FindIndex(lines, l => l.Trim() == startHeading);
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith(endHeading, StringComparison.Ordinal));
        start.ShouldBeGreaterThan(0, $"heading '{startHeading}' not found in the docs");
        return lines[(start + 1)..end].Select(l => l.Split('\t')).Where(p => p.Length >= 2 && p[0].Length > 0 && char.IsLower(p[0][0])).ToList();
    }

    [Fact]
    public void Transcriptions_equal_the_docs_tables()
    {
        var quotas = ReadTsv("quotas.tsv");
        var docsQuotas = DocsRows("Методы и ограничения", "Уведомления и ограничения");
        docsQuotas.Count.ShouldBe(56);
        quotas.Count.ShouldBe(docsQuotas.Count);
        foreach (var row in docsQuotas)
        {
            quotas[row[0]].ShouldBe([Quota(row[1]), Quota(row[2])], row[0]);
        }

        var rates = ReadTsv("rate-limits.tsv");
        var docsRates = DocsRows("Допустимое число запросов", "1.3.13");
        docsRates.Count.ShouldBe(57);
        rates.Count.ShouldBe(docsRates.Count);
        foreach (var row in docsRates)
        {
            rates[row[0]].ShouldBe([row[1].Trim().Replace(',', '.')], row[0]);
        }

        static string Quota(string cell) => cell.Trim() == "Безлимит" ? "unlimited" : cell.Trim().Replace(" ", "", StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_rate_limits_equal_the_table() =>
        SpecEqualsTable("rate-limits.tsv", "x-green-api-rate-limit",
            cells => (double?)double.Parse(cells[0], CultureInfo.InvariantCulture),
            op => op.RequestsPerSecond);

    [Fact]
    public void Spec_quotas_equal_the_table() =>
        SpecEqualsTable("quotas.tsv", "x-green-api-quota",
            cells => (TariffQuota?)new TariffQuota(ParseQuota(cells[0]), ParseQuota(cells[1])),
            op => op.Quota);

    private static long? ParseQuota(string cell) => cell == "unlimited" ? null : long.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>Every row of the table has the same value in the spec, and the spec has the key on no method the table lacks.</summary>
    private static void SpecEqualsTable<T>(string tsv, string key, Func<string[], T?> expectedOf, Func<SpecOperation, T?> actualOf)
    {
        var table = ReadTsv(tsv);
        var problems = new List<string>();
        foreach (var (method, cells) in table)
        {
            var op = Repo.Spec.Catalog.Find(method);
            var expected = expectedOf(cells);
            if (op is null) problems.Add($"{method}: in the table, not in the spec");
            else if (!EqualityComparer<T?>.Default.Equals(actualOf(op), expected)) problems.Add($"{method}: spec says {actualOf(op)?.ToString() ?? "nothing"}, the table {expected}");
        }

        problems.AddRange(Repo.Spec.Catalog.Operations.Where(o => actualOf(o) is not null && !table.ContainsKey(o.Name))
            .Select(o => $"{o.Name}: {key} but the table does not list it"));
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_method_of_the_seeds_is_in_the_spec()
    {
        // 52 documented in detail, 7 only in the tables, 3 partner methods (seed 004), 11 newer ones (Postman).
        string[] tablesOnly = ["getStatusInstance", "getDeviceInfo", "sendButtons", "sendTemplateButtons", "sendListMessage", "sendLink", "sendTemplate"];
        string[] partner = ["createInstance", "deleteInstanceAccount", "getInstances"];
        string[] postman = ["updateApiToken", "sendInteractiveButtons", "sendInteractiveButtonsReply", "lastIncomingCalls", "lastOutgoingCalls", "getMessagesCount", "getWebhooksCount", "clearWebhooksQueue", "updateGroupSettings", "editMessage", "sendTyping"];
        var ops = Repo.Spec.Catalog.Operations;
        tablesOnly.Where(m => Repo.Spec.Catalog.Find(m)?.Origin != "docs-2024-tables").ShouldBeEmpty("methods only in the tables, marked docs-2024-tables");
        partner.Where(m => Repo.Spec.Catalog.Find(m) is not { Origin: "partner-docs", Section: "Partner" }).ShouldBeEmpty("partner methods");
        postman.Where(m => Repo.Spec.Catalog.Find(m)?.Origin != "postman").ShouldBeEmpty("newer methods, marked postman");
        ops.Count(o => o.Origin == "docs-2024").ShouldBe(52);
        ops.Count.ShouldBe(73);
        ReadTsv("quotas.tsv").Keys.Concat(ReadTsv("rate-limits.tsv").Keys).Where(m => Repo.Spec.Catalog.Find(m) is null).ShouldBeEmpty();
    }
}
