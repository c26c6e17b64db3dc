using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace GreenApi.Generator;

/// <summary>Every diagnostic the generator reports. Ids are stable; see AnalyzerReleases.*.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "GreenApi.Spec";
    // The diagnostics are explained in the README shipped in the package (generator/README.md in the repository).
    private const string HelpBase = "generator/README.md#";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "GAG001", "Invalid YAML in the spec", "{0}",
        "The spec file is not valid YAML (or holds a duplicate key). Fix the file at the reported position; nothing is generated from it until then.");

    public static readonly DiagnosticDescriptor UnresolvedReference = Error(
        "GAG002", "Unresolved $ref", "$ref '{0}' does not resolve: {1}",
        "A $ref must point at an existing component: './file.yaml#/components/schemas/Name' or '#/components/schemas/Name'.");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Warning(
        "GAG003", "Unsupported schema construct", "'{0}' is not supported by the generator; {1}",
        "The generator maps a subset of JSON Schema to C#. Unsupported constructs are kept as JsonElement so no data is lost, but they get no typed API.");

    public static readonly DiagnosticDescriptor UnionWithoutMapping = Error(
        "GAG004", "Union without a discriminator mapping", "'{0}' is a oneOf of objects without {1}; add discriminator.propertyName and an explicit discriminator.mapping",
        "A oneOf of object schemas becomes a C# union only with a discriminator and an explicit mapping from each wire value to its schema.");

    public static readonly DiagnosticDescriptor DuplicateTypeName = Error(
        "GAG005", "Two schemas map to one C# name", "Schema '{0}' maps to the C# name '{1}', which schema '{2}' already has; rename one of them",
        "Schema names become C# type names in PascalCase, so names differing only in case or punctuation collide.");

    public static readonly DiagnosticDescriptor MethodWithoutResponse = Error(
        "GAG006", "Method without a response", "Method '{0}' declares no 2xx response; add responses.'200' (with content, or without it when the answer carries nothing)",
        "Every operation needs a successful response so that the client knows what the call returns.");

    public static readonly DiagnosticDescriptor InvalidOperation = Error(
        "GAG007", "Invalid operation", "{0}",
        "An operation is missing something the client needs (operationId, tags, a request body that can be sent).");

    public static readonly DiagnosticDescriptor NoSpec = Warning(
        "GAG008", "No spec files", "No spec files reached the generator; add spec YAML files as AdditionalFiles with GreenApiSpec=\"true\" (the package does this for GreenApiSpecDirectory)",
        "The generator reads the spec from AdditionalFiles items with the metadata GreenApiSpec=\"true\".");

    public static readonly DiagnosticDescriptor UnknownMethodFilter = Warning(
        "GAG009", "Unknown method in GreenApiMethods", "GreenApiMethods names '{0}', which is not a method of the spec",
        "The GreenApiMethods property lists the methods to generate; each name must be an operationId of the spec (case-insensitive).");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "GAG900", "Generator failure", "The Green API generator failed while {0}: {1}; please report it with the spec that triggers it",
        "An unexpected failure inside the generator. It is reported instead of crashing the compilation.");

    public static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> ById = new Dictionary<string, DiagnosticDescriptor>
    {
        [InvalidYaml.Id] = InvalidYaml,
        [UnresolvedReference.Id] = UnresolvedReference,
        [UnsupportedConstruct.Id] = UnsupportedConstruct,
        [UnionWithoutMapping.Id] = UnionWithoutMapping,
        [DuplicateTypeName.Id] = DuplicateTypeName,
        [MethodWithoutResponse.Id] = MethodWithoutResponse,
        [InvalidOperation.Id] = InvalidOperation,
        [NoSpec.Id] = NoSpec,
        [UnknownMethodFilter.Id] = UnknownMethodFilter,
        [InternalError.Id] = InternalError,
    };

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpBase + id.ToLowerInvariant());

    private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpBase + id.ToLowerInvariant());
}
