namespace GreenApi.Generator;

/// <summary>Names of the pipeline steps, so tests can check what was cached.</summary>
internal static class TrackingNames
{
    public const string SpecFiles = nameof(SpecFiles);
    public const string ParsedFiles = nameof(ParsedFiles);
    public const string Options = nameof(Options);
    public const string Build = nameof(Build);
    public const string Model = nameof(Model);
    public const string Types = nameof(Types);
    public const string Client = nameof(Client);
    public const string Diagnostics = nameof(Diagnostics);
}
