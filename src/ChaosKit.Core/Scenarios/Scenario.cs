namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A rehearsal of a provider failure: which fake providers exist, what goes wrong with them and when,
/// which application is under test, how much traffic it gets, and what counts as surviving.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short identifier, used in report folder names. Letters, digits, <c>-</c> and <c>_</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario rehearses, for people reading the report.</summary>
    public string? Description { get; init; }

    /// <summary>Seed for every random choice (fault dice, fake content, request data), so a run can be replayed.</summary>
    public required int Seed { get; init; }

    /// <summary>The fake providers to start.</summary>
    public required IReadOnlyList<ProviderSpec> Providers { get; init; }

    /// <summary>Ordered phases; each starts when the previous one ends.</summary>
    public required IReadOnlyList<PhaseSpec> Timeline { get; init; }

    /// <summary>The application under test.</summary>
    public required TargetSpec Target { get; init; }

    /// <summary>
    /// The traffic driven through the target; <see langword="null"/> when the file has no <c>load</c> section, which
    /// only <c>chaoskit serve</c> (the fakes alone, for the user's own traffic) accepts.
    /// </summary>
    public LoadSpec? Load { get; init; }

    /// <summary>Conditions the run must meet; any failing one makes the exit code 1.</summary>
    public required IReadOnlyList<ExpectationSpec> Expectations { get; init; }

    /// <summary>How the score is tuned (the <c>score</c> section); the defaults when the file has none.</summary>
    public ScoreSettings Score { get; init; } = ScoreSettings.Default;

    /// <summary>The file the scenario was read from, if any.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Sum of all phase durations, before any time scale.</summary>
    public TimeSpan TotalDuration => Timeline.Aggregate(TimeSpan.Zero, (sum, phase) => sum + phase.Duration);
}
