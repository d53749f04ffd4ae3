namespace ChaosKit.Core.Scenarios;

/// <summary>Where a value came from in a scenario file, so errors can point at it.</summary>
/// <param name="File">The scenario file path as the user gave it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location for values that did not come from a file (defaults, command-line flags).</summary>
    public static SourceLocation None { get; } = new("", 0, 0);

    /// <summary>Formats as <c>file:line:column</c>, the form editors and CI logs turn into links.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
