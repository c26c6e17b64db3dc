using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace GreenApi.Generator.Tests;

/// <summary>The pipeline caches what did not change and carries no Roslyn object (the cookbook's rules).</summary>
public class IncrementalityTests
{
    private static readonly string[] Steps =
        [TrackingNames.SpecFiles, TrackingNames.ParsedFiles, TrackingNames.Options, TrackingNames.Build, TrackingNames.Model, TrackingNames.Types, TrackingNames.Client, TrackingNames.Diagnostics];

    [Fact]
    public void A_second_run_with_no_change_is_cached_or_unchanged_everywhere()
    {
        var harness = GeneratorHarness.ForRepositorySpec();
        harness.Run();

        var second = harness.Run().Results[0];

        foreach (var step in Steps)
        {
            Reasons(second, step).ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, $"step {step}");
        }

        second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason)
            .ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_file_modifies_only_that_file_and_the_types_it_changes()
    {
        var harness = GeneratorHarness.ForRepositorySpec();
        harness.Run();
        harness.Edit("readmark.yaml", text => text.Replace("description: The chat whose messages are marked as read.", "description: The chat to mark as read.", StringComparison.Ordinal));

        var run = harness.Run().Results[0];

        Modified(run, TrackingNames.SpecFiles).ShouldBe(["readmark.yaml"]);
        Modified(run, TrackingNames.ParsedFiles).ShouldBe(["readmark.yaml"]);
        Reasons(run, TrackingNames.ParsedFiles).Count(r => r == IncrementalStepRunReason.Cached).ShouldBe(harness.Files.Length - 1);
        Modified(run, TrackingNames.Types).ShouldBe(["ReadChatRequest"]);
        Reasons(run, TrackingNames.Client).ShouldBe([IncrementalStepRunReason.Unchanged]);
    }

    [Fact]
    public void Moving_lines_in_yaml_re_emits_no_code()
    {
        var harness = GeneratorHarness.ForRepositorySpec();
        harness.Run();
        harness.Edit("sending.yaml", text => "# a comment that moves every line down\n" + text);

        var run = harness.Run().Results[0];

        Modified(run, TrackingNames.ParsedFiles).ShouldBe(["sending.yaml"]);
        Reasons(run, TrackingNames.Build).ShouldBe([IncrementalStepRunReason.Unchanged], "positions are not part of the model");
        Reasons(run, TrackingNames.Model).ShouldBe([IncrementalStepRunReason.Cached]);
        Reasons(run, TrackingNames.Types).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
        Reasons(run, TrackingNames.Client).ShouldAllBe(r => r == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void No_roslyn_object_array_or_list_is_reachable_from_the_pipeline()
    {
        var run = GeneratorHarness.ForRepositorySpec().Run().Results[0];
        var problems = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);

        foreach (var step in Steps)
        {
            foreach (var output in run.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Walk(output.Value, step, problems, seen);
            }
        }

        problems.Distinct().Take(20).ShouldBeEmpty();
        seen.Count.ShouldBeGreaterThan(1000, "the walk must reach into the model");
    }

    private static void Walk(object? value, string path, List<string> problems, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            problems.Add($"{path}: {type.FullName}");
            return;
        }

        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)))
        {
            problems.Add($"{path}: {type.Name} is not equatable");
            return;
        }

        if (!seen.Add(value) && !type.IsValueType)
        {
            return;
        }

        if (value is IEnumerable items && type.Name.StartsWith("EquatableArray", StringComparison.Ordinal))
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", problems, seen);
            }

            return;
        }

        if (value is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++)
            {
                Walk(tuple[i], $"{path}.Item{i + 1}", problems, seen);
            }

            return;
        }

        if (value is IEnumerable)
        {
            problems.Add($"{path}: {type.Name} is a collection that is not an EquatableArray");
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Walk(property.GetValue(value), $"{path}.{property.Name}", problems, seen);
            }
        }
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static List<string> Modified(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Where(o => o.Reason == IncrementalStepRunReason.Modified || o.Reason == IncrementalStepRunReason.New)
            .Select(o => Describe(o.Value))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Describe(object value) => value switch
    {
        _ when value.GetType().GetProperty("Path") is { } path => Path.GetFileName((string)path.GetValue(value)!),
        _ when value.GetType().GetProperty("Name") is { } name => (string)name.GetValue(value)!,
        _ => value.ToString()!,
    };
}
