using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Tests;

/// <summary>A phase's faults in the result: data read from the scenario, not words from the fakes.</summary>
public class FaultInfoTests
{
    private const string Scenario = """
        name: demo
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: storm
            duration: 1m
            faults:
              - kind: error
                provider: claude
                status: 429
                retry_after: 2s
                rate: { from: 0.1, to: 0.8 }
                ramp: 30s
                flap: { on: 10s, off: 5s }
                route: /v1/messages
                model: claude-opus-*
              - kind: latency
                delay: 300ms
        """;

    [Fact]
    public void Carries_the_wrapper_fields_and_the_kinds_settings_as_written_in_file_order()
    {
        var phase = ScenarioLoader.Parse(Scenario, "demo.yaml", ScenarioCatalogs.None).Timeline[0];

        var error = FaultInfo.From(phase.Faults[0]);
        var latency = FaultInfo.From(phase.Faults[1]);

        Assert.Equal(("error", "claude", 0.8), (error.Kind, error.Provider, error.Rate));
        Assert.Equal([new("status", "429"), new("retry_after", "2s")], error.Settings.ToArray());
        Assert.Equal(("/v1/messages", "claude-opus-*"), (error.Route, error.Model));
        Assert.Equal(new FaultRamp(0.1, 30), error.Ramp);
        Assert.Equal(new FaultFlap(10, 5), error.Flap);
        Assert.Equal(("latency", null, 1.0), (latency.Kind, latency.Provider, latency.Rate));
        Assert.Equal([new("delay", "300ms")], latency.Settings.ToArray());
        Assert.Null(latency.Ramp);
        Assert.Null(latency.Flap);
        Assert.Null(latency.Route);
    }

    [Fact]
    public void A_rate_from_to_without_a_ramp_length_ramps_over_the_whole_phase()
    {
        var withoutLength = Scenario.Replace("        ramp: 30s\n", "", StringComparison.Ordinal);
        Assert.NotEqual(Scenario, withoutLength);

        var phase = ScenarioLoader.Parse(withoutLength, "demo.yaml", ScenarioCatalogs.None).Timeline[0];

        Assert.Equal(new FaultRamp(0.1, null), FaultInfo.From(phase.Faults[0]).Ramp);
    }
}
