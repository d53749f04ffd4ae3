using ChaosKit.Core.Scenarios;
using ChaosKit.Runner;

namespace ChaosKit.Testing.Tests;

public sealed class ScenarioBuilderTests
{
    [Fact]
    public void A_scenario_built_in_code_reads_as_the_same_scenario_written_in_a_file()
    {
        var scenario = ChaosScenario.Create("claude-outage")
            .WithSeed(7)
            .WithAnthropic("claude", new ChaosProviderOptions { ApiKeys = ["sk-ant-test"], TokensPerSecond = 500 })
            .WithOpenAI("gpt")
            .Phase("healthy", TimeSpan.FromMinutes(1))
            .Phase("outage", "30s",
                ChaosFault.Error(529).On("claude"),
                ChaosFault.Latency(TimeSpan.FromMilliseconds(300)).On("claude").WithRate(0.5),
                ChaosFault.RateLimit(TimeSpan.FromSeconds(2)).On("gpt").ForRoute("/v1/chat/completions"))
            .Build();

        Assert.Equal("claude-outage", scenario.Name);
        Assert.Equal(7, scenario.Seed);
        Assert.Equal([("claude", "anthropic"), ("gpt", "openai")], scenario.Providers.Select(p => (p.Name, p.Kind)));
        Assert.Equal(["sk-ant-test"], scenario.Providers[0].ApiKeys);
        Assert.Equal(500, scenario.Providers[0].Streaming.TokensPerSecond);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30)], scenario.Timeline.Select(p => p.Duration));
        var faults = scenario.Timeline[1].Faults;
        Assert.Equal(["error", "latency", "rate_limit"], faults.Select(f => f.Kind));
        Assert.Equal("529", faults[0].Settings.Written["status"]);
        Assert.Equal(0.5, faults[1].Rate);
        Assert.Equal("300ms", faults[1].Settings.Written["delay"]);
        Assert.Equal("2s", faults[2].Settings.Written["retry_after"]);
        Assert.Equal("/v1/chat/completions", faults[2].Route);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_each_naming_its_field_as_the_loader_does()
    {
        var error = Assert.Throws<ScenarioException>(() => ChaosScenario.Create("broken")
            .WithProvider("claude", "antropic")
            .Phase("outage", TimeSpan.FromSeconds(30),
                ChaosFault.Error(700).On("claude"),
                ChaosFault.Latency(TimeSpan.FromSeconds(1)).On("cluade"),
                ChaosFault.Error(529).With("retry_afetr", "1s"))
            .Build());

        Assert.Equal(
            ["providers[0].kind", "timeline[0].faults[0].status", "timeline[0].faults[1].provider", "timeline[0].faults[2].retry_afetr"],
            error.Problems.Select(p => p.Field));
        Assert.Contains("did you mean 'anthropic'", error.Problems[0].Problem, StringComparison.Ordinal);
        Assert.Contains("from 400 to 599", error.Problems[1].Problem, StringComparison.Ordinal);
        Assert.Contains("claude", error.Problems[2].Problem, StringComparison.Ordinal);
        Assert.Contains("did you mean 'retry_after'", error.Problems[3].Problem, StringComparison.Ordinal);
        // No line of YAML the user never wrote: the scenario is named instead.
        Assert.StartsWith("built scenario 'broken': providers[0].kind: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_name_a_negative_duration_and_a_rate_above_one_are_the_loader_s_problems_too()
    {
        var error = Assert.Throws<ScenarioException>(() => ChaosScenario.Create("no spaces")
            .WithAnthropic("claude")
            .Phase("healthy", TimeSpan.FromSeconds(-1))
            .Phase("outage", TimeSpan.FromSeconds(1), ChaosFault.Overloaded().WithRate(1.5))
            .Build());

        Assert.Equal(["name", "timeline[0].duration", "timeline[1].faults[0].rate"], error.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_scenario_without_providers_or_phases_says_what_to_add()
    {
        var error = Assert.Throws<ScenarioException>(() => ChaosScenario.Create().Build());

        Assert.Equal(["providers", "timeline"], error.Problems.Select(p => p.Field));
    }

    [Fact]
    public void A_setting_given_twice_through_the_fault_s_own_method_and_as_a_setting_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ChaosScenario.Create().WithAnthropic("claude")
            .Phase("outage", TimeSpan.FromSeconds(1), ChaosFault.Error(500).With("rate", "0.5")));
    }

    [Fact]
    public async Task The_yaml_of_a_built_scenario_is_a_file_chaoskit_validate_accepts()
    {
        var built = ChaosScenario.Create("written")
            .WithGemini("gemini")
            .WithAzureOpenAI("azure", new ChaosProviderOptions { TimeToFirstToken = TimeSpan.FromMilliseconds(50), AutoToolCalls = true })
            .Phase("storm", TimeSpan.FromMinutes(2),
                ChaosFault.StreamCut(5, mode: "error").On("gemini").Ramping(0, 0.8, TimeSpan.FromSeconds(30)),
                ChaosFault.Of("stream_stall").With("stall", TimeSpan.FromSeconds(2)).With("message", "quote: \"ok\" # not a comment").On("azure").Flapping(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)))
            .WithDescription("Streams cut: 'quoted', #hash, and: colon");
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-testing-{Guid.NewGuid():N}.yaml");
        try
        {
            await File.WriteAllTextAsync(path, built.ToYaml());
            var error = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioRunner.LoadAndCheckAsync(path, loadRequired: false));

            // The file reads cleanly but for the one setting the stall kind does not take, as in code.
            Assert.Equal("timeline[0].faults[1].message", Assert.Single(error.Problems).Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Scenarios_are_checked_against_the_catalogs_chaoskit_validate_uses()
    {
        Assert.Equal(ScenarioRunner.Catalogs, ScenarioCatalogsForTests.All);
    }

    public static TheoryData<string> RepositoryScenarios() =>
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RepositoryScenarios))]
    public async Task Every_scenario_file_of_the_repository_reads_as_chaoskit_validate_reads_it(string file)
    {
        var path = Path.Combine(Repository.Root, "scenarios", file);

        var scenario = ChaosScenario.FromFile(path).Build();
        var validated = await ScenarioRunner.LoadAndCheckAsync(path, loadRequired: false);

        Assert.Equal(validated.Name, scenario.Name);
        Assert.Equal(validated.Providers.Select(p => (p.Name, p.Kind)), scenario.Providers.Select(p => (p.Name, p.Kind)));
        Assert.Equal(validated.Timeline.Select(p => (p.Name, p.Duration, p.Faults.Count)), scenario.Timeline.Select(p => (p.Name, p.Duration, p.Faults.Count)));
    }

    [Fact]
    public void A_file_s_seed_can_be_replaced_but_not_its_providers_or_phases()
    {
        var file = ChaosScenario.FromFile(Path.Combine(Repository.Root, "scenarios", "claude-outage.yaml"));

        Assert.Equal(9, file.WithSeed(9).Build().Seed);
        Assert.Throws<InvalidOperationException>(() => file.WithOpenAI("gpt"));
        Assert.Throws<InvalidOperationException>(() => file.Phase("more", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_missing_file_is_a_scenario_problem_that_says_where_it_was_looked_for()
    {
        var error = Assert.Throws<ScenarioException>(() => ChaosScenario.FromFile("no-such-scenario.yaml").Build());

        Assert.Contains(Path.GetFullPath("no-such-scenario.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("CopyToOutputDirectory", error.Message, StringComparison.Ordinal);
    }
}
