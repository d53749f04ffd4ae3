using ChaosKit.Load.Measurement;
using ChaosKit.Load.Scheduling;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

public sealed class MeasurementTests
{
    private static readonly (string, IReadOnlyList<string>)[] OneStep = [("load", ["request"])];

    private static (IReadOnlyList<Core.Results.PhaseStats> Phases, Core.Results.PhaseStats Overall, IReadOnlyList<Core.Results.SecondBucket> Seconds) Built(LoadAggregator aggregator, TimeSpan cutoff)
    {
        var built = aggregator.Build(cutoff);
        return (built.Phases, built.Overall, built.Seconds);
    }

    [Fact]
    public void Absurd_values_are_clamped_not_thrown()
    {
        var recorder = new LatencyRecorder();

        recorder.Record(TimeSpan.MaxValue);
        recorder.Record(TimeSpan.FromDays(3650));
        recorder.Record(TimeSpan.FromSeconds(-5));
        recorder.Record(TimeSpan.MinValue);

        var summary = recorder.ToSummary();
        Assert.Equal(4, summary.Count);
        Assert.Equal(3_600_000, summary.MaxMs);
        Assert.Equal(0, summary.MinMs);
        Assert.True(summary.P99Ms <= summary.MaxMs);
    }

    [Fact]
    public void Merging_recorders_is_lossless()
    {
        // Per-phase recorders merged must equal one recorder that saw every value: same count, extremes, mean and every percentile.
        var random = new Random(3);
        var values = Enumerable.Range(0, 5_000).Select(_ => TimeSpan.FromMicroseconds(random.NextDouble() * random.NextDouble() * 2_000_000)).ToList();
        var whole = new LatencyRecorder();
        var parts = new[] { new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder() };
        for (var i = 0; i < values.Count; i++)
        {
            whole.Record(values[i]);
            parts[i % 3].Record(values[i]);
        }
        var merged = new LatencyRecorder();
        foreach (var part in parts) merged.Add(part);

        Assert.Equal(whole.ToSummary() with { MeanMs = 0 }, merged.ToSummary() with { MeanMs = 0 });
        Assert.Equal(whole.ToSummary().MeanMs, merged.ToSummary().MeanMs, 6);
        foreach (var percentile in new[] { 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100 })
            Assert.Equal(whole.PercentileMs(percentile), merged.PercentileMs(percentile));
    }

