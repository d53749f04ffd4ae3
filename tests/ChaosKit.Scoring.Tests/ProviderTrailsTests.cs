using ChaosKit.Core.Results;

namespace ChaosKit.Scoring.Tests;

/// <summary>Provenance: requests joined with the provider calls they caused, on a hand-written journal.</summary>
public class ProviderTrailsTests
{
    private const string Retried = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string CrossProvider = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string CutStream = "cccccccccccccccccccccccccccccccc";

    private static JournalCall Call(string provider, int status, double receivedMs, string? id, string? fault = null, long? tokensOut = null, int phase = 0) =>
        new(provider, provider == "claude" ? "POST /v1/messages" : "POST /v1/chat/completions", status, fault, phase, receivedMs, 300, id)
        {
            TokensIn = 10,
            TokensOut = tokensOut,
        };

    // One phase: a request retried on the same provider, one that fell over to OpenAI, one whose stream was cut and
    // finished by OpenAI, and a call with no trace id (an app that did not pass it on).
    private static readonly JournalCall[] Journal =
    [
        Call("claude", 529, 1_000, Retried),
        Call("claude", 529, 1_500, Retried),
        Call("claude", 200, 2_500, Retried, tokensOut: 40),
        Call("claude", 529, 1_100, CrossProvider),
        Call("openai", 200, 1_450, CrossProvider, tokensOut: 35),
        Call("claude", 200, 1_200, CutStream, fault: "stream_cut", tokensOut: 12),
        Call("openai", 200, 1_900, CutStream, tokensOut: 30),
        Call("claude", 200, 2_100, null),
    ];

    private static TracedRequest Request(long iteration, string traceId, string outcome, double latencyMs) =>
        new(iteration, traceId, outcome, 200, 0.9, latencyMs);

    [Fact]
    public void A_retry_a_fall_over_to_another_provider_and_a_cut_stream_are_each_traced_call_by_call()
    {
        TracedRequest[] examples = [Request(1, Retried, "ok", 2_000), Request(2, CrossProvider, "ok", 900), Request(3, CutStream, "ok", 1_400)];
        // Four requests scheduled: the three above and one served without any provider call.
        var joined = ProviderTrails.Join(Journal, [new OutcomeCounts(4, 4, 0, 0, 0, 0, 0)], [examples]);

        var trail = Assert.Single(joined.Phases);
        Assert.Equal([1L, 0, 2, 1, 0], PhaseTrail.AttemptBuckets.Select(b => trail.AttemptsPerRequest[b]));
        // The cross-provider request, and the cut stream finished by OpenAI, were served elsewhere than their first call.
        Assert.Equal([2L, 2, 0, 0], ServedByNames.All.Select(b => trail.ServedBy[b]));
        Assert.Equal(1, trail.UnattributedCalls);

        var retried = trail.Examples.Single(e => e.TraceId == Retried);
        Assert.Equal(ServedByNames.Primary, retried.ServedBy);
        Assert.Equal([529, 529, 200], retried.Attempts.Select(a => a.Status));
        // Placed from the request's scheduled start (0.9 s).
        Assert.Equal([100.0, 600, 1_600], retried.Attempts.Select(a => a.StartMs));
        Assert.Equal(ServedByNames.OtherProvider, trail.Examples.Single(e => e.TraceId == CrossProvider).ServedBy);
        var cut = trail.Examples.Single(e => e.TraceId == CutStream);
        Assert.Equal((ServedByNames.OtherProvider, "stream_cut"), (cut.ServedBy, cut.Attempts[0].Fault));
    }

    [Fact]
    public void Calls_per_second_are_counted_by_arrival_and_status()
    {
        var joined = ProviderTrails.Join(Journal, [new OutcomeCounts(4, 4, 0, 0, 0, 0, 0)], [[]]);

        Assert.Equal(3, joined.Seconds.Count);
        Assert.Equal(new Dictionary<string, long> { ["529"] = 3, ["200"] = 3 }, joined.Seconds[1].ByStatus);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 2 }, joined.Seconds[2].ByStatus);
    }

    [Fact]
    public void An_example_sent_with_a_correlation_header_is_found_by_its_iteration_number()
    {
        JournalCall[] journal = [Call("claude", 429, 1_000, "7"), Call("claude", 200, 2_000, "7", tokensOut: 5)];

        var joined = ProviderTrails.Join(journal, [new OutcomeCounts(1, 1, 0, 0, 0, 0, 0)], [[Request(7, Retried, "ok", 1_500)]]);

        Assert.Equal([429, 200], Assert.Single(joined.Phases[0].Examples).Attempts.Select(a => a.Status));
    }

    [Fact]
    public void A_request_that_skipped_the_baseline_primary_and_was_answered_by_another_provider_was_served_elsewhere()
    {
        // In the baseline the app asks Claude first. In the outage one request goes straight to OpenAI (Claude's
        // circuit is open, so the app never calls it), and one still reaches Claude.
        const string skipped = "dddddddddddddddddddddddddddddddd", stayed = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
        JournalCall[] journal =
        [
            Call("claude", 200, 100, "1111", tokensOut: 5),
            Call("claude", 200, 200, "2222", tokensOut: 5),
            Call("openai", 200, 1_100, skipped, tokensOut: 5, phase: 1),
            Call("claude", 200, 1_200, stayed, tokensOut: 5, phase: 1),
        ];
        OutcomeCounts twoServed = new(2, 2, 0, 0, 0, 0, 0);

        var joined = ProviderTrails.Join(journal, [twoServed, twoServed], [[], [Request(3, skipped, "ok", 20), Request(4, stayed, "ok", 20)]]);

        Assert.Equal([1L, 1, 0, 0], ServedByNames.All.Select(b => joined.Phases[1].ServedBy[b]));
        Assert.Equal((ServedByNames.OtherProvider, ServedByNames.Primary),
            (joined.Phases[1].Examples.Single(e => e.TraceId == skipped).ServedBy, joined.Phases[1].Examples.Single(e => e.TraceId == stayed).ServedBy));
    }
}
