using ChaosKit.Core.Results;
using ChaosKit.Reports.Json.Dto;

namespace ChaosKit.Reports.Compare;

/// <summary>
/// Two runs of one scenario side by side, for a team deciding whether a build is better or worse than an earlier one:
/// the score and each of its components, and each phase's figures (and the whole run's), each change judged against
/// its noise margin (<see cref="ComparedMetric"/>); with the <c>--fail-on</c> checks and what else differs between the
/// runs. Built from the figures as <c>result.json</c> rounds them, so it shows what the runs' reports show.
/// </summary>
public sealed record RunComparison
{
    /// <summary>The earlier run, the one compared with.</summary>
    public required ComparedRun Base { get; init; }

    /// <summary>The run under judgement.</summary>
    public required ComparedRun New { get; init; }

    /// <summary>The runs' scores.</summary>
    public required MetricChange Score { get; init; }

    /// <summary>The run's score components, matched by name: the base run's in its order, then any only the new run has.</summary>
    public required IReadOnlyList<ComponentChange> Components { get; init; }

    /// <summary>Each phase (matched by name, in timeline order), then the whole run.</summary>
    public required IReadOnlyList<SpanComparison> Spans { get; init; }

    /// <summary>The <c>--fail-on</c> rules, in the order given.</summary>
    public IReadOnlyList<CompareCheck> Checks { get; init; } = [];

    /// <summary>What differs between the runs besides their figures (seed, time scale, score method, ...), which the reader should weigh.</summary>
    public IReadOnlyList<CompareNote> Notes { get; init; } = [];

    /// <summary>Every judged change, score first, then the components' values, then each span's figures.</summary>
    public IEnumerable<MetricChange> Changes =>
        [Score, .. Components.Select(c => c.Value), .. Spans.SelectMany(s => s.Metrics)];

    /// <summary>Changes beyond their noise margin for the worse.</summary>
    public int Regressions => Changes.Count(c => c.Verdict == ChangeVerdict.Worse);

    /// <summary>Changes beyond their noise margin for the better.</summary>
    public int Improvements => Changes.Count(c => c.Verdict == ChangeVerdict.Better);

    /// <summary>True when a <c>--fail-on</c> rule held, which fails the comparison.</summary>
    public bool Failed => Checks.Any(c => c.Holds);

    /// <summary>
    /// Compares <paramref name="newRun"/> with <paramref name="baseRun"/>. Phases are matched by name; the caller makes
    /// sure both runs have the same (<c>chaoskit compare</c> refuses runs of different phases).
    /// </summary>
    public static RunComparison Of(ComparedRun baseRun, ComparedRun newRun, IReadOnlyList<CompareCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(newRun);
        ArgumentNullException.ThrowIfNull(checks);
        var (b, n) = (RunResultDto.From(baseRun.Result), RunResultDto.From(newRun.Result));
        var spans = b.Phases
            .Select(phase => (phase, other: n.Phases.FirstOrDefault(p => p.Name == phase.Name)))
            .Where(pair => pair.other is not null)
            .Select(pair => SpanComparison.Of(pair.phase.Name, new Window(pair.phase), new Window(pair.other!), pair.phase.Stats, pair.other!.Stats,
                pair.phase.ProviderCalls.Total, pair.other!.ProviderCalls.Total, pair.phase.ProviderCalls.EarlyRetries, pair.other!.ProviderCalls.EarlyRetries))
            .Append(SpanComparison.Of(SpanComparison.WholeRun, new Window(0, b.DurationSeconds), new Window(0, n.DurationSeconds), b.Overall, n.Overall,
                b.Phases.Sum(p => p.ProviderCalls.Total), n.Phases.Sum(p => p.ProviderCalls.Total),
                b.Phases.Sum(p => p.ProviderCalls.EarlyRetries), n.Phases.Sum(p => p.ProviderCalls.EarlyRetries)));
        var names = b.Score.Components.Select(c => c.Name).Concat(n.Score.Components.Select(c => c.Name)).Distinct(StringComparer.Ordinal);
        return new RunComparison
        {
            Base = baseRun,
            New = newRun,
            Score = new MetricChange(ComparedMetric.Score, b.Score.Total, n.Score.Total),
            Components = [.. names.Select(name => ComponentChange.Of(name,
                b.Score.Components.FirstOrDefault(c => c.Name == name), n.Score.Components.FirstOrDefault(c => c.Name == name)))],
            Spans = [.. spans],
            Checks = checks,
            Notes = CompareNote.Between(baseRun.Result, newRun.Result),
        };
    }
}

