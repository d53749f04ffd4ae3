using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Tests;

/// <summary>
/// Each simulation kind's one file, end to end: read from its YAML key through the registry, checked, described as
/// data and laid out on the run's time; and the registry that holds the kinds by name.
/// </summary>
public sealed class SimulationKindTests
{
    private static readonly ScenarioCatalogs Catalogs = new() { Simulations = SimulationRegistry.Default };

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static Scenario Parse(string simulations, ScenarioCatalogs? catalogs = null) => ScenarioLoader.Parse($"""
        name: t
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: only
            duration: 60s
        load:
          simulations:
        {simulations}
          request: {"{"} path: /echo {"}"}
        """, "kinds.yaml", catalogs ?? Catalogs);

    [Theory]
    [InlineData("    - inject: { rate: 5, interval: 500ms, during: 4s }", "inject", "rate 5, interval_seconds 0.5, during_seconds 4", 40L)]
    [InlineData("    - ramping_inject: { rate: 10, during: 4s }", "ramping_inject", "rate 10, interval_seconds 1, during_seconds 4", 20L)]
    [InlineData("    - inject_random: { min_rate: 10, max_rate: 10, during: 3s }", "inject_random", "min_rate 10, max_rate 10, interval_seconds 1, during_seconds 3", 30L)]
    [InlineData("    - iterations_for_inject: { rate: 10, iterations: 25 }", "iterations_for_inject", "rate 10, interval_seconds 1, iterations 25", 25L)]
    [InlineData("    - pause: { during: 2s }\n    - inject: { rate: 3, during: 2s }", "pause", "during_seconds 2", 6L)]
    public void An_open_kind_is_read_described_and_laid_out_from_its_own_file(string yaml, string kind, string numbers, long arrivals)
    {
        var simulations = Parse(yaml).Load!.Simulations;

        var first = simulations[0];
        Assert.Equal(kind, first.Kind);
        Assert.Equal(kind, first.Describe().Kind);
        Assert.Equal(numbers, string.Join(", ", first.Describe().Numbers.Select(n => $"{n.Key} {n.Value}")));
        Assert.Empty(LoadSimulations.Problems(simulations));
        Assert.Equal(arrivals, SimulationPlan.Create(simulations, Fixtures.Timeline(60), seed: 1).Open!.Count);
    }

    [Theory]
    [InlineData("    - keep_constant: { copies: 3, during: 2s }", "keep_constant", "copies 3, during_seconds 2", 1.0, 3, 2.0)]
    [InlineData("    - ramping_constant: { copies: 10, during: 4s }", "ramping_constant", "copies 10, during_seconds 4", 2.0, 5, 4.0)]
    [InlineData("    - iterations_for_constant: { copies: 4, iterations: 9 }", "iterations_for_constant", "copies 4, iterations 9", 1.0, 4, 60.0)]
    public void A_closed_kind_is_read_described_and_laid_out_from_its_own_file(string yaml, string kind, string numbers, double at, int copies, double seconds)
    {
        var simulations = Parse(yaml).Load!.Simulations;

        var only = Assert.Single(simulations);
        Assert.Equal(kind, only.Kind);
        Assert.Equal(LoadModel.Closed, only.Model);
        Assert.Equal(numbers, string.Join(", ", only.Describe().Numbers.Select(n => $"{n.Key} {n.Value}")));
        var plan = SimulationPlan.Create(simulations, Fixtures.Timeline(60), seed: 1).Closed!;
        Assert.Equal(copies, plan.CopiesAt(S(at)));
        Assert.Equal(S(seconds), plan.Duration);
    }

