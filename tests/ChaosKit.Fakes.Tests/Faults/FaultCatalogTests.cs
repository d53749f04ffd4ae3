using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Faults;

public sealed class FaultCatalogTests
{
    [Fact]
    public void Knows_error_and_latency()
    {
        Assert.Equal(
            ["bad_gateway", "connection_refused", "content_filter", "context_length", "error", "gateway_timeout", "hang", "hang_on_accept",
             "latency", "malformed", "model_not_found", "overloaded", "permission_denied", "quota", "quota_exhausted", "rate_limit", "reset",
             "reset_on_accept", "server_error", "stream_cut", "stream_slow", "stream_stall", "unauthorized"],
            FaultCatalog.Default.Kinds.Order());
        Assert.Contains("retry_after", FaultCatalog.Default.SettingsOf("error"));
    }

    [Fact]
    public void Misspelt_setting_suggests_the_right_one()
    {
        var fault = new FaultSpec("error", null, 1.0,
            new FaultSettings("timeline[1].faults[0]",
                new Dictionary<string, ScalarSetting> { ["staus"] = new("529", new SourceLocation("outage.yaml", 12, 9)) },
                new SourceLocation("outage.yaml", 11, 7)),
            new SourceLocation("outage.yaml", 11, 7));

        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(fault));

        // "status" is required and missing, but the typo is the useful message: it is reported first.
        Assert.Contains("did you mean 'status'", error.Message);
        Assert.StartsWith("outage.yaml:12:9: timeline[1].faults[0].staus:", error.Message);
    }

    [Fact]
    public void Misspelt_kind_suggests_the_right_one()
    {
        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("eror", 1.0, null, ("status", "529"))));

        Assert.Contains("unknown fault kind 'eror'; did you mean 'error'?", error.Message);
    }

    [Fact]
    public void A_stall_is_a_duration_or_forever_and_a_typo_says_so()
    {
        FaultCatalog.Default.Validate(TestScenarios.Fault("stream_stall", 1.0, null, ("stall", "forever")));
        FaultCatalog.Default.Validate(TestScenarios.Fault("stream_stall", 1.0, null, ("stall", "30s")));

        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("stream_stall", 1.0, null, ("stall", "forevr"))));

        Assert.Contains("'forevr' is neither a duration nor 'forever'", error.Message);
    }

    [Theory]
    [InlineData("200")]
    [InlineData("600")]
    [InlineData("abc")]
    public void Status_must_be_an_error_status(string status)
    {
        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("error", 1.0, null, ("status", status))));

        Assert.Contains("status", error.Message);
    }

    [Fact]
    public void Rate_must_be_a_share()
    {
        // The rate is a shared key of every fault: the loader checks it, before the catalog reads the kind's settings.
        var error = Assert.Throws<ScenarioException>(() => Load("      - kind: error\n        status: 529\n        rate: 1.5"));

        Assert.Equal("timeline[0].faults[0].rate", error.Field);
        Assert.Contains("it must be between 0 and 1", error.Problem);
    }

    [Fact]
    public void Bad_duration_is_explained()
    {
        var error = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Error(429, 1.0, ("retry_after", "2"))));

        Assert.Contains("add a unit", error.Message);
    }

    [Fact]
    public async Task Start_fails_on_a_bad_fault_before_opening_any_port()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromMinutes(1), TestScenarios.Fault("error", 1.0, null, ("staus", "529")))]);
        var clock = new ChaosKit.Core.Timeline.RunClock(new ChaosKit.Core.Timeline.RunTimeline(scenario.Timeline));

        var error = await Assert.ThrowsAsync<ScenarioException>(() => ProviderFakes.StartAsync(scenario, clock));

        Assert.Contains("did you mean 'status'", error.Message);
    }

    [Fact]
    public void A_fault_for_an_unknown_provider_fails_validation()
    {
        var error = Assert.Throws<ScenarioException>(() => Load("      - kind: error\n        status: 529\n        provider: claud"));

        Assert.Contains("no provider named 'claud'; did you mean 'claude'?", error.Message);
    }

    [Fact]
    public async Task Start_fails_on_a_fault_for_an_unknown_provider_in_a_scenario_built_in_code()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromMinutes(1), TestScenarios.Fault("error", 1.0, "claud", ("status", "529")))]);
        var clock = new ChaosKit.Core.Timeline.RunClock(new ChaosKit.Core.Timeline.RunTimeline(scenario.Timeline));

        var error = await Assert.ThrowsAsync<ScenarioException>(() => ProviderFakes.StartAsync(scenario, clock));

        Assert.Equal("timeline[0].faults[0].provider", error.Field);
        Assert.Equal("no provider named 'claud'; did you mean 'claude'?", error.Problem);
    }

    [Fact]
    public void Bad_hint_and_unknown_malformed_body_are_explained()
    {
        var hint = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("overloaded", 1.0, null, ("should_retry", "maybe"))));
        var body = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("malformed", 1.0, null, ("body", "html_520"))));
        var missing = Assert.Throws<ScenarioException>(() => FaultCatalog.Default.Validate(TestScenarios.Fault("malformed")));

        Assert.Contains("expected true or false, got 'maybe'", hint.Message);
        Assert.Contains("unknown body 'html_520'; did you mean 'html_502'?", body.Message);
        Assert.Contains("missing required setting; expected one of truncated_json", missing.Message);
    }

    /// <summary>Loads a one-phase scenario whose faults are <paramref name="faults"/>, checked against the fakes' catalogs.</summary>
    private static Scenario Load(string faults) => ScenarioLoader.Parse($"""
        name: faults
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: p
            duration: 1m
            faults:
        {faults}
        """, "faults.yaml", new ScenarioCatalogs { Faults = FaultCatalog.Default, Providers = ProviderCatalog.Default });
}
