using ChaosKit.Fakes.Journal;

namespace ChaosKit.Runner;

/// <summary>What to run and how, as the <c>chaoskit run</c> flags say it.</summary>
/// <param name="ScenarioPath">The scenario file.</param>
public sealed record RunOptions(string ScenarioPath)
{
    /// <summary>Folder for the run's files; <see langword="null"/> for <c>reports/&lt;scenario&gt;-&lt;UTC timestamp&gt;/</c>.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Replaces the scenario's seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Multiplies every duration of the scenario; <c>0.1</c> runs ten times faster.</summary>
    /// <value>Defaults to 1.</value>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>The call journal's default limit, 1 GiB (<see cref="JournalLimits.DefaultBytes"/>).</summary>
    public const long DefaultJournalLimitBytes = JournalLimits.DefaultBytes;

    /// <summary>The smallest limit for a journal, 64 KiB (<see cref="JournalLimits.MinimumBytes"/>).</summary>
    public const long MinimumJournalLimitBytes = JournalLimits.MinimumBytes;

    /// <summary>
    /// The most the call journal's files may hold together; past half of it, <c>journal.jsonl</c> rotates (see
    /// <see cref="JournalLimits"/>). 0 writes no journal; otherwise at least <see cref="MinimumJournalLimitBytes"/>.
    /// </summary>
    /// <value>Defaults to <see cref="DefaultJournalLimitBytes"/>.</value>
    public long JournalLimitBytes { get; init; } = DefaultJournalLimitBytes;

    /// <summary>
    /// Replaces the scenario's target with an application already running at this URL; with
    /// <see cref="TargetCommand"/>, where the command's app listens.
    /// </summary>
    public Uri? TargetUrl { get; init; }

    /// <summary>
    /// Replaces the scenario's target with this command, which ChaosKit starts and stops (as <c>target.command</c>;
    /// the scenario's <c>cwd</c>, <c>env</c> and <c>ready</c> still apply).
    /// </summary>
    public string? TargetCommand { get; init; }

    /// <summary>
    /// The bundled sample app's resilience profile (one of <see cref="Core.Scenarios.TargetSpec.SampleAppProfiles"/>),
    /// instead of the scenario's <c>target.profile</c>; ignored for another target.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Another profile of the bundled sample app to run first as the reference (as <c>target.compare_with</c>),
    /// instead of the scenario's; only for the bundled sample app.
    /// </summary>
    public string? CompareWith { get; init; }
}
