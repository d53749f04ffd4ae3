using System.Text.Json;
using System.Text.RegularExpressions;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

[Collection(TargetCollection.Name)]
public sealed partial class LoadRunnerTests(TargetServer server)
{
    [Fact]
    public async Task Constant_rate_schedules_the_exact_count_and_splits_phases_by_scheduled_start()
    {
        var request = Get("/echo", method: "POST", json: new Dictionary<string, object?>
        {
            ["question"] = "{{lorem.sentence}}",
            ["user"] = "{{internet.userName}}",
        });
        var clock = Clock(null, ("first", 1), ("second", 1));
        var runner = new LoadRunner(Spec(50, "/echo", request: request), seed: 42, server.BaseUrl, clock);
        Assert.Equal(100, runner.PlannedIterations);
        Assert.Equal(LoadProgress.NotStarted, runner.Snapshot());
        var echoedBefore = server.Echoed.Count;

        var run = runner.RunAsync(CancellationToken.None);
        await Task.Delay(500);
        var live = runner.Snapshot();
        var result = await run;

        // The snapshot describes the moment it was taken; on a busy machine the 500 ms wait can outlast the first phase.
        Assert.True(live.Elapsed > TimeSpan.Zero);
        var expectedPhase = live.Elapsed < TimeSpan.FromSeconds(1) ? "first" : live.Elapsed < TimeSpan.FromSeconds(2) ? "second" : null;
        Assert.Equal(expectedPhase, live.Phase);
        Assert.InRange(live.Scheduled, 1, expectedPhase == "first" ? 50 : 100);

        Assert.True(result.Completed);
        Assert.Equal(100, result.Overall.Outcomes.Scheduled);
        Assert.Equal(50, result.Phases[0].Outcomes.Scheduled);
        Assert.Equal(50, result.Phases[1].Outcomes.Scheduled);
        Assert.InRange(result.Overall.Outcomes.Ok, 98, 100);
        Assert.Equal(result.Overall.Outcomes.Ok, result.Overall.StatusCodes["200"]);
        Assert.Equal(100, result.Overall.Latency.Count);
        Assert.InRange(result.Phases[0].ThroughputPerSecond, 49, 50);

        Assert.Equal(2, result.Seconds.Count);
        Assert.All(result.Seconds, s => Assert.Equal(50, s.Ok + s.Fallback + s.Failed + s.Timeout + s.Error + s.Dropped));
        Assert.Equal(100, runner.Snapshot().Scheduled);

        // Every request carried a fresh W3C trace context and a rendered JSON body.
        var echoed = server.Echoed.Skip(echoedBefore).ToList();
        Assert.Equal(100, echoed.Count);
        Assert.All(echoed, e => Assert.Matches(TraceParent(), e.TraceParent));
        Assert.Equal(100, echoed.Select(e => e.TraceParent).Distinct().Count());
        Assert.All(echoed, e => Assert.StartsWith("application/json", e.ContentType));
        using var body = JsonDocument.Parse(echoed[0].Body);
        Assert.DoesNotContain("{{", body.RootElement.GetProperty("question").GetString());
    }

    [Fact]
    public async Task Closed_profile_keeps_copies_busy_and_marks_each_iteration()
    {
        var spec = Spec(1, "/echo", request: Get("/echo", method: "POST", json: new Dictionary<string, object?> { ["q"] = "x" })) with
        {
            Simulations = [Simulations.Simulation.KeepConstant(3, TimeSpan.FromMilliseconds(500))],
            CorrelationHeader = "X-ChaosKit-Iteration",
        };
        var echoedBefore = server.Echoed.Count;
        var runner = new LoadRunner(spec, 1, server.BaseUrl, Clock(1));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(LoadModel.Closed, result.Model);
        Assert.True(result.Completed);
        Assert.True(result.Overall.Outcomes.Ok > 3, $"copies should run back to back, got {result.Overall.Outcomes.Ok}");
        Assert.Equal(0, result.Overall.Outcomes.Dropped);
        var marks = server.Echoed.Skip(echoedBefore).Select(e => long.Parse(e.Iteration!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, marks.Count).Select(i => (long)i), marks);
    }

