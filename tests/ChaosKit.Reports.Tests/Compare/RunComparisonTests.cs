using ChaosKit.Core.Results;
using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Compare;

public sealed class RunComparisonTests
{
    [Fact]
    public void Marks_what_got_worse_and_better_beyond_its_margin()
    {
        var c = Comparisons.Compare(Comparisons.Base(), Comparisons.Worse());

        Assert.Equal(ChangeVerdict.Worse, c.Score.Verdict);
        var outage = c.Spans.Single(s => s.Name == "outage");
        Assert.Equal(ChangeVerdict.Worse, outage["availability"].Verdict);
        Assert.Equal(ChangeVerdict.Worse, outage["error_rate"].Verdict);
        Assert.Equal(ChangeVerdict.Better, outage["p95"].Verdict);
        Assert.Equal(ChangeVerdict.Changed, outage["fallback_rate"].Verdict);
        Assert.Equal(ChangeVerdict.Unchanged, c.Spans.Single(s => s.Name == "baseline")["p95"].Verdict);
        Assert.Equal(ChangeVerdict.Worse, c.Components.Single(k => k.Name == "availability").Value.Verdict);
        Assert.Equal(ChangeVerdict.Unchanged, c.Components.Single(k => k.Name == "latency").Value.Verdict);
        Assert.Equal(["baseline", "outage", "recovery", "whole run"], c.Spans.Select(s => s.Name));
        Assert.True(c.Regressions >= 4, $"{c.Regressions} regressions");
        Assert.True(c.Improvements >= 1, $"{c.Improvements} improvements");
        Assert.Equal([CompareNoteCodes.ChaosKit], c.Notes.Select(n => n.Code));
    }

    [Theory]
    [InlineData(0.99, 0.98, ChangeVerdict.Unchanged)] // a percentage point: noise
    [InlineData(0.99, 0.979, ChangeVerdict.Worse)]
    [InlineData(0.96, 0.95, ChangeVerdict.Unchanged)] // exactly the margin, after rounding
    [InlineData(0.90, 0.95, ChangeVerdict.Better)]
    public void A_share_moves_by_more_than_a_percentage_point_to_count(double b, double n, ChangeVerdict verdict) =>
        Assert.Equal(verdict, new MetricChange(ComparedMetric.Span.Single(m => m.Key == "availability"), b, n).Verdict);

    [Theory]
    [InlineData(100, 119, ChangeVerdict.Unchanged)] // within 20 ms
    [InlineData(100, 121, ChangeVerdict.Worse)]
    [InlineData(1000, 1090, ChangeVerdict.Unchanged)] // within 10 %
    [InlineData(1000, 1120, ChangeVerdict.Worse)]
    [InlineData(1000, 850, ChangeVerdict.Better)]
    public void A_latency_moves_by_more_than_20_ms_or_10_percent_whichever_is_larger(double b, double n, ChangeVerdict verdict) =>
        Assert.Equal(verdict, new MetricChange(ComparedMetric.Span.Single(m => m.Key == "p95"), b, n).Verdict);

    [Fact]
    public void Data_in_one_run_only_is_a_change_and_in_neither_no_data()
    {
        var p95 = ComparedMetric.Span.Single(m => m.Key == "p95");

        Assert.Equal(ChangeVerdict.Changed, new MetricChange(p95, 100, null).Verdict);
        Assert.Equal(ChangeVerdict.NoData, new MetricChange(p95, null, null).Verdict);
        Assert.Equal(double.PositiveInfinity, new MetricChange(p95, 0, 5).Relative);
        Assert.Equal(0, new MetricChange(p95, 0, 0).Relative);
    }

    [Fact]
    public void Components_are_matched_by_name_so_a_new_one_shows_with_no_base()
    {
        var n = Comparisons.Worse();
        n = n with { Score = n.Score with { Components = [.. n.Score.Components, ScoreComponent.Of("cost", 0.5, 0.1)] } };

        var c = Comparisons.Compare(Comparisons.Base(), n);

        Assert.Equal(["availability", "latency", "cost"], c.Components.Select(k => k.Name));
        var cost = c.Components[2];
        Assert.Null(cost.Value.Base);
        Assert.Equal(0.5, cost.Value.New);
        Assert.Equal(ChangeVerdict.Changed, cost.Value.Verdict);
    }

    [Fact]
    public void Says_what_else_differs_between_the_runs()
    {
        var b = Comparisons.Base();
        var n = b with
        {
            Scenario = b.Scenario with { Seed = 7 },
            TimeScale = 0.5,
            Score = b.Score with { Method = new ScoreMethod("degradation", 2) },
            Completion = new RunCompletion(RunCompletionStatus.Cancelled, new Dictionary<string, double>()),
        };

        var notes = Comparisons.Compare(b, n).Notes;

        Assert.Equal(
            [CompareNoteCodes.ScoreMethod, CompareNoteCodes.Seed, CompareNoteCodes.TimeScale, CompareNoteCodes.Completion],
            notes.Select(note => note.Code));
        Assert.Equal("the runs were scored by different methods (degradation v1, then degradation v2), so their scores do not compare one to one",
            CompareWords.Note(notes[0]));
        Assert.Equal("the seeds differ (1234, then 7): the runs sent different requests and rolled different fault dice", CompareWords.Note(notes[1]));
    }

    [Theory]
    [InlineData(MetricUnit.Points, -9.25, null, "-9.3 points")]
    [InlineData(MetricUnit.Points, 1, null, "+1 point")]
    [InlineData(MetricUnit.Ratio, -0.051, null, "-5.1 pp")]
    [InlineData(MetricUnit.Milliseconds, 120, 0.097, "+120 ms (+9.7%)")]
    [InlineData(MetricUnit.Count, 12, 0.03, "+12 (+3%)")]
    [InlineData(MetricUnit.Count, 0, 0.0, "±0")]
    [InlineData(MetricUnit.Number, 0.5, double.PositiveInfinity, "+0.5 (from 0)")]
    public void Words_a_change_in_its_unit(MetricUnit unit, double delta, double? relative, string words) =>
        Assert.Equal(words, CompareWords.Delta(unit, delta, relative));

    [Fact]
    public void Words_each_margin()
    {
        Assert.Equal("1 point", CompareWords.Margin(ComparedMetric.Score));
        Assert.Equal("1 pp", CompareWords.Margin(ComparedMetric.Span.Single(m => m.Key == "availability")));
        Assert.Equal("20 ms or 10%, whichever is larger", CompareWords.Margin(ComparedMetric.Span.Single(m => m.Key == "p95")));
        Assert.Equal("not judged", CompareWords.Margin(ComparedMetric.Span.Single(m => m.Key == "scheduled")));
    }

    [Theory]
    [InlineData(true, 71.35, 62.1, false, -5, "score < -5 held: 71.4 → 62.1 (-9.3 points)")]
    [InlineData(false, 1000.0, 1100.0, true, 0.2, "score < -5 did not hold: 1,000 ms → 1,100 ms (+10%)")]
    [InlineData(true, 10.0, null, false, 1, "score < -5 held: no data in the new run (nothing was served)")]
    public void Words_a_check(bool holds, double b, double? n, bool relative, double limit, string words)
    {
        var unit = words.Contains(" ms", StringComparison.Ordinal) ? MetricUnit.Milliseconds : MetricUnit.Points;
        var check = new CompareCheck("score < -5", holds, unit, b, n, relative, limit) { NoDataReason = n is null ? "nothing was served" : null };

        Assert.Equal(words, CompareWords.Check(check));
    }
}
