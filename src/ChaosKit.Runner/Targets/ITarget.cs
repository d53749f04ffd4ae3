namespace ChaosKit.Runner.Targets;

/// <summary>The application under test, as the run sees it: a base URL, and a way to learn that it died.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>Base URL the load is sent to.</summary>
    Uri BaseUrl { get; }

    /// <summary>True for ChaosKit's bundled sample app.</summary>
    bool IsBundled { get; }

    /// <summary>
    /// Completes with how the target died if it dies while the run is going (its process exited, or it stopped
    /// answering); never completes otherwise.
    /// </summary>
    Task<TargetDeath> Died { get; }
}

/// <summary>How a target died: when, and what the harness saw.</summary>
/// <param name="At">Wall-clock time it died: its process's exit, or the first of the health probes that went unanswered.</param>
/// <param name="Cause">One line on what the harness saw, e.g. the exit code and the app's last output.</param>
public sealed record TargetDeath(DateTimeOffset At, string Cause)
{
    /// <summary>The exit code of a process ChaosKit started; <see langword="null"/> for a target it only probed.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Health probes in a row that got no answer; <see langword="null"/> for a process that exited.</summary>
    public int? MissedProbes { get; init; }
}