    [Fact]
    public async Task Fallback_header_is_classified_case_insensitively()
    {
        var spec = Spec(20, "/alternate/fallback-test", fallback: new FallbackMarker("x-answer-source", "fallback"));
        var result = await new LoadRunner(spec, 1, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);

        Assert.Equal(10, result.Overall.Outcomes.Scheduled);
        Assert.Equal(5, result.Overall.Outcomes.Fallback);
        Assert.Equal(5, result.Overall.Outcomes.Ok);
        Assert.Equal(10, result.Overall.StatusCodes["200"]);
    }

    [Fact]
    public async Task Error_status_is_failed_and_counted_by_code()
    {
        var result = await new LoadRunner(Spec(20, "/status/503"), 1, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);

        Assert.Equal(10, result.Overall.Outcomes.Failed);
        Assert.Equal(0, result.Overall.Outcomes.Ok);
        Assert.Equal(10, result.Overall.StatusCodes["503"]);
        Assert.Equal(10, result.Seconds[0].Failed);
    }

    [Fact]
    public async Task Slow_answer_is_a_timeout_and_the_drain_is_bounded_by_the_timeout()
    {
        var spec = Spec(10, "/delay/2000", timeoutSeconds: 0.2);
        var result = await new LoadRunner(spec, 1, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(5, result.Overall.Outcomes.Timeout);
        Assert.Equal(5, result.Overall.StatusCodes["none"]);
        Assert.True(result.Overall.ServiceLatency.MinMs >= 190, $"service min {result.Overall.ServiceLatency.MinMs} ms");
        Assert.True(result.Duration < TimeSpan.FromSeconds(1.9), $"took {result.Duration}");
    }

    [Fact]
    public async Task Refused_connection_is_an_error()
    {
        var target = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        var result = await new LoadRunner(Spec(20, "/ok"), 1, target, Clock(0.5)).RunAsync(CancellationToken.None);

        Assert.Equal(10, result.Overall.Outcomes.Error);
        Assert.Equal(10, result.Overall.StatusCodes["none"]);
    }

    [Fact]
    public async Task Refused_connections_are_failed_latency_not_served_latency()
    {
        // A dead target refuses at once: its requests are fast failures, and nothing served has a latency at all.
        var target = new Uri($"http://127.0.0.1:{UnusedPort()}/");
        var result = await new LoadRunner(Spec(20, "/ok"), 1, target, Clock(0.5)).RunAsync(CancellationToken.None);

        var overall = result.Overall;
        Assert.Equal(LatencySummary.Empty, overall.ServedLatency);
        Assert.Equal(10, overall.FailedLatency.Count);
        Assert.Equal(overall.Latency, overall.FailedLatency);
        Assert.Equal(10, result.Phases[0].FailedLatency.Count);
    }

    [Fact]
    public async Task Served_and_failed_latencies_split_the_latency_of_every_request_that_started()
    {
        // Every other call hangs past the 300 ms timeout: half served at once, half timed out.
        var spec = Spec(20, "/hang-every-other/split", timeoutSeconds: 0.3);
        var result = await new LoadRunner(spec, 1, server.BaseUrl, Clock(null, ("first", 0.5), ("second", 0.5))).RunAsync(CancellationToken.None);

        foreach (var stats in result.Phases.Append(result.Overall))
        {
            Assert.Equal(stats.Outcomes.Ok, stats.ServedLatency.Count);
            Assert.Equal(stats.Outcomes.Timeout, stats.FailedLatency.Count);
            Assert.Equal(stats.Latency.Count, stats.ServedLatency.Count + stats.FailedLatency.Count);
            Assert.Equal(Math.Min(stats.ServedLatency.MinMs, stats.FailedLatency.MinMs), stats.Latency.MinMs);
            Assert.Equal(Math.Max(stats.ServedLatency.MaxMs, stats.FailedLatency.MaxMs), stats.Latency.MaxMs);
        }
        Assert.True(result.Overall.FailedLatency.MinMs >= 290, $"failed min {result.Overall.FailedLatency.MinMs} ms");
        Assert.True(result.Overall.ServedLatency.P95Ms < 290, $"served p95 {result.Overall.ServedLatency.P95Ms} ms");
        Assert.InRange(result.Overall.Outcomes.Ok, 9, 11);
    }

    [Fact]
    public async Task Arrivals_over_the_concurrency_cap_are_dropped_not_queued()
    {
        var spec = Spec(50, "/delay/1500", maxConcurrency: 5);
        var runner = new LoadRunner(spec, 1, server.BaseUrl, Clock(1));
        var run = runner.RunAsync(CancellationToken.None);
        await Task.Delay(600);
        var live = runner.Snapshot();
        var result = await run;

        Assert.Equal(5, live.InFlight);
        Assert.True(live.Dropped > 0);
        Assert.Equal(50, result.Overall.Outcomes.Scheduled);
        Assert.Equal(5, result.Overall.Outcomes.Ok);
        Assert.Equal(45, result.Overall.Outcomes.Dropped);
        Assert.Equal(5, result.Overall.Latency.Count); // dropped arrivals have no latency
        Assert.False(result.Overall.StatusCodes.ContainsKey("none"));
        Assert.Contains(result.Warnings, w => w.Code == RunWarningCodes.ArrivalsDropped && w["dropped"] == 45);
    }

    [Fact]
    public async Task Latency_counts_from_the_scheduled_start_so_a_generator_stall_is_not_hidden()
    {
        // The generator pauses for 1 s at 300 ms while the target stays fast. Arrivals due during the pause go out late,
        // all at once. Measured from the actual send they look fast; measured from when they were due (wrk2), the
        // users behind them waited up to a second. If latency were timed from the send, Latency would equal ServiceLatency.
        var time = new StallOnceTimeProvider(after: TimeSpan.FromMilliseconds(300), stall: TimeSpan.FromSeconds(1));
        var result = await new LoadRunner(Spec(20, "/ok"), 1, server.BaseUrl, Clock(time, ("only", 1.5))).RunAsync(CancellationToken.None);

        var overall = result.Overall;
        Assert.Equal(30, overall.Outcomes.Ok);
        Assert.True(overall.DispatchDelay.MaxMs >= 900, $"dispatch max {overall.DispatchDelay.MaxMs} ms");
        Assert.True(overall.Latency.MaxMs >= 900, $"latency max {overall.Latency.MaxMs} ms");
        Assert.True(overall.Latency.P90Ms >= 500, $"latency p90 {overall.Latency.P90Ms} ms");
        // Relative, not a fixed bound, so a pause of a busy host does not fail it: timed from the send, the stall is hidden.
        Assert.True(overall.ServiceLatency.P90Ms < overall.Latency.P90Ms / 2, $"service p90 {overall.ServiceLatency.P90Ms} ms, latency p90 {overall.Latency.P90Ms} ms");
        Assert.Contains(result.Warnings, w => w.Code is RunWarningCodes.DispatchDelayHigh or RunWarningCodes.ArrivalsLate);
    }

    [Fact]
    public async Task A_stalling_target_shows_in_the_open_model_percentiles_where_a_closed_model_hides_it()
    {
        // The same one-second stall of the target, measured two ways. The open model keeps sending at 100/s, so the
        // ~100 users who arrive during the stall all wait (up to a second) and their waits are in the percentiles.
        // A closed model of one copy (how wrk measures) sends nothing while its one request is stuck: it records a
        // single slow call among hundreds of fast ones, and its p99 says nothing happened (coordinated omission).
        // A short run first, so a cold process (JIT, first connections) does not make the first second slow too.
        await new LoadRunner(Spec(100, "/ok"), 1, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);
        var open = await new LoadRunner(Spec(100, $"/stall-window/open-{Guid.NewGuid():N}", maxConcurrency: 400), 1, server.BaseUrl, Clock(2.5))
            .RunAsync(CancellationToken.None);
        var closedSpec = Spec(1, $"/stall-window/closed-{Guid.NewGuid():N}") with
        {
            Simulations = [Simulations.Simulation.KeepConstant(1, TimeSpan.FromSeconds(2.5))],
        };
        var closed = await new LoadRunner(closedSpec, 1, server.BaseUrl, Clock(2.5)).RunAsync(CancellationToken.None);

        // The bounds are relative to the open model's p90 rather than fixed milliseconds, with room for a pause of the
        // host: CI once measured the fast half of the open run at ~200 ms, and a local run caught the closed model's
        // one call 350 ms into the stall (655 ms max); neither says anything about what is measured here.
        var openLatency = open.Overall.Latency;
        var closedLatency = closed.Overall.Latency;
        var figures = $"open p50 {openLatency.P50Ms} p90 {openLatency.P90Ms} ms; closed p99 {closedLatency.P99Ms} max {closedLatency.MaxMs} ms";
        Assert.Equal(250, open.Overall.Outcomes.Ok);
        Assert.True(openLatency.P90Ms >= 500, figures);
        Assert.True(openLatency.P50Ms < openLatency.P90Ms / 2, figures); // the stall, not a slow machine, makes the tail

        Assert.True(closed.Overall.Outcomes.Ok > 100, $"closed model ran {closed.Overall.Outcomes.Ok} calls");
        Assert.True(closedLatency.MaxMs >= 500, figures); // its one copy was caught by the stall...
        Assert.True(closedLatency.P99Ms < openLatency.P90Ms / 2, figures); // ...but its percentiles do not show it
    }

    [Fact]
    public async Task Service_latency_includes_reading_the_whole_body()
    {
        var result = await new LoadRunner(Spec(5, "/slow-body"), 1, server.BaseUrl, Clock(0.4)).RunAsync(CancellationToken.None);

        Assert.Equal(2, result.Overall.Outcomes.Ok);
        Assert.True(result.Overall.ServiceLatency.MinMs >= 280, $"service min {result.Overall.ServiceLatency.MinMs} ms");
    }

    [Fact]
    public async Task Cancellation_returns_what_was_measured_so_far()
    {
        // Every second request hangs; cancelling must not wait for them, and must keep the finished ones.
        var spec = Spec(20, "/hang-every-other/cancel-test", timeoutSeconds: 20);
        var runner = new LoadRunner(spec, 1, server.BaseUrl, Clock(10));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(600));

        var result = await runner.RunAsync(cts.Token);

        Assert.False(result.Completed);
        Assert.True(result.Duration < TimeSpan.FromSeconds(3), $"took {result.Duration}");
        Assert.InRange(result.Overall.Outcomes.Ok, 3, 9);
        Assert.Equal(result.Overall.Outcomes.Ok, result.Overall.Outcomes.Scheduled); // hanging ones are abandoned, not counted
        Assert.Equal(0, result.Overall.Outcomes.Timeout);
        // Seconds and throughput cover the run up to the cancel, not the 10 s timeline (which would give 0.6/s). The
        // cancel lands at ~0.6 s, later on a busy host (CI once saw a second, empty bucket), so the bounds leave room.
        Assert.InRange(result.Seconds.Count, 1, (int)Math.Ceiling(result.Duration.TotalSeconds));
        Assert.Equal(result.Overall.Outcomes.Ok, result.Seconds.Sum(s => s.Ok));
        Assert.True(result.Phases[0].ThroughputPerSecond > 2, $"throughput {result.Phases[0].ThroughputPerSecond}/s");
        Assert.Contains(result.Warnings, w => w.Code is RunWarningCodes.RequestsAbandoned or RunWarningCodes.DrainTimedOut);
    }

    [Fact]
    public async Task An_already_cancelled_token_returns_an_empty_partial_result_at_once()
    {
        var runner = new LoadRunner(Spec(50, "/ok"), 1, server.BaseUrl, Clock(null, ("a", 5), ("b", 5)));

        var result = await runner.RunAsync(new CancellationToken(canceled: true));

        Assert.False(result.Completed);
        Assert.Equal(0, result.Overall.Outcomes.Scheduled);
        Assert.Equal(2, result.Phases.Count);
        Assert.True(result.Duration < TimeSpan.FromSeconds(1), $"took {result.Duration}");
        Assert.Equal(result.Duration, runner.Snapshot().Elapsed); // the live view freezes at the end
    }

    [Fact]
    public async Task A_runner_runs_once()
    {
        var runner = new LoadRunner(Spec(10, "/ok"), 1, server.BaseUrl, Clock(0.1));
        await runner.RunAsync(CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(CancellationToken.None));
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$")]
    private static partial Regex TraceParent();
}
