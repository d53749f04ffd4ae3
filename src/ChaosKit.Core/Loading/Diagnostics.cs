using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading;

/// <summary>
/// The problems found in one scenario file, as a compiler's diagnostics bag: a reader records a problem, carries on
/// with a harmless placeholder, and the loader throws them all at the end, in file order.
/// </summary>
internal sealed class Diagnostics(string file)
{
    private readonly List<ScenarioProblem> _problems = [];

    /// <summary>The scenario file, as the user named it.</summary>
    public string File { get; } = file;

    /// <summary>How many problems are recorded so far; compare before and after a read to tell whether it went wrong.</summary>
    public int Count => _problems.Count;

    public void Report(SourceLocation location, string field, string problem) => _problems.Add(new ScenarioProblem(location, field, problem));

    /// <summary>Records every problem of an error a plug-in part (a fault kind, a simulation kind) threw.</summary>
    public void Report(ScenarioException error) => _problems.AddRange(error.Problems);

    /// <summary>Throws every problem recorded, in file order (those without a line first), if there is any.</summary>
    /// <exception cref="ScenarioException">At least one problem was recorded.</exception>
    public void ThrowIfAny()
    {
        if (_problems.Count == 0) return;
        throw new ScenarioException([.. _problems.OrderBy(p => p.Location.Line).ThenBy(p => p.Location.Column)]);
    }
}
