namespace GreenApi.Generator.Model;

/// <summary>Everything the emitters need, free of positions: moving a line in YAML leaves it equal.</summary>
internal sealed record ApiSpec(EquatableArray<TypeSpec> Types, ClientSpec Client);

internal enum TypeKind
{
    Record,
    Enum,
    Union,
}

/// <summary>A generated type. Union variants are records with <see cref="Variant"/> set.</summary>
internal sealed record TypeSpec(
    string Name,
    TypeKind Kind,
    string? Summary,
    EquatableArray<PropertySpec> Properties,
    EquatableArray<EnumValueSpec> EnumValues,
    UnionSpec? Union,
    VariantSpec? Variant,
    bool HasJson);

/// <summary>A union keyed on a discriminator property.</summary>
internal sealed record UnionSpec(string DiscriminatorWire, string DiscriminatorProperty, string UnknownName, EquatableArray<UnionCaseSpec> Cases);

/// <summary>A mapping key of a union and the variant it selects.</summary>
internal sealed record UnionCaseSpec(string Key, string Variant);

/// <summary>What a variant record inherits from its union.</summary>
internal sealed record VariantSpec(string Union, string DiscriminatorWire, string DiscriminatorProperty, string DefaultKey);

internal sealed record EnumValueSpec(string Wire, string Name, string? Summary);

/// <summary>Where a request property goes on the wire.</summary>
internal enum PropertyLocation
{
    Json,
    Query,
    Path,
    Header,
    FormField,
    Body,
}

internal sealed record PropertySpec(
    string WireName,
    string Name,
    TypeRefSpec Type,
    bool Required,
    bool Nullable,
    bool Secret,
    string? Summary,
    PropertyLocation Location);

internal enum TypeRefKind
{
    String,
    Int64,
    Double,
    Boolean,
    YesNo,
    Json,
    File,
    List,
    Record,
    Enum,
    Union,
}

internal sealed record TypeRefSpec(TypeRefKind Kind, string? Name, TypeRefSpec? Item)
{
    public static readonly TypeRefSpec String = new(TypeRefKind.String, null, null);
    public static readonly TypeRefSpec Int64 = new(TypeRefKind.Int64, null, null);
    public static readonly TypeRefSpec Double = new(TypeRefKind.Double, null, null);
    public static readonly TypeRefSpec Boolean = new(TypeRefKind.Boolean, null, null);
    public static readonly TypeRefSpec YesNo = new(TypeRefKind.YesNo, null, null);
    public static readonly TypeRefSpec Json = new(TypeRefKind.Json, null, null);
    public static readonly TypeRefSpec File = new(TypeRefKind.File, null, null);

    public bool IsValueType => Kind is TypeRefKind.Int64 or TypeRefKind.Double or TypeRefKind.Boolean or TypeRefKind.YesNo or TypeRefKind.Json or TypeRefKind.Enum;
}

/// <summary>The client: its sections and methods, and the descriptors the runtime acts on.</summary>
internal sealed record ClientSpec(EquatableArray<OperationSpec> Operations, EquatableArray<ErrorPolicySpec> StandardErrors, NotificationSourceSpec? NotificationSource);

/// <summary>
/// The notification queue (<c>x-green-api-notification-queue</c>): the section whose receive and delete
/// methods make it a notification source, and the wire names the runtime reads the receive answer by.
/// </summary>
internal sealed record NotificationSourceSpec(string Section, string ReceiveMethod, string DeleteMethod, string BodyType, string ReceiptWire, string BodyWire, string? TimeoutWire);

internal enum RequestKind
{
    None,
    Json,
    Form,
    Parameters,
}

internal sealed record OperationSpec(
    string Name,
    string MethodName,
    string Section,
    string Verb,
    string Host,
    bool WebSocket,
    string? RequestsPerSecond,
    QuotaSpec? Quota,
    EquatableArray<ErrorPolicySpec> Errors,
    string? Summary,
    string? Description,
    string? DocsReference,
    RequestKind RequestKind,
    string? RequestType,
    EquatableArray<PropertySpec> RequestProperties,
    TypeRefSpec? Response,
    bool ResponseNullable,
    string? Correspondent,
    string? Fallback,
    int? FallbackIntervalMilliseconds);

/// <summary>Monthly quota per tariff; <see langword="null"/> is unlimited.</summary>
internal sealed record QuotaSpec(int? Developer, int? Business);

internal sealed record ErrorPolicySpec(
    int Status,
    string Text,
    string? Pattern,
    string Description,
    string Action,
    int? MaxAttempts,
    int? DelayMilliseconds,
    string? Backoff,
    bool HonourRetryAfter,
    string? Escalation);

/// <summary>A diagnostic as data: reported only at the end, so that positions never reach the code model.</summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, YamlPosition Position, EquatableArray<string> Arguments);
