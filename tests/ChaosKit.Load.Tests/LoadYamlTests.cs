using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Tests;

/// <summary>The <c>load</c> section's simulations, overload and correlation, read from YAML with file:line errors.</summary>
public sealed class LoadYamlTests
{
    private const string Head = """
        name: t
        seed: 1
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: only
            duration: 30s
        load:

        """;

    private const string Request = """
          request:
            method: GET
            path: /echo

        """;

    private static readonly ScenarioCatalogs WithSimulations = new() { Simulations = SimulationRegistry.Default };

    private static async Task<Scenario> LoadAsync(string load)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-load-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, Head + load + Request);
        try
        {
            return await ScenarioLoader.LoadAsync(path, WithSimulations);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Simulations_overload_and_correlation_are_read()
    {
        var scenario = await LoadAsync("""
              overload: grow
              correlation: { header: X-ChaosKit-Iteration }
              simulations:
                - ramping_inject: { rate: 20, interval: 1s, during: 10s }
                - inject: { rate: 20, during: 10s }
                - pause: { during: 2s }
                - inject_random: { min_rate: 5, max_rate: 10, interval: 500ms, during: 5s }

            """);

        var load = scenario.Load!;
        Assert.Equal(OverloadPolicy.Grow, load.Overload);
        Assert.Equal("X-ChaosKit-Iteration", load.CorrelationHeader);
        Assert.Equal(["ramping_inject", "inject", "pause", "inject_random"], load.Simulations.Select(s => s.Kind));
        Assert.Equal(TimeSpan.FromSeconds(1), ((InjectSimulation)load.Simulations[1]).Interval);
        Assert.Equal(20, load.RatePerSecond); // the peak open rate: 10 per 500 ms is 20 a second too
        Assert.True(load.Simulations[0].Location.Line > 0);
    }

    [Fact]
    public async Task Rate_shorthand_is_one_inject_over_the_timeline()
    {
        var load = (await LoadAsync("  rate: 10\n")).Load!;

        Assert.Empty(load.Simulations);
        Assert.Equal(OverloadPolicy.Drop, load.Overload);
        var only = Assert.IsType<InjectSimulation>(Assert.Single(SimulationPlan.Effective(load.Simulations, load.RatePerSecond, TimeSpan.FromSeconds(30), load.Location)));
        Assert.Equal(10, only.Rate);
        Assert.Equal(TimeSpan.FromSeconds(30), only.During);
    }

    [Theory]
    [InlineData("  simulations:\n    - keep_constant: { copies: 2, during: 5s }\n    - inject: { rate: 1, during: 5s }\n", "load.simulations[1]", "closed (keep_constant")]
    [InlineData("  simulations:\n    - iterations_for_constant: { copies: 2, iterations: 5 }\n    - keep_constant: { copies: 2, during: 5s }\n", "load.simulations[0]", "must be the only simulation")]
    [InlineData("  simulations:\n    - injct: { rate: 1, during: 5s }\n", "load.simulations[0].injct", "did you mean 'inject'")]
    [InlineData("  simulations:\n    - inject: { rate: 1, durring: 5s }\n", "load.simulations[0].inject.durring", "did you mean 'during'")]
    [InlineData("  rate: 5\n  simulations:\n    - inject: { rate: 1, during: 5s }\n", "load.simulations", "not both")]
    [InlineData("  rate: 5\n  overload: grwo\n", "load.overload", "did you mean 'grow'")]
    [InlineData("  simulations:\n    - inject_random: { min_rate: 9, max_rate: 3, during: 5s }\n", "load.simulations[0].inject_random.min_rate", "above max_rate")]
    [InlineData("  rate: 5\n  timeout: 2h\n", "load.timeout", "at most 1h")]
    public async Task Bad_profiles_fail_with_file_line_and_field(string load, string field, string problem)
    {
        var error = await Assert.ThrowsAsync<ScenarioException>(() => LoadAsync(load));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
        Assert.True(error.Location.Line >= 10, $"expected a line inside load, got {error.Location}");
    }

    [Theory]
    [InlineData("rate: 60000", "load.rate")]
    [InlineData("simulations:\n    - ramping_inject: { rate: 60000, during: 10s }\n    - pause: { during: 1s }", "load.simulations")]
    public void A_profile_that_could_schedule_more_iterations_than_the_limit_fails_at_load(string profile, string field)
    {
        // 60,000 a second over a 2,000 s timeline is 120 million arrivals at most, over the 100 million limit.
        var yaml = Head.Replace("duration: 30s", "duration: 2000s") + "  " + profile + "\n" + Request;

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "big.yaml", WithSimulations));

        Assert.Equal(field, error.Field);
        Assert.Contains("could schedule 120000000 iterations; the limit is 100000000", error.Problem);
        Assert.NotNull(ScenarioLoader.Parse(yaml.Replace("60000", "50000"), "big.yaml", WithSimulations).Load);
    }

    [Fact]
    public async Task Bundled_profile_scenario_loads_and_plans_its_ramp()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ChaosKit.sln"))) root = Path.GetDirectoryName(root)!;
        var scenario = await ScenarioLoader.LoadAsync(Path.Combine(root, "scenarios", "ramp-through-outage.yaml"), WithSimulations);

        var plan = SimulationPlan.Create(scenario.Load!.Simulations, Fixtures.Timeline(35), scenario.Seed);
        Assert.Equal(30 + 240 + 80, plan.Open!.Count); // ramp 0→12 over 5 s, 12/s for 20 s, ramp 12→4 over 10 s
    }
}
