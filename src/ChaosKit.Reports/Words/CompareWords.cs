using System.Globalization;
using ChaosKit.Reports.Compare;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a comparison of two runs (<see cref="RunComparison"/>) into words: values and changes in each figure's unit,
/// verdicts, noise margins, <c>--fail-on</c> checks and what else differs between the runs. compare.html, compare.md
/// and the console word them here.
/// </summary>
public static class CompareWords
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A value in its unit: <c>80.8</c>, <c>93.1%</c>, <c>1,234 ms</c>, <c>1,046</c>, <c>2.5</c>; <c>no data</c> without one.</summary>
    public static string Value(MetricUnit unit, double? value) => value is not { } v ? Format.NoData : unit switch
    {
        MetricUnit.Points => Format.Score(v),
        MetricUnit.Ratio => Format.Percent(v),
        MetricUnit.Milliseconds => Format.Ms(v) + " ms",
        MetricUnit.Count => double.IsFinite(v) ? Format.Count((long)Math.Round(v)) : Format.Missing,
        _ => Number(v),
    };

    /// <summary>A figure's value in the base run.</summary>
    public static string Base(MetricChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Value(change.Metric.Unit, change.Base);
    }

    /// <summary>A figure's value in the new run.</summary>
    public static string New(MetricChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Value(change.Metric.Unit, change.New);
    }

    /// <summary>
    /// The change in the figure's unit, signed: <c>-9.6 points</c>, <c>-5.1 pp</c>, <c>+120 ms (+9.7%)</c>,
    /// <c>+12 (+3%)</c>; <c>—</c> unless both runs have a value.
    /// </summary>
    public static string Delta(MetricChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Delta is { } delta ? Delta(change.Metric.Unit, delta, change.Relative) : Format.Missing;
    }

    /// <summary>A change of <paramref name="delta"/> in <paramref name="unit"/>, with its share of the base value where that unit shows one.</summary>
    public static string Delta(MetricUnit unit, double delta, double? relative)
    {
        if (!double.IsFinite(delta)) return Format.Missing;
        var magnitude = Math.Abs(delta);
        var sign = delta > 0 ? "+" : delta < 0 ? "-" : "±";
        var share = relative is { } r && delta != 0 ? $" ({Share(r)})" : "";
        return unit switch
        {
            MetricUnit.Points => $"{sign}{Format.Score(magnitude)} {(Format.Score(magnitude) == "1" ? "point" : "points")}",
            MetricUnit.Ratio => $"{sign}{(magnitude * 100).ToString("0.##", Invariant)} pp",
            MetricUnit.Milliseconds => $"{sign}{Format.Ms(magnitude)} ms{share}",
            MetricUnit.Count => $"{sign}{Format.Count((long)Math.Round(magnitude))}{share}",
            _ => $"{sign}{Number(magnitude)}{share}",
        };
    }

    // A plain number to two decimals (calls per request: 2.63), which is as far as a comparison needs to read it.
    private static string Number(double value) => double.IsFinite(value) ? value.ToString("#,0.##", Invariant) : Format.Missing;

    /// <summary>A share of the base value, signed: <c>+20%</c>, <c>-3.5%</c>; <c>from 0</c> when the base was 0.</summary>
    public static string Share(double relative) => double.IsFinite(relative)
        ? (relative > 0 ? "+" : relative < 0 ? "-" : "±") + (Math.Abs(relative) * 100).ToString("0.#", Invariant) + "%"
        : "from 0";

    /// <summary>The verdict as a word for a label: <c>worse</c>, <c>better</c>, <c>changed</c>; empty when unchanged or without data.</summary>
    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Worse => "worse",
        ChangeVerdict.Better => "better",
        ChangeVerdict.Changed => "changed",
        _ => "",
    };

    /// <summary>
    /// The noise margin a figure's change must exceed to count: <c>1 point</c>, <c>1 pp</c>, <c>10 ms or 10%, whichever is
    /// larger</c>; <c>not judged</c> for a figure that is only shown.
    /// </summary>
    public static string Margin(ComparedMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!metric.IsJudged) return "not judged";
        var absolute = metric.Unit switch
        {
            MetricUnit.Points => $"{Format.Score(metric.AbsoluteMargin)} {(metric.AbsoluteMargin == 1 ? "point" : "points")}",
            MetricUnit.Ratio => $"{(metric.AbsoluteMargin * 100).ToString("0.##", Invariant)} pp",
            MetricUnit.Milliseconds => $"{Format.Ms(metric.AbsoluteMargin)} ms",
            _ => Number(metric.AbsoluteMargin),
        };
        return metric.RelativeMargin > 0
            ? $"{absolute} or {(metric.RelativeMargin * 100).ToString("0.#", Invariant)}%, whichever is larger"
            : absolute;
    }

    /// <summary>
    /// A <c>--fail-on</c> rule and its outcome in a line: <c>score &lt; -5 held: 80.8 → 71.2 (-9.6 points)</c>.
    /// </summary>
    public static string Check(CompareCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return $"{check.Text} {Outcome(check)}";
    }

    /// <summary>
    /// A <c>--fail-on</c> rule's outcome: <c>held: 80.8 → 71.2 (-9.6 points)</c>, <c>did not hold: ...</c>, or in which
    /// run the metric had no data and why.
    /// </summary>
    public static string Outcome(CompareCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var verdict = check.Holds ? "held" : "did not hold";
        if (check.Base is null || check.New is null)
        {
            var which = (check.Base, check.New) switch
            {
                (null, null) => "neither run",
                (null, _) => "the base run",
                _ => "the new run",
            };
            var why = check.NoDataReason is { Length: > 0 } reason ? $" ({reason})" : "";
            return $"{verdict}: no data in {which}{why}";
        }
        var values = $"{Value(check.Unit, check.Base)} → {Value(check.Unit, check.New)}";
        var change = check.Relative
            ? check.Change is { } share ? Share(share) : Format.Missing
            : Delta(check.Unit, MetricChange.DeltaOf(check.Base.Value, check.New.Value), null);
        return $"{verdict}: {values} ({change})";
    }

    /// <summary>
    /// Which change counts, for under the tables, from the figures' own margins: <c>A change counts as worse or better
    /// only beyond its noise margin: the score 1 point; ... Scheduled, ... are shown, not judged.</c>
    /// </summary>
    public static string Margins()
    {
        var judged = ComparedMetric.Span.Where(m => m.IsJudged)
            .Select(m => (Label: m.Label.ToLowerInvariant(), Margin: Margin(m)))
            .Prepend((Label: "a component's value", Margin: Margin(ComparedMetric.ComponentValue)))
            .Prepend((Label: "the score", Margin: Margin(ComparedMetric.Score)))
            .GroupBy(m => m.Margin)
            .Select(g => $"{List([.. g.Select(m => m.Label)])} {g.Key}");
        var shown = List([.. ComparedMetric.Span.Where(m => !m.IsJudged).Select(m => m.Label.ToLowerInvariant())]);
        return $"A change counts as worse or better only beyond its noise margin: {string.Join("; ", judged)}. " +
            $"{char.ToUpperInvariant(shown[0])}{shown[1..]} are shown, not judged.";
    }

    // "a", "a and b", "a, b and c".
    private static string List(IReadOnlyList<string> items) =>
        items.Count < 2 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary>How many figures got worse and better beyond their margins: <c>2 regressions, 1 improvement</c>.</summary>
    public static string Counts(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return $"{Plural(comparison.Regressions, "regression")}, {Plural(comparison.Improvements, "improvement")}";
    }

    /// <summary>A phase's window on the runs' clocks, <c>0:10–0:30</c>; both, <c>0:10–0:30, then 0:01–0:03</c>, when they differ.</summary>
    public static string Window(SpanComparison span)
    {
        ArgumentNullException.ThrowIfNull(span);
        static string Of(Window w) => $"{Format.Clock(w.StartSeconds)}–{Format.Clock(w.EndSeconds)}";
        return span.BaseWindow == span.NewWindow ? Of(span.NewWindow) : $"{Of(span.BaseWindow)}, then {Of(span.NewWindow)}";
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>What differs between the runs besides their figures, in a sentence: <c>the seeds differ (42, then 7): ...</c>.</summary>
    public static string Note(CompareNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var values = $"({(note.Base.Length == 0 ? "unknown" : note.Base)}, then {(note.New.Length == 0 ? "unknown" : note.New)})";
        return note.Code switch
        {
            CompareNoteCodes.ScoreMethod => $"the runs were scored by different methods {values}, so their scores do not compare one to one",
            CompareNoteCodes.Seed => $"the seeds differ {values}: the runs sent different requests and rolled different fault dice",
            CompareNoteCodes.TimeScale => $"the time scales differ {values}",
            CompareNoteCodes.Timeline => $"the phases lasted differently long {values}",
            CompareNoteCodes.Load => $"the offered load differs {values}",
            CompareNoteCodes.Completion => $"the runs ended differently {values}; a run that stopped early has no data for what it did not reach",
            CompareNoteCodes.ChaosKit => $"different versions of ChaosKit measured them {values}",
            CompareNoteCodes.Machine => $"they ran on different machines {values}",
            _ => $"{note.Code.Replace('_', ' ')} differs {values}",
        };
    }
}