    [Fact]
    public void Percentiles_are_within_histogram_precision()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 1000; ms++) recorder.Record(TimeSpan.FromMilliseconds(ms));

        var summary = recorder.ToSummary();
        Assert.Equal(1, summary.MinMs);
        Assert.Equal(1000, summary.MaxMs);
        Assert.Equal(500.5, summary.MeanMs, 3);
        Assert.InRange(summary.P50Ms, 499.5, 501);
        Assert.InRange(summary.P99Ms, 989, 991);
        Assert.InRange(summary.P999Ms, 998, 1000);
    }

    [Fact]
    public void Three_latencies_come_from_the_three_timestamps()
    {
        var aggregator = new LoadAggregator(Clock(null, ("a", 1), ("b", 1)).Timeline, OneStep);

        // Due at 0.99 s, sent 1 s late, answered 10 ms later: it belongs to phase a and second 0, wherever it ended.
        aggregator.Record(new IterationSample(0, TimeSpan.FromSeconds(0.99), TimeSpan.FromSeconds(1.99), TimeSpan.FromSeconds(2.0), IterationOutcome.Ok, 200));
        aggregator.Record(IterationSample.Dropped(1, TimeSpan.FromSeconds(1.5)));
        var (phases, overall, seconds) = Built(aggregator, TimeSpan.FromSeconds(2));

        var a = phases[0];
        Assert.Equal(1, a.Outcomes.Ok);
        Assert.Equal(1010, a.Latency.MaxMs, 1);
        Assert.Equal(10, a.ServiceLatency.MaxMs, 1);
        Assert.Equal(1000, a.DispatchDelay.MaxMs, 1);
        Assert.Equal(1, a.ThroughputPerSecond);
        Assert.Equal(1, phases[1].Outcomes.Dropped);
        Assert.Equal(0, phases[1].ThroughputPerSecond);
        Assert.Empty(phases[1].StatusCodes);
        Assert.Equal(2, overall.Outcomes.Scheduled);
        Assert.Equal(1, seconds[0].Ok);
        Assert.Equal(1010, seconds[0].P99Ms, 0);
        Assert.Equal(1, seconds[1].Dropped);
    }

    [Fact]
    public void Partial_runs_divide_throughput_by_the_time_covered()
    {
        var aggregator = new LoadAggregator(Clock(null, ("a", 1), ("b", 1)).Timeline, OneStep);
        for (var i = 0; i < 5; i++)
            aggregator.Record(new IterationSample(i, TimeSpan.FromSeconds(1 + (i * 0.1)), TimeSpan.FromSeconds(1 + (i * 0.1)), TimeSpan.FromSeconds(1.6), IterationOutcome.Ok, 200));

        var (phases, overall, seconds) = Built(aggregator, TimeSpan.FromSeconds(1.5));

        Assert.Equal(0, phases[0].ThroughputPerSecond);
        Assert.Equal(10, phases[1].ThroughputPerSecond, 6);
        Assert.Equal(5 / 1.5, overall.ThroughputPerSecond, 6);
        Assert.Equal(2, seconds.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Samples_recorded_on_many_threads_merge_exactly_as_if_recorded_on_one()
    {
        // The same samples into one shard (recorded in order) and into eight shards from eight threads at once:
        // every count, percentile and second must come out the same, or sharding lost or double-counted something.
        var timeline = Clock(null, ("a", 2), ("b", 2)).Timeline;
        var samples = Enumerable.Range(0, 8_000).Select(i => new IterationSample(
            i, TimeSpan.FromMilliseconds(i * 0.5), TimeSpan.FromMilliseconds(i * 0.5 + i % 7), TimeSpan.FromMilliseconds(i * 0.5 + 20 + i % 97),
            (IterationOutcome)(i % 6), i % 5 == 0 ? 503 : 200)).ToArray();
        var single = new LoadAggregator(timeline, OneStep, shards: 1);
        foreach (var sample in samples) single.Record(sample);
        var sharded = new LoadAggregator(timeline, OneStep, shards: 8);
        var shardsUsed = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(lane => Task.Factory.StartNew(() =>
        {
            shardsUsed[Environment.CurrentManagedThreadId % 8] = true; // the aggregator's own shard choice
            for (var i = lane; i < samples.Length; i += 8) sharded.Record(samples[i]);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        Assert.True(shardsUsed.Count > 1, "every thread landed in one shard, so nothing was merged");

        var expected = single.Build(TimeSpan.FromSeconds(4));
        var actual = sharded.Build(TimeSpan.FromSeconds(4));

        Assert.Equal(expected.Overall.Outcomes, actual.Overall.Outcomes);
        Assert.Equal(expected.Overall.Latency, actual.Overall.Latency);
        Assert.Equal(expected.Overall.ServiceLatency, actual.Overall.ServiceLatency);
        Assert.Equal(expected.Overall.DispatchDelay, actual.Overall.DispatchDelay);
        Assert.Equal(expected.Overall.StatusCodes, actual.Overall.StatusCodes);
        Assert.Equal(expected.Phases.Select(p => (p.Outcomes, p.Latency)), actual.Phases.Select(p => (p.Outcomes, p.Latency)));
        Assert.Equal(expected.Seconds, actual.Seconds);
        Assert.Equal(single.Live(TimeSpan.FromSeconds(4.5)), sharded.Live(TimeSpan.FromSeconds(4.5)));
    }

    [Fact(Timeout = 60_000)]
    public async Task Seconds_long_past_are_folded_into_their_figures_so_a_long_run_holds_few_histograms()
    {
        // Ten minutes at 20 iterations a second, each iteration 5-400 ms long, recorded as a run records them: in the
        // order they end, second by second, from four threads at once. One aggregator folds seconds 2 s (plus its
        // margin) after them, the other (the longest timeout) never within the run.
        var timeline = Clock(null, ("a", 300), ("b", 300)).Timeline;
        var samples = Enumerable.Range(0, 12_000).Select(i => new IterationSample(
            i, TimeSpan.FromMilliseconds(i * 50), TimeSpan.FromMilliseconds(i * 50 + i % 3), TimeSpan.FromMilliseconds(i * 50 + 5 + i * 7919 % 400),
            (IterationOutcome)(i % 6), i % 5 == 0 ? 503 : 200)).ToArray();
        var folding = new LoadAggregator(timeline, OneStep, shards: 4, foldAfter: TimeSpan.FromSeconds(2));
        var keeping = new LoadAggregator(timeline, OneStep, shards: 4);
        foreach (var endingInOneSecond in samples.GroupBy(s => s.Ended.Ticks / TimeSpan.TicksPerSecond).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(endingInOneSecond, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (sample, _) =>
            {
                folding.Record(sample);
                keeping.Record(sample);
                return ValueTask.CompletedTask;
            });
        }

        Assert.InRange(folding.SecondsHeld, 1, 4 * 50); // at most the last 2 s + margin + a batch, per shard
        Assert.True(keeping.SecondsHeld >= 600, $"{keeping.SecondsHeld} seconds held");
        var expected = keeping.Build(TimeSpan.FromSeconds(600));
        var actual = folding.Build(TimeSpan.FromSeconds(600));
        Assert.Equal(600, actual.Seconds.Count);
        Assert.Equal(expected.Seconds, actual.Seconds); // every count and percentile of every second
        Assert.Equal(expected.Overall.Outcomes, actual.Overall.Outcomes);
        Assert.Equal(expected.Overall.Latency, actual.Overall.Latency);
    }

    [Fact]
    public void An_iteration_that_ends_after_its_second_was_folded_still_counts_in_it()
    {
        var aggregator = new LoadAggregator(Clock(100).Timeline, OneStep, shards: 1, foldAfter: TimeSpan.Zero);
        aggregator.Record(new IterationSample(0, TimeSpan.FromSeconds(5.1), TimeSpan.FromSeconds(5.1), TimeSpan.FromSeconds(5.2), IterationOutcome.Ok, 200));
        // Second 90 is past second 5 by more than the margin and a batch: second 5 folds.
        aggregator.Record(new IterationSample(1, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(90.1), IterationOutcome.Ok, 200));
        Assert.Equal(1, aggregator.SecondsHeld);
        // An iteration of second 5 that ran for 85 s: counted, but the percentiles are those folded.
        aggregator.Record(new IterationSample(2, TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(90.5), IterationOutcome.Timeout, 0));

        var fifth = aggregator.Build(TimeSpan.FromSeconds(100)).Seconds[5];

        Assert.Equal((1, 1), (fifth.Ok, fifth.Timeout));
        Assert.Equal(100, fifth.P99Ms, 0);
    }

    [Fact]
    public void Sealed_aggregate_ignores_stragglers()
    {
        var aggregator = new LoadAggregator(Clock(1).Timeline, OneStep);
        aggregator.Seal();
        aggregator.Record(IterationSample.Dropped(0, TimeSpan.Zero));
        Assert.Equal(0, aggregator.Build(TimeSpan.FromSeconds(1)).Overall.Outcomes.Scheduled);
    }

    [Theory]
    [InlineData(50, 2.0, 100)]
    [InlineData(3, 1.0, 3)]
    [InlineData(0.5, 3.0, 2)]
    [InlineData(1000, 0.0015, 2)]
    [InlineData(10, 0, 0)]
    [InlineData(7, 1.0, 7)]
    public void Constant_rate_plans_every_arrival_before_the_end(double rate, double seconds, long expected)
    {
        var schedule = new ConstantArrivalRate(rate, TimeSpan.FromSeconds(seconds));
        var arrivals = schedule.Arrivals().ToList();

        Assert.Equal(expected, schedule.Count);
        Assert.Equal(expected, arrivals.Count);
        Assert.All(arrivals, a => Assert.True(a.Offset < TimeSpan.FromSeconds(seconds)));
        Assert.Equal(Enumerable.Range(0, (int)expected).Select(i => (long)i), arrivals.Select(a => a.Iteration));
        if (expected > 1) Assert.Equal(TimeSpan.FromSeconds(1 / rate).Ticks, (arrivals[1].Offset - arrivals[0].Offset).Ticks, 1.0);
    }

    [Fact]
    public void Live_window_reports_last_second_and_recent_p95()
    {
        var live = new LiveWindow();
        for (var i = 0; i < 20; i++) live.Record(3, TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 10; i++) live.Record(4, TimeSpan.FromMilliseconds(200));

        Assert.Equal(20, live.CompletedInSecond(3));
        Assert.Equal(10, live.CompletedInSecond(4));
        Assert.InRange(live.P95Ms(4), 199, 201);
        Assert.Equal(0, live.P95Ms(20)); // everything aged out
    }
}