/// <summary>One of the runs compared.</summary>
/// <param name="Label">How the comparison names it, e.g. its run folder's name.</param>
/// <param name="Result">The run.</param>
/// <param name="Report">A relative link from the comparison to the run's own <c>report.html</c>; <see langword="null"/> when it has none.</param>
public sealed record ComparedRun(string Label, RunResult Result, string? Report);

/// <summary>A score component in both runs: its value (judged) and the points it cost (shown).</summary>
/// <param name="Name">The component's name, e.g. <c>availability</c>.</param>
/// <param name="Value">Its value, 0–1.</param>
/// <param name="PointsLost">The points of 100 it cost.</param>
/// <param name="Weight">Its weight in the new run (or the base run, when only that one has it).</param>
public sealed record ComponentChange(string Name, MetricChange Value, MetricChange PointsLost, double Weight)
{
    internal static ComponentChange Of(string name, ScoreComponentDto? b, ScoreComponentDto? n) => new(
        name,
        new MetricChange(ComparedMetric.ComponentValue, b?.Value, n?.Value),
        new MetricChange(ComparedMetric.PointsLost, b?.PointsLost, n?.PointsLost),
        n?.Weight ?? b?.Weight ?? 0);
}

/// <summary>A phase's time on each run's clock (scaled), or the whole run's.</summary>
/// <param name="StartSeconds">Start offset from the run start.</param>
/// <param name="EndSeconds">End offset.</param>
public sealed record Window(double StartSeconds, double EndSeconds)
{
    internal Window(PhaseDto phase)
        : this(phase.StartSeconds, phase.EndSeconds)
    {
    }
}

/// <summary>A phase's figures (or the whole run's) in both runs.</summary>
/// <param name="Name">The phase's name, or <see cref="WholeRun"/>.</param>
/// <param name="BaseWindow">When it ran in the base run.</param>
/// <param name="NewWindow">When it ran in the new run.</param>
/// <param name="Metrics">Its figures, in the order of <see cref="ComparedMetric.Span"/>.</param>
public sealed record SpanComparison(string Name, Window BaseWindow, Window NewWindow, IReadOnlyList<MetricChange> Metrics)
{
    /// <summary>The name of the span that is the whole run; a phase cannot have it (phase names have no spaces).</summary>
    public const string WholeRun = "whole run";

    /// <summary>True for the whole run rather than a phase.</summary>
    public bool IsWholeRun => Name == WholeRun;

    /// <summary>The figure named <paramref name="key"/>, e.g. <c>p95</c>.</summary>
    public MetricChange this[string key] => Metrics.First(m => m.Metric.Key == key);

    internal static SpanComparison Of(
        string name, Window baseWindow, Window newWindow, StatsDto b, StatsDto n, long baseCalls, long newCalls, long baseEarly, long newEarly) =>
        new(name, baseWindow, newWindow, [.. ComparedMetric.Span.Select(metric => new MetricChange(metric,
            Read(metric.Key, b, baseCalls, baseEarly), Read(metric.Key, n, newCalls, newEarly)))]);

    // The figures as the reports show them: latency of the served requests, no data where nothing was scheduled or served.
    private static double? Read(string key, StatsDto s, long calls, long earlyRetries)
    {
        var o = s.Outcomes;
        var l = s.ServedLatency;
        return key switch
        {
            "scheduled" => o.Scheduled,
            "availability" => o.Availability,
            "fallback_rate" => o.FallbackRate,
            "error_rate" => o.ErrorRate,
            "p50" => l.Count == 0 ? null : l.P50Ms,
            "p95" => l.Count == 0 ? null : l.P95Ms,
            "p99" => l.Count == 0 ? null : l.P99Ms,
            "provider_calls" => calls,
            "provider_calls_per_request" => o.Scheduled == 0 ? null : Round.Value((double)calls / o.Scheduled),
            "early_retries" => earlyRetries,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a compared figure."),
        };
    }
}
