namespace System.Runtime.CompilerServices;

/// <summary>netstandard2.0 lacks the marker type that records' init accessors need.</summary>
internal static class IsExternalInit
{
}
