using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GreenApi.Generator.Emit;
using GreenApi.Generator.Model;
using GreenApi.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace GreenApi.Generator;

/// <summary>
/// The pipeline: spec YAML files (AdditionalFiles marked GreenApiSpec="true") are parsed one by one, combined
/// into the code model, and each model type is emitted on its own, so that an edit re-emits only what it
/// changes. Diagnostics travel on a separate branch, so moving a line in YAML re-emits no code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GreenApiGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSpec(pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, cancellationToken) => Read(pair.Left, cancellationToken))
            .WithTrackingName(TrackingNames.SpecFiles);

        var parsed = files
            .Select(static (file, cancellationToken) => ParseFile(file.Path, file.Text, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedFiles);

        var methodFilter = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.GreenApiMethodList", out var value) ? value : null)
            .WithTrackingName(TrackingNames.Options);

        var build = parsed
            .Collect()
            .Combine(methodFilter)
            .Select(static (input, cancellationToken) => Build(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Build);

        var model = build.Select(static (result, _) => result.Model).WithTrackingName(TrackingNames.Model);
        var types = model.SelectMany(static (api, _) => api.Types).WithTrackingName(TrackingNames.Types);
        var client = model.Select(static (api, _) => api.Client).WithTrackingName(TrackingNames.Client);
        var diagnostics = build.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(types, static (spc, type) => Guard(spc, "emitting " + type.Name, () => spc.AddSource(type.Name + ".g.cs", SourceText.From(TypeEmitter.Emit(type), System.Text.Encoding.UTF8))));
        context.RegisterSourceOutput(client, static (spc, api) => Guard(spc, "emitting the client", () =>
        {
            foreach (var (hintName, source) in ClientEmitter.Emit(api))
            {
                spc.AddSource(hintName, SourceText.From(source, System.Text.Encoding.UTF8));
            }
        }));
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (var diagnostic in list)
            {
                spc.ReportDiagnostic(ToDiagnostic(diagnostic));
            }
        });
    }

    private static bool IsSpec(AnalyzerConfigOptions options) =>
        options.TryGetValue("build_metadata.AdditionalFiles.GreenApiSpec", out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static SpecFileText Read(AdditionalText file, CancellationToken cancellationToken) =>
        new(file.Path, file.GetText(cancellationToken)?.ToString() ?? "");

    private static SpecFileSpec ParseFile(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            return YamlParser.Parse(path, text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SpecFileSpec(path, null, ImmutableArray.Create(Internal(path, "reading " + System.IO.Path.GetFileName(path), e)).ToEquatableArray());
        }
    }

    private static BuildResult Build(ImmutableArray<SpecFileSpec> files, string? methodFilter, CancellationToken cancellationToken)
    {
        try
        {
            return SpecBuilder.Build(files, methodFilter, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var empty = new ApiSpec(EquatableArray<TypeSpec>.Empty, new ClientSpec(EquatableArray<OperationSpec>.Empty, EquatableArray<ErrorPolicySpec>.Empty, null));
            return new BuildResult(empty, ImmutableArray.Create(Internal("", "building the model", e)).ToEquatableArray());
        }
    }

    private static void Guard(SourceProductionContext context, string activity, Action emit)
    {
        try
        {
            emit();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.ReportDiagnostic(ToDiagnostic(Internal("", activity, e)));
        }
    }

    private static DiagnosticInfo Internal(string path, string activity, Exception e) =>
        new(DiagnosticDescriptors.InternalError.Id, path, default, ImmutableArray.Create(activity, e.GetType().Name + ": " + e.Message).ToEquatableArray());

    private static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var descriptor = DiagnosticDescriptors.ById[info.Id];
        var location = info.FilePath.Length == 0
            ? Location.None
            : Location.Create(
                info.FilePath,
                new TextSpan(info.Position.Offset, info.Position.Length),
                new LinePositionSpan(
                    new LinePosition(Math.Max(0, info.Position.Line - 1), Math.Max(0, info.Position.Column - 1)),
                    new LinePosition(Math.Max(0, info.Position.Line - 1), Math.Max(0, info.Position.Column - 1 + info.Position.Length))));
        return Diagnostic.Create(descriptor, location, info.Arguments.Cast<object>().ToArray());
    }

    /// <summary>A spec file's path and text: plain strings, so that an unchanged file is a cached step.</summary>
    private sealed record SpecFileText(string Path, string Text);
}
