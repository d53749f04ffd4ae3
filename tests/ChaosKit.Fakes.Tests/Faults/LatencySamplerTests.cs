using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

public sealed class LatencySamplerTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 2_000).Select(i => $"n:{i}")];

    [Fact]
    public void Uniform_delays_stay_within_bounds_and_spread_over_them()
    {
        var sampler = new LatencySampler("uniform", TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.Zero, 0);
        var samples = Keys.Select(sampler.Sample).ToArray();

        Assert.All(samples, s => Assert.InRange(s.TotalMilliseconds, 100, 300));
        Assert.InRange(samples.Average(s => s.TotalMilliseconds), 190, 210);
    }

    [Fact]
    public void Normal_and_lognormal_centre_on_the_delay_and_are_replayed_exactly()
    {
        var normal = new LatencySampler("normal", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100), 0);
        var lognormal = new LatencySampler("lognormal", TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0.5);

        Assert.InRange(Keys.Average(k => normal.Sample(k).TotalMilliseconds), 980, 1020);
        var median = Keys.Select(k => lognormal.Sample(k).TotalMilliseconds).Order().ElementAt(Keys.Length / 2);
        Assert.InRange(median, 900, 1100);
        Assert.Equal(lognormal.Sample("t:abc:0"), lognormal.Sample("t:abc:0"));
    }

    [Theory]
    [InlineData("distribution", "gaussian", "distribution")]
    [InlineData("on", "last_token", "on")]
    [InlineData("distribution", "uniform", "max")]
    public void Bad_latency_settings_are_rejected(string key, string value, string field)
    {
        var error = Assert.Throws<ScenarioException>(() =>
            FaultCatalog.Default.Validate(TestScenarios.Fault("latency", 1.0, null, ("delay", "1s"), (key, value))));
        Assert.EndsWith(field, error.Field);
    }
}
