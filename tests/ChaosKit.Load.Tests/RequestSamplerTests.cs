using ChaosKit.Load.Measurement;

namespace ChaosKit.Load.Tests;

/// <summary>The example requests a phase keeps for the provider trail: bounded, the slowest served and the first failed.</summary>
public class RequestSamplerTests
{
    private static IterationSample Sample(long iteration, double latencyMs, IterationOutcome outcome) =>
        new(iteration, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(latencyMs), outcome, 200);

    [Fact]
    public void Keeps_the_slowest_served_and_the_first_failed_however_many_are_offered()
    {
        var sampler = new RequestSampler();
        for (var i = 0; i < 1_000; i++) sampler.Offer(Sample(i, latencyMs: i % 97, i % 10 == 0 ? IterationOutcome.Timeout : IterationOutcome.Ok));
        sampler.Offer(IterationSample.Dropped(2_000, TimeSpan.Zero));

        var examples = sampler.Examples();

        Assert.Equal(2 * RequestSampler.PerKind, examples.Count);
        Assert.All(examples.Take(RequestSampler.PerKind), e => Assert.Equal(96, e.Latency.TotalMilliseconds, 3));
        Assert.Equal([0L, 10, 20, 30, 40], examples.Skip(RequestSampler.PerKind).Select(e => e.Iteration));
    }

    [Fact]
    public void Merging_two_shards_keeps_the_same_bounds_and_order()
    {
        var a = new RequestSampler();
        var b = new RequestSampler();
        for (var i = 0; i < 20; i++) (i % 2 == 0 ? a : b).Offer(Sample(i, latencyMs: i, i >= 12 ? IterationOutcome.Failed : IterationOutcome.Fallback));

        a.Add(b);

        Assert.Equal([11L, 10, 9, 8, 7, 12, 13, 14, 15, 16], a.Examples().Select(e => e.Iteration));
    }
}