    [Fact]
    public void A_simulation_returns_every_problem_each_with_its_field_and_line()
    {
        var at = new SourceLocation("kinds.yaml", 10, 7);
        var simulation = new InjectRandomSimulation(MinRate: 9, MaxRate: 0, Interval: TimeSpan.Zero, During: TimeSpan.Zero, at);

        var problems = simulation.Validate("load.simulations[0]").ToList();

        Assert.Equal(
            ["load.simulations[0].inject_random.max_rate", "load.simulations[0].inject_random.min_rate", "load.simulations[0].inject_random.interval", "load.simulations[0].inject_random.during"],
            problems.Select(p => p.Field));
        Assert.Contains("the rate must be more than 0, not 0", problems[0].Problem);
        Assert.Contains("9 is above max_rate 0", problems[1].Problem);
        Assert.All(problems, p => Assert.Equal(at, p.Location));
        Assert.StartsWith("kinds.yaml:10:7: load.simulations[0].inject_random.max_rate: ", problems[0].Message);
    }

    [Fact]
    public void The_registry_finds_kinds_by_name_in_registration_order_and_refuses_a_second_kind_under_a_name()
    {
        var registry = SimulationRegistry.Default;
        Assert.Equal(
            ["inject", "ramping_inject", "inject_random", "iterations_for_inject", "keep_constant", "ramping_constant", "iterations_for_constant", "pause"],
            registry.Kinds.Select(k => k.Name));
        Assert.Same(PauseSimulation.Definition, registry.Find("pause"));
        Assert.Null(registry.Find("Pause"));

        var error = Assert.Throws<ArgumentException>(() => new SimulationRegistry().Register(InjectSimulation.Definition).Register(InjectSimulation.Definition with { Settings = ["rate"] }));
        Assert.Contains("'inject' is already registered", error.Message);
    }

    [Fact]
    public void A_kind_added_by_registration_alone_is_read_checked_and_laid_out()
    {
        var registry = new SimulationRegistry().Register(InjectSimulation.Definition).Register(Burst.Definition);
        var catalogs = new ScenarioCatalogs { Simulations = registry };

        var simulations = Parse("    - burst: { size: 7 }\n    - inject: { rate: 2, during: 1s }", catalogs).Load!.Simulations;

        Assert.IsType<Burst>(simulations[0]);
        Assert.Equal(7 + 2, SimulationPlan.Create(simulations, Fixtures.Timeline(60), seed: 1).Open!.Count);
        var typo = Assert.Throws<ScenarioException>(() => Parse("    - brust: { size: 7 }", catalogs));
        Assert.Contains("did you mean 'burst'", typo.Problem);
        var bad = Assert.Throws<ScenarioException>(() => Parse("    - burst: { size: 0 }", catalogs));
        Assert.Equal("load.simulations[0].burst.size", bad.Field);
    }

    [Fact]
    public void Without_the_simulation_catalog_the_loader_refuses_simulations_it_cannot_read()
    {
        var error = Assert.Throws<ScenarioException>(() => Parse("    - inject: { rate: 1, during: 1s }", ScenarioCatalogs.None));

        Assert.Equal("load.simulations", error.Field);
        Assert.Contains("simulation catalog", error.Problem);
    }

    /// <summary>A kind this project does not have: <c>size</c> arrivals at once, as a test would add one.</summary>
    private sealed record Burst(int Size, SourceLocation Location) : LoadSimulation(Definition, Location), IOpenSimulation
    {
        public static SimulationKind Definition { get; } = new("burst", LoadModel.Open, ["size"], s => new Burst(s.Int("size"), s.Location));

        public override IEnumerable<ScenarioException> Validate(string field)
        {
            if (Size < 1) yield return new ScenarioException(Location, $"{field}.burst.size", "must be at least 1");
        }

        public override SimulationInfo Describe() => SimulationInfo.Of(Kind, ("size", Size));

        IOpenSegment IOpenSimulation.LayOut(in OpenLayout at) => new Segment(Size);

        private sealed class Segment(int size) : IOpenSegment
        {
            public TimeSpan Duration => TimeSpan.FromMilliseconds(1);

            public double EndRatePerSecond => 0;

            public long Count => size;

            public IEnumerable<TimeSpan> Offsets() => Enumerable.Repeat(TimeSpan.Zero, size);
        }
    }
}
