using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Core.Tests.Timeline;

public sealed class FaultTimingTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(15, 0.25)]
    [InlineData(30, 0.5)]
    [InlineData(60, 1.0)]
    [InlineData(90, 1.0)]
    public void A_ramp_over_the_phase_rises_linearly(int seconds, double expected)
    {
        var ramp = new FaultTiming { RampFrom = 0 };
        Assert.Equal(expected, ramp.RateAt(1.0, TimeSpan.FromSeconds(seconds), Minute), 6);
    }

    [Fact]
    public void A_ramp_with_its_own_length_reaches_the_rate_early_and_holds_it()
    {
        var ramp = new FaultTiming { RampFrom = 0.2, RampOver = TimeSpan.FromSeconds(20) };
        Assert.Equal(0.6, ramp.RateAt(1.0, TimeSpan.FromSeconds(10), Minute), 6);
        Assert.Equal(1.0, ramp.RateAt(1.0, TimeSpan.FromSeconds(40), Minute), 6);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(9, 1.0)]
    [InlineData(10, 0.0)]
    [InlineData(29, 0.0)]
    [InlineData(30, 1.0)]
    [InlineData(41, 0.0)]
    public void Flapping_switches_between_on_and_off(int seconds, double expected)
    {
        var flap = new FaultTiming { FlapOn = TimeSpan.FromSeconds(10), FlapOff = TimeSpan.FromSeconds(20) };
        Assert.Equal(expected, flap.RateAt(1.0, TimeSpan.FromSeconds(seconds), Minute), 6);
    }

    [Fact]
    public void The_loader_reads_ramps_flaps_and_filters()
    {
        var scenario = ScenarioLoader.Parse("""
            name: t
            providers:
              - name: claude
                kind: anthropic
            timeline:
              - name: p
                duration: 4m
                faults:
                  - kind: error
                    status: 529
                    rate: { from: 0.1, to: 0.9 }
                    flap: { on: 10s, off: 20s }
                    route: POST /v1/messages
                    model: claude-opus-*
                  - kind: error
                    status: 500
                    rate: 0.5
                    ramp: 2m
            load:
              rate: 1
              request:
                method: GET
                path: /
            """, "t.yaml", ScenarioCatalogs.None);

        var faults = scenario.Timeline[0].Faults;
        Assert.Equal(0.9, faults[0].Rate);
        Assert.Equal(new FaultTiming { RampFrom = 0.1, FlapOn = TimeSpan.FromSeconds(10), FlapOff = TimeSpan.FromSeconds(20) }, faults[0].Timing);
        Assert.True(faults[0].Matches("POST /v1/messages", "claude-opus-4-1"));
        Assert.False(faults[0].Matches("POST /v1/messages", "claude-sonnet-4-5"));
        Assert.False(faults[0].Matches("GET /v1/models", null));
        Assert.Equal(new FaultTiming { RampFrom = 0, RampOver = TimeSpan.FromMinutes(2) }, faults[1].Timing);
        Assert.Equal(0.25, faults[1].Timing.RateAt(0.5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(4)), 6);
    }

    [Theory]
    [InlineData("rate: { from: 0, to: 2 }", "rate.to")]
    [InlineData("flap: { on: 0s, off: 5s }", "flap")]
    [InlineData("flap: { on: 5s }", "flap")]
    [InlineData("ramp: 0s", "ramp")]
    public void Bad_timing_is_reported_at_its_field(string line, string field)
    {
        var yaml = $$"""
            name: t
            providers:
              - name: claude
                kind: anthropic
            timeline:
              - name: p
                duration: 1m
                faults:
                  - kind: error
                    status: 529
                    {{line}}
            load:
              rate: 1
              request:
                method: GET
                path: /
            """;
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "t.yaml", ScenarioCatalogs.None));
        Assert.StartsWith($"timeline[0].faults[0].{field}", error.Field);
    }
}
