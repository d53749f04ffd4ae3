using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Compare;

/// <summary>
/// A <c>--fail-on</c> rule checked against two runs, as data: the rule, both values, the change and whether the rule
/// held (which fails the comparison). <c>CompareWords</c> words it.
/// </summary>
/// <param name="Text">The rule as written, e.g. <c>outage.p95 &gt; +20%</c>.</param>
/// <param name="Holds">True when the change is as the rule describes, or when the metric has data in one run only.</param>
/// <param name="Unit">The metric's unit.</param>
/// <param name="Base">The metric in the base run; <see langword="null"/> with no data.</param>
/// <param name="New">The metric in the new run; <see langword="null"/> with no data.</param>
/// <param name="Relative">True when the rule's limit is a share of the base value (<c>+20%</c>).</param>
/// <param name="Limit">The rule's limit: in the metric's unit, or a share (0.2) when <paramref name="Relative"/>.</param>
public sealed record CompareCheck(string Text, bool Holds, MetricUnit Unit, double? Base, double? New, bool Relative, double Limit)
{
    /// <summary>Why the metric has no value in a run, when it has none (the expectations' own reason).</summary>
    public string? NoDataReason { get; init; }

    /// <summary>The change as the rule measures it: new minus base, or that as a share of the base value.</summary>
    public double? Change => (Base, New) is ({ } b, { } n) ? Relative ? MetricChange.RelativeOf(b, n) : MetricChange.DeltaOf(b, n) : null;
}

/// <summary>
/// Something that differs between two compared runs besides their figures, as data: what (<see cref="Code"/>, one of
/// <see cref="CompareNoteCodes"/>) and each run's value. <c>CompareWords</c> words it.
/// </summary>
/// <param name="Code">What differs.</param>
/// <param name="Base">The base run's value, as text.</param>
/// <param name="New">The new run's value, as text.</param>
public sealed record CompareNote(string Code, string Base, string New)
{
    internal static IReadOnlyList<CompareNote> Between(RunResult b, RunResult n)
    {
        var notes = new List<CompareNote>();
        void Differ(string code, string? baseValue, string? newValue)
        {
            if (!string.Equals(baseValue, newValue, StringComparison.Ordinal)) notes.Add(new CompareNote(code, baseValue ?? "", newValue ?? ""));
        }
        Differ(CompareNoteCodes.ScoreMethod, $"{b.Score.Method.Name} v{b.Score.Method.Version}", $"{n.Score.Method.Name} v{n.Score.Method.Version}");
        Differ(CompareNoteCodes.Seed, $"{b.Scenario.Seed}", $"{n.Scenario.Seed}");
        Differ(CompareNoteCodes.TimeScale, Words.Format.Number(b.TimeScale), Words.Format.Number(n.TimeScale));
        Differ(CompareNoteCodes.Timeline, Timeline(b), Timeline(n));
        Differ(CompareNoteCodes.Load, Load(b), Load(n));
        Differ(CompareNoteCodes.Completion, b.Completion.Status, n.Completion.Status);
        Differ(CompareNoteCodes.ChaosKit, Version(b.Environment), Version(n.Environment));
        Differ(CompareNoteCodes.Machine, Machine(b.Environment), Machine(n.Environment));
        return notes;
    }

    private static string Timeline(RunResult r) => string.Join(", ", r.Phases.Select(p => $"{p.Name} {Words.Format.Duration(p.EndSeconds - p.StartSeconds)}"));

    private static string Load(RunResult r) =>
        Words.ProfileWords.Of(r.Load.Profile) is { Length: > 0 } profile ? profile : $"{Words.Format.Number(r.Load.RatePerSecond)} per second";

    private static string? Machine(RunEnvironment? e) => e is null ? null : Words.ProvenanceWords.Machine(e);

    private static string? Version(RunEnvironment? e) => e is null ? null : Words.ProvenanceWords.Version(e.ChaosKitVersion);
}

/// <summary>The codes a <see cref="CompareNote"/> can carry.</summary>
public static class CompareNoteCodes
{
    /// <summary>The runs were scored by different methods (or versions of one), so their scores do not compare one to one.</summary>
    public const string ScoreMethod = "score_method";

    /// <summary>The runs used different seeds: different requests and different fault dice.</summary>
    public const string Seed = "seed";

    /// <summary>The runs used different time scales.</summary>
    public const string TimeScale = "time_scale";

    /// <summary>The phases lasted differently long (the scenario changed, or the time scale).</summary>
    public const string Timeline = "timeline";

    /// <summary>The offered load differed.</summary>
    public const string Load = "load";

    /// <summary>The runs ended differently (one stopped early).</summary>
    public const string Completion = "completion";

    /// <summary>Different versions of ChaosKit measured them.</summary>
    public const string ChaosKit = "chaoskit";

    /// <summary>They ran on different machines (OS, architecture or processors).</summary>
    public const string Machine = "machine";
}
