using Bogus;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load.Tests;

/// <summary>Per-step recording, merging and templates, without a network.</summary>
public sealed class WorkflowMeasurementTests
{
    private static StepSample Ran(int millis, StepOutcome outcome = StepOutcome.Ok, string? failure = null, int? firstByte = null) =>
        new(0, 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), firstByte is { } f ? TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(f) : null,
            TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(millis), outcome, outcome == StepOutcome.Ok ? 200 : 500, failure);

    [Fact]
    public void Merging_step_recorders_loses_nothing()
    {
        var a = new StepRecorder();
        var b = new StepRecorder();
        var all = new StepRecorder();
        for (var i = 1; i <= 500; i++)
        {
            var sample = i % 10 == 0 ? Ran(i, StepOutcome.Failed, "status 2xx") : Ran(i, firstByte: i / 2);
            (i % 3 == 0 ? a : b).Record(sample);
            all.Record(sample);
        }
        a.Record(StepSample.Skipped(0, 0, TimeSpan.Zero));
        all.Record(StepSample.Skipped(0, 0, TimeSpan.Zero));

        var merged = new StepRecorder();
        merged.Add(a);
        merged.Add(b);
        var expected = all.ToStats("w", "s");
        var actual = merged.ToStats("w", "s");

        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Latency, actual.Latency); // every percentile, and the spectrum, compared by content
        Assert.Equal(expected.TimeToFirstByte, actual.TimeToFirstByte);
        Assert.Equal(expected.Failures, actual.Failures);
        Assert.Equal(expected.StatusCodes, actual.StatusCodes);
        Assert.Equal(new Core.Results.StepCounts(450, 0, 50, 0, 0, 1), actual.Counts);
    }

    [Fact]
    public void A_steps_latency_is_split_between_the_runs_that_passed_and_the_others()
    {
        var recorder = new StepRecorder();
        for (var i = 1; i <= 100; i++) recorder.Record(Ran(1000 + i)); // passed: slow
        for (var i = 1; i <= 50; i++) recorder.Record(Ran(i, StepOutcome.Fallback)); // passed, degraded: fast
        for (var i = 1; i <= 300; i++) recorder.Record(Ran(2, i % 2 == 0 ? StepOutcome.Error : StepOutcome.Failed, "status 2xx")); // refused at once

        var stats = recorder.ToStats("w", "s");

        Assert.Equal(150, stats.ServedLatency.Count);
        Assert.Equal(300, stats.FailedLatency.Count);
        Assert.Equal(450, stats.Latency.Count);
        Assert.InRange(stats.ServedLatency.P95Ms, 1090, 1101);
        Assert.InRange(stats.FailedLatency.MaxMs, 2, 2.01);
        Assert.InRange(stats.Latency.P50Ms, 2, 2.01); // the instant refusals drag the all-runs median down
    }

    [Fact(Timeout = 60_000)]
    public async Task The_live_step_view_counts_every_run_from_many_threads_and_keeps_only_recent_latency()
    {
        // Workflow 0 has steps ask and history, workflow 1 one step: samples for all three from eight threads at once.
        var tally = new LoadAggregator(Fixtures.Clock(30).Timeline, [("ask-and-read", ["ask", "history"]), ("stream", ["ask-stream"])], shards: 8);
        static StepSample Sample(int workflow, int step, double endedSeconds, int millis, StepOutcome outcome) =>
            new(workflow, step, TimeSpan.Zero, TimeSpan.FromSeconds(endedSeconds) - TimeSpan.FromMilliseconds(millis), null,
                TimeSpan.FromSeconds(endedSeconds), outcome, outcome == StepOutcome.Ok ? 200 : 500, outcome == StepOutcome.Ok ? null : "status 2xx");
        var samples = new List<StepSample>();
        for (var i = 0; i < 400; i++)
        {
            // ask: 400 runs ending in second 1 (slow, 1 s) and 200 ending in second 9 (fast, 10-209 ms), 1 in 10 failed.
            samples.Add(Sample(0, 0, 1.5, 1000, i % 10 == 0 ? StepOutcome.Failed : StepOutcome.Ok));
            if (i < 200) samples.Add(Sample(0, 0, 9.5, 10 + i, StepOutcome.Ok));
            // history: skipped after each failed ask, run after the others; a timeout every 40th.
            samples.Add(i % 10 == 0 ? StepSample.Skipped(0, 1, TimeSpan.Zero) : Sample(0, 1, 9.2, 50, i % 40 == 1 ? StepOutcome.Timeout : StepOutcome.Ok));
        }
        var threads = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(lane => Task.Factory.StartNew(() =>
        {
            threads[Environment.CurrentManagedThreadId % 8] = true;
            for (var i = lane; i < samples.Count; i += 8) tally.Record(samples[i]);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        Assert.True(threads.Count > 1, "every thread landed in one shard, so nothing was merged");

        var steps = tally.LiveSteps(TimeSpan.FromSeconds(9.9));

        Assert.Equal(["ask-and-read/ask", "ask-and-read/history", "stream/ask-stream"], steps.Select(s => $"{s.Workflow}/{s.Step}"));
        var ask = steps[0];
        Assert.Equal((600L, 560L, 40L, 0L), (ask.Ran, ask.Ok, ask.Failures, ask.Skipped));
        // The 1 s runs ended 8 s ago, out of the window: the p95 is over the 200 recent runs only (10-209 ms).
        Assert.Equal(200, ask.RecentRuns);
        Assert.InRange(ask.RecentP95Ms, 198, 201);
        var history = steps[1];
        Assert.Equal((360L, 10L, 40L), (history.Ran, history.Timeout, history.Skipped));
        Assert.InRange(history.RecentP95Ms, 49.5, 50.5);
        Assert.Equal((0L, 0L, 0.0), (steps[2].Ran, steps[2].RecentRuns, steps[2].RecentP95Ms));

        // Later, everything has aged out of the window; the counts stay.
        var later = tally.LiveSteps(TimeSpan.FromSeconds(30));
        Assert.Equal((600L, 0L, 0.0), (later[0].Ran, later[0].RecentRuns, later[0].RecentP95Ms));

        tally.Seal();
        tally.Record(Sample(0, 0, 29, 5, StepOutcome.Ok));
        Assert.Equal(600, tally.LiveSteps(TimeSpan.FromSeconds(30))[0].Ran);

        // The result agrees with the live counts, step by step and workflow by workflow.
        var built = tally.Build(TimeSpan.FromSeconds(30));
        Assert.Equal([(600L, 40L, 0L), (360L, 0L, 40L), (0L, 0L, 0L)], built.Steps.Select(s => (s.Counts.Ran, s.Counts.Failed, s.Counts.Skipped)));
        Assert.Equal(["ask", "history"], built.Workflows[0].Steps.Select(s => s.Step));
        Assert.Equal(["ask-stream"], built.Workflows[1].Steps.Select(s => s.Step));
    }

    [Fact]
    public void A_run_of_one_step_has_no_live_step_view_but_its_step_in_the_result()
    {
        var aggregator = new LoadAggregator(Fixtures.Clock(1).Timeline, [("load", ["request"])]);

        aggregator.Record(Ran(5));
        aggregator.Record(new IterationSample(0, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.005), IterationOutcome.Ok, 200));

        Assert.Empty(aggregator.LiveSteps(TimeSpan.FromSeconds(1)));
        var built = aggregator.Build(TimeSpan.FromSeconds(1));
        var step = Assert.Single(built.Steps);
        Assert.Equal(("load", "request", 1L), (step.Workflow, step.Step, step.Counts.Ok));
        Assert.Equal(1, Assert.Single(built.Workflows).Overall.Outcomes.Ok);
    }

    [Fact]
    public void An_iteration_of_one_step_recorded_in_one_call_is_filed_as_its_two_samples_apart()
    {
        // Two phases of 2 s; iterations scheduled in each, on the boundary and after the end, some failed.
        var timeline = Fixtures.Clock(null, ("before", 2), ("outage", 2)).Timeline;
        var together = new LoadAggregator(timeline, [("load", ["request"])]);
        var apart = new LoadAggregator(timeline, [("load", ["request"])]);
        for (var i = 0; i < 50; i++)
        {
            var scheduled = TimeSpan.FromSeconds(i * 0.1);
            var sent = scheduled + TimeSpan.FromMilliseconds(1);
            var ended = sent + TimeSpan.FromMilliseconds(10 + i);
            var failed = i % 7 == 0;
            var step = new StepSample(0, 0, scheduled, sent, null, ended, failed ? StepOutcome.Failed : StepOutcome.Ok, failed ? 503 : 200, failed ? "status 2xx" : null);
            var iteration = new IterationSample(i, scheduled, sent, ended, failed ? IterationOutcome.Failed : IterationOutcome.Ok, step.StatusCode);
            together.Record(iteration, step);
            apart.Record(iteration);
            apart.Record(step);
        }

        var expected = apart.Build(timeline.Duration);
        var actual = together.Build(timeline.Duration);

        Assert.Equal(expected.Phases.Select(p => (p.Outcomes, p.Latency.P95Ms)), actual.Phases.Select(p => (p.Outcomes, p.Latency.P95Ms)));
        Assert.Equal(expected.Overall.Outcomes, actual.Overall.Outcomes);
        Assert.Equal(expected.Seconds, actual.Seconds);
        Assert.Equal(
            expected.PhaseSteps.Select(p => p.Select(s => (s.Counts, s.Latency.P95Ms, string.Join(",", s.Failures)))),
            actual.PhaseSteps.Select(p => p.Select(s => (s.Counts, s.Latency.P95Ms, string.Join(",", s.Failures)))));
        Assert.Equal([20L, 20L], actual.PhaseSteps.Select(p => p.Single().Counts.Ran));
        Assert.Equal(50, actual.Steps.Single().Counts.Ran);
        Assert.Equal(expected.Steps.Single().StatusCodes, actual.Steps.Single().StatusCodes);

        together.Seal();
        together.Record(new IterationSample(99, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(5), IterationOutcome.Ok, 200),
            new StepSample(0, 0, TimeSpan.Zero, TimeSpan.Zero, null, TimeSpan.FromMilliseconds(5), StepOutcome.Ok, 200, null));
        Assert.Equal(50, together.Build(timeline.Duration).Steps.Single().Counts.Ran);
    }

    [Fact]
    public void Any_percentile_is_read_from_the_spectrum_and_agrees_with_the_fixed_ones()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 1000; i++) recorder.Record(TimeSpan.FromMilliseconds(i));

        var summary = recorder.ToSummary();

        Assert.Equal(summary.P95Ms, summary.PercentileMs(95));
        Assert.Equal(summary.P75Ms, summary.PercentileMs(75));
        Assert.InRange(summary.P75Ms, 749, 751);
        Assert.InRange(summary.PercentileMs(99.5)!.Value, 994, 996.1);
        Assert.InRange(summary.PercentileMs(12.5)!.Value, 124, 126);
        Assert.Equal(summary.Spectrum!.ValueAtMs(99.9), recorder.PercentileMs(99.9), 3);
        Assert.Equal(1000, summary.PercentileMs(100));
        Assert.Null(new LatencyRecorder().ToSummary().PercentileMs(50));
    }

    [Fact]
    public void Templates_mix_literals_variables_captures_and_bogus_data_reproducibly()
    {
        var bogus = new List<TemplateExpression>();
        var template = TemplateText.Compile("/api/{{ user }}/history/{{answer_id}}?q={{lorem.word}}", "path", bogus);
        Assert.Equal(["{{lorem.word}}"], bogus.Select(b => b.Text));

        string Render(int seed)
        {
            var state = new IterationState(new Faker("en") { Random = new Randomizer(seed) });
            state.Values["user"] = "ada";
            state.Values["answer_id"] = "42";
            return template.Render(state);
        }

        Assert.StartsWith("/api/ada/history/42?q=", Render(1));
        Assert.DoesNotContain("{{", Render(1));
        Assert.Equal(Render(7), Render(7));
        Assert.True(TemplateText.Compile("plain", "f", bogus).IsLiteral);
        Assert.Throws<KeyNotFoundException>(() => template.Render(new IterationState(new Faker("en"))));
    }
}
