using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// The provider kinds a scenario may name and the variables that point each provider's official SDKs at its fake
/// (what <c>serve</c> prints and <c>run</c> gives the target), both as the fakes' provider catalog registers them.
/// </summary>
public sealed class ProviderEnvironmentTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Each_provider_gets_the_variables_its_official_sdks_read()
    {
        var path = _files.Write("""
            name: every-provider
            providers:
              - name: claude
                kind: anthropic
                api_keys: [sk-ant-from-the-scenario]
              - name: gpt
                kind: openai
              - name: gem
                kind: gemini
              - name: az
                kind: azure_openai
              - name: claude-backup
                kind: anthropic
            timeline:
              - name: only
                duration: 1m
            """);
        var scenario = await ScenarioRunner.LoadAndCheckAsync(path, loadRequired: false);
        await using var fakes = await ProviderFakes.StartAsync(scenario, new RunClock(new RunTimeline(scenario.Timeline)));
        string Url(string name) => fakes.Get(name).BaseUrl.ToString().TrimEnd('/');

        var variables = fakes.SdkVariables;

        // The first provider of a kind wins; the key is the scenario's first, else a dummy the fake accepts.
        Assert.Equal(
        [
            ("ANTHROPIC_BASE_URL", Url("claude")), ("ANTHROPIC_API_KEY", "sk-ant-from-the-scenario"),
            ("OPENAI_BASE_URL", Url("gpt") + "/v1"), ("OPENAI_API_KEY", "sk-proj-chaoskit-fake-key"),
            ("GEMINI_BASE_URL", Url("gem")), ("GEMINI_API_KEY", "chaoskit-fake-gemini-key"),
            ("AZURE_OPENAI_ENDPOINT", Url("az") + "/"), ("AZURE_OPENAI_API_KEY", "chaoskit-fake-azure-key"),
        ], variables.Select(v => (v.Key, v.Value)));
    }

    [Fact]
    public async Task An_unknown_kind_is_reported_at_its_line_and_column_with_a_suggestion()
    {
        var path = _files.Write(ScenarioFiles.Outage().Replace("kind: anthropic", "kind: antropic"));

        var error = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioRunner.LoadAndCheckAsync(path, loadRequired: true));

        Assert.Equal($"{path}:5:11: providers[0].kind: unknown provider kind 'antropic'; did you mean 'anthropic'?", error.Message);
    }
}
