namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A scenario that cannot run as written. The message is one line naming the file, line, column and field,
/// and says what to change.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates an error for <paramref name="field"/> at <paramref name="location"/>.</summary>
    public ScenarioException(SourceLocation location, string field, string problem)
        : base(Format(location, field, problem))
    {
        Location = location;
        Field = field;
        Problem = problem;
    }

    /// <summary>Where the offending value is.</summary>
    public SourceLocation Location { get; }

    /// <summary>The dotted path of the field, e.g. <c>timeline[1].faults[0].status</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong and how to fix it, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(SourceLocation location, string field, string problem)
    {
        var where = location.Line > 0 ? $"{location}: " : location.File.Length > 0 ? $"{location.File}: " : "";
        return string.IsNullOrEmpty(field) ? $"{where}{problem}" : $"{where}{field}: {problem}";
    }
}
