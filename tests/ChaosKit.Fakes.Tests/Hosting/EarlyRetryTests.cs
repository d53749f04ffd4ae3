using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Hosting;

public sealed class EarlyRetryTests
{
    private const string TraceA = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string TraceB = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task A_raw_client_that_ignores_retry_after_is_flagged_and_counted_in_its_phase()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "30s")));

        using (var first = await run.PostMessagesAsync(FakeRun.HelloBody)) Assert.Equal(TimeSpan.FromSeconds(30), first.Headers.RetryAfter?.Delta);
        using (await run.PostMessagesAsync(FakeRun.HelloBody)) { }

        var calls = (await JournalWait.CallsAsync(run, 2)).ToArray();
        Assert.Null(calls[0].EarlyBy);
        Assert.True(calls[1].EarlyBy > TimeSpan.FromSeconds(25), $"early by {calls[1].EarlyBy}");
        Assert.Equal(1, run.Fakes.CallsInPhase(0).EarlyRetries);
        Assert.Equal(1, run.Fakes.AllCalls().EarlyRetries);
    }

    [Fact]
    public async Task Clients_are_told_apart_by_their_trace_id()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "30s")));

        using (await run.PostMessagesAsync(FakeRun.HelloBody, traceId: TraceA)) { }
        using (await run.PostMessagesAsync(FakeRun.HelloBody, traceId: TraceB)) { }
        using (await run.PostMessagesAsync(FakeRun.HelloBody, traceId: TraceA)) { }

        var calls = (await JournalWait.CallsAsync(run, 3)).ToArray();
        Assert.Equal([false, false, true], calls.Select(c => c.IsEarlyRetry));
    }

    [Fact]
    public async Task The_anthropic_sdk_waits_out_retry_after_so_its_retry_is_not_flagged()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Error(529, 1.0, ("retry_after", "1s")));
        var hello = new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 16, Messages = [new UserMessageParam("Hi")] };

        await Assert.ThrowsAnyAsync<AnthropicApiException>(() => run.Client(maxRetries: 1).Messages.Create(hello));

        var calls = (await JournalWait.CallsAsync(run, 2)).ToArray();
        Assert.Equal([0, 1], calls.Select(c => c.RetryCount ?? 0));
        Assert.All(calls, c => Assert.False(c.IsEarlyRetry));
        Assert.Equal(0, run.Fakes.AllCalls().EarlyRetries);
    }

    [Fact]
    public async Task The_journal_file_carries_the_flag_and_how_early()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-early-{Guid.NewGuid():N}.jsonl");
        try
        {
            var scenario = TestScenarios.Create([TestScenarios.Phase("only", TimeSpan.FromHours(1), TestScenarios.Error(429, 1.0, ("retry_after", "30s")))]);
            await using (var run = await FakeRun.StartAsync(scenario, options: new FakeOptions { JournalPath = path }))
            {
                using (await run.PostMessagesAsync(FakeRun.HelloBody)) { }
                using (await run.PostMessagesAsync(FakeRun.HelloBody)) { }
                await JournalWait.CallsAsync(run, 2);
            }

            var lines = (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.False(lines[0].GetProperty("early_retry").GetBoolean());
            Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("early_by_ms").ValueKind);
            Assert.True(lines[1].GetProperty("early_retry").GetBoolean());
            Assert.True(lines[1].GetProperty("early_by_ms").GetDouble() > 25_000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_tracker_remembers_a_bounded_number_of_clients_and_sweeps_out_expired_waits()
    {
        var time = new FakeTimeProvider();
        var tracker = new RetryAfterTracker(time, capacity: 2);
        var wait = new HeaderDictionary { ["retry-after"] = "10" };

        tracker.Note("a", wait, time.GetTimestamp());
        tracker.Note("b", wait, time.GetTimestamp());
        tracker.Note("c", wait, time.GetTimestamp()); // full of live waits: c is not tracked
        Assert.Equal(2, tracker.Count);
        Assert.NotNull(tracker.EarlyBy("a", time.GetTimestamp()));
        Assert.Null(tracker.EarlyBy("c", time.GetTimestamp()));

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(tracker.EarlyBy("a", time.GetTimestamp()));
        tracker.Note("c", wait, time.GetTimestamp()); // a and b have expired and make room
        Assert.Equal(1, tracker.Count);
        Assert.NotNull(tracker.EarlyBy("c", time.GetTimestamp()));
    }

    [Fact]
    public void Expired_waits_are_swept_out_long_before_the_capacity_is_reached()
    {
        // A long run with a fresh correlation id per iteration: waits of 1 s given to 20,000 clients, one every 10 ms.
        var time = new FakeTimeProvider();
        var tracker = new RetryAfterTracker(time);
        var wait = new HeaderDictionary { ["retry-after"] = "1" };
        var most = 0;
        for (var i = 0; i < 20_000; i++)
        {
            tracker.Note($"iteration-{i}", wait, time.GetTimestamp());
            most = Math.Max(most, tracker.Count);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        // About 100 waits run at any moment; the tracker holds at most its sweep floor's worth, not 20,000.
        Assert.InRange(most, 100, RetryAfterTracker.SweepFloor);
        Assert.NotNull(tracker.EarlyBy("iteration-19999", time.GetTimestamp())); // the live ones are kept
    }

    [Fact]
    public void A_call_within_the_timer_tolerance_of_the_deadline_is_on_time()
    {
        var time = new FakeTimeProvider();
        var tracker = new RetryAfterTracker(time);
        tracker.Note("a", new HeaderDictionary { ["retry-after"] = "1" }, time.GetTimestamp());

        // 11 ms before the end is early; 10 ms before it (a millisecond-coarse timer) is on time.
        time.Advance(TimeSpan.FromSeconds(1) - RetryAfterTracker.Tolerance - TimeSpan.FromMilliseconds(1));
        Assert.Equal(RetryAfterTracker.Tolerance + TimeSpan.FromMilliseconds(1), tracker.EarlyBy("a", time.GetTimestamp()));
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(tracker.EarlyBy("a", time.GetTimestamp()));
    }

    [Fact]
    public void A_call_that_arrived_before_the_hint_went_out_is_not_early()
    {
        var time = new FakeTimeProvider();
        var tracker = new RetryAfterTracker(time);
        var slowCallArrived = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(1));

        tracker.Note("a", new HeaderDictionary { ["retry-after"] = "10" }, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(tracker.EarlyBy("a", slowCallArrived));
        Assert.Equal(TimeSpan.FromSeconds(9), tracker.EarlyBy("a", time.GetTimestamp()));
    }

    [Fact]
    public void A_second_wait_while_the_first_runs_extends_it()
    {
        var time = new FakeTimeProvider();
        var tracker = new RetryAfterTracker(time);
        tracker.Note("a", new HeaderDictionary { ["retry-after"] = "10" }, time.GetTimestamp());
        time.Advance(TimeSpan.FromSeconds(5));
        tracker.Note("a", new HeaderDictionary { ["retry-after"] = "2" }, time.GetTimestamp()); // shorter: no shortening
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(4), tracker.EarlyBy("a", time.GetTimestamp()));
    }

    [Theory]
    [InlineData("2", null, 2000)]
    [InlineData("2", "1500", 1500)]
    [InlineData(null, "250", 250)]
    [InlineData("Thu, 01 Jan 2026 12:00:05 GMT", null, 5000)]
    [InlineData("soon", null, null)]
    public void The_wait_is_the_shorter_of_retry_after_and_retry_after_ms(string? seconds, string? ms, int? expectedMs)
    {
        var headers = new HeaderDictionary();
        if (seconds is not null) headers["retry-after"] = seconds;
        if (ms is not null) headers["retry-after-ms"] = ms;

        var wait = RetryAfterTracker.WaitOf(headers, new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(expectedMs, wait is { } w ? (int)w.TotalMilliseconds : null);
    }
}
