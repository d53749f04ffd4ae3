using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Tests;

/// <summary>One fault on its own (serve's live faults) is read and checked as a phase's fault is.</summary>
public class ParseFaultTests
{
    private static readonly ProviderSpec[] Providers = [new ProviderSpec("claude", "anthropic", 0, SourceLocation.None)];

    [Fact]
    public void Json_reads_as_a_phases_fault_with_its_wrapper_keys()
    {
        var fault = ScenarioLoader.ParseFault("""{"kind": "error", "provider": "claude", "rate": 0.5, "route": "/v1/messages", "model": "claude-*", "status": 503}""",
            "", Providers, ScenarioCatalogs.None);

        Assert.Equal(("error", "claude", 0.5, "/v1/messages", "claude-*"), (fault.Kind, fault.Provider, fault.Rate, fault.Route, fault.Model));
        Assert.Equal("503", fault.Settings.GetString("status", ""));
        Assert.True(fault.Timing.IsSteady);
    }

    [Theory]
    [InlineData("""{"kind": "error", "provider": "claud"}""", "provider: no provider named 'claud'; did you mean 'claude'?")]
    [InlineData("""{"kind": "error", "rate": 2}""", "rate: 2 is out of range; it must be between 0 and 1")]
    [InlineData("""{"kind": "error", "ramp": "99999999999h"}""", "ramp: '99999999999h' is longer than 365 days")]
    [InlineData("""{"rate": 1}""", "kind: missing required field")]
    [InlineData("""[1, 2]""", "a fault is a mapping")]
    [InlineData("", "nothing to read")]
    [InlineData("""{"kind": "error",""", "invalid YAML")]
    public void Every_problem_is_a_scenario_exception_naming_the_field(string text, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.ParseFault(text, "live", Providers, ScenarioCatalogs.None));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
