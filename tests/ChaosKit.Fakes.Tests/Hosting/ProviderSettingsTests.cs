using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Tests.Hosting;

/// <summary>The provider settings this project reads (<c>streaming</c>, <c>api_keys</c>, the kinds), through the real loader.</summary>
public sealed class ProviderSettingsTests
{
    private static readonly ScenarioCatalogs Catalogs = new() { Faults = FaultCatalog.Default, Providers = ProviderCatalog.Default };

    private static string Yaml(string provider) => $"""
        name: settings
        providers:
        {provider}
        timeline:
          - name: only
            duration: 10s
        load:
          rate: 1
          request:
            method: GET
            path: /
        """;

    [Fact]
    public void Streaming_api_keys_and_every_kind_are_read()
    {
        var scenario = ScenarioLoader.Parse(Yaml("""
              - name: a
                kind: azure_openai
                streaming: { ttft: 400ms, tokens_per_second: 50, jitter: 0.1 }
                api_keys: [k1, k2]
              - name: g
                kind: gemini
              - name: o
                kind: openai
            """), "settings.yaml", Catalogs);

        var azure = scenario.Providers[0];
        Assert.Equal("azure_openai", azure.Kind);
        Assert.Equal(new StreamingSpec(TimeSpan.FromMilliseconds(400), 50, 0.1), azure.Streaming);
        Assert.Equal(["k1", "k2"], azure.ApiKeys);
        Assert.Equal("gemini", scenario.Providers[1].Kind);
        Assert.Equal(StreamingSpec.Default, scenario.Providers[1].Streaming);
        Assert.Empty(scenario.Providers[1].ApiKeys);
        Assert.Equal("openai", scenario.Providers[2].Kind);
    }

    [Theory]
    [InlineData("    kind: open_ai", "did you mean 'openai'")]
    [InlineData("    kind: openai\n    streaming: { tokens_per_second: 0 }", "out of range")]
    [InlineData("    kind: openai\n    streaming: { ttfb: 1s }", "did you mean 'ttft'")]
    [InlineData("    kind: openai\n    api_keys: []", "the list is empty")]
    public void Bad_settings_are_reported_with_the_field(string lines, string message)
    {
        var error = Assert.Throws<ScenarioException>(() =>
            ScenarioLoader.Parse(Yaml("  - name: p\n" + lines), "settings.yaml", Catalogs));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
