namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A scenario that cannot run as written, with every problem found in it (the loader reads the whole file before it
/// throws, so one run of <c>chaoskit validate</c> lists them all). Each problem is one line naming the file, line,
/// column and field, and says what to change; the message is those lines, in file order.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates an error for <paramref name="field"/> at <paramref name="location"/>.</summary>
    public ScenarioException(SourceLocation location, string field, string problem)
        : this([new ScenarioProblem(location, field, problem)])
    {
    }

    /// <summary>Creates an error listing <paramref name="problems"/> (at least one), in the order given.</summary>
    public ScenarioException(IReadOnlyList<ScenarioProblem> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, in file order; never empty.</summary>
    public IReadOnlyList<ScenarioProblem> Problems { get; }

    /// <summary>Where the first problem's offending value is.</summary>
    public SourceLocation Location => Problems[0].Location;

    /// <summary>The dotted path of the first problem's field, e.g. <c>timeline[1].faults[0].status</c>.</summary>
    public string Field => Problems[0].Field;

    /// <summary>What is wrong with the first problem's field and how to fix it, without the location prefix.</summary>
    public string Problem => Problems[0].Problem;

    private static string Format(IReadOnlyList<ScenarioProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0) throw new ArgumentException("A scenario error needs at least one problem.", nameof(problems));
        return string.Join('\n', problems);
    }
}
