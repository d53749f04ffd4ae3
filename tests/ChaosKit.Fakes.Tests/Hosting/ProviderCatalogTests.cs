using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.AzureOpenAi;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Hosting;

/// <summary>The provider seam: one definition per provider, registered by kind, asked by the faults.</summary>
public sealed class ProviderCatalogTests
{
    private static IProviderDefinition Definition(string kind) =>
        ProviderCatalog.Default.Get(new ProviderSpec("p", kind, 0, SourceLocation.None), 0);

    [Fact]
    public void The_default_catalog_registers_each_provider_by_the_kind_scenarios_write()
    {
        Assert.Equal(["anthropic", "openai", "gemini", "azure_openai"], ProviderCatalog.Default.Kinds);
        foreach (var kind in ProviderCatalog.Default.Kinds) Assert.Equal(kind, Definition(kind).Kind);
    }

    [Fact]
    public void A_kind_registered_twice_fails_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ProviderCatalog([new OpenAiProvider(), new AzureOpenAiProvider(), new OpenAiProvider()]));

        Assert.Equal("Provider kind 'openai' is registered twice.", error.Message);
    }

    [Fact]
    public void Every_provider_answers_every_error_kind_with_an_error_status_and_an_error_status_with_a_kind()
    {
        var kinds = Enum.GetValues<ErrorKind>().Where(k => k != ErrorKind.Other).ToArray();
        foreach (var provider in ProviderCatalog.Default.Kinds.Select(Definition))
        {
            foreach (var kind in kinds)
            {
                var status = provider.StatusOf(kind);
                // Gemini's blocked prompt is its one success-shaped error.
                Assert.True(status is >= 400 and <= 599 || (provider.Kind, kind, status) == ("gemini", ErrorKind.ContentFilter, 200),
                    $"{provider.Kind} answers {kind} with {status}");
            }
            Assert.Equal(ErrorKind.RateLimit, provider.KindOf(429));
            Assert.Equal(ErrorKind.Overloaded, provider.KindOf(529));
            Assert.Equal(ErrorKind.Other, provider.KindOf(418));
        }
    }

    [Theory]
    [InlineData("anthropic", nameof(ErrorKind.Overloaded), 529)]
    [InlineData("openai", nameof(ErrorKind.Overloaded), 503)]
    [InlineData("gemini", nameof(ErrorKind.Overloaded), 503)]
    [InlineData("azure_openai", nameof(ErrorKind.Overloaded), 503)]
    [InlineData("anthropic", nameof(ErrorKind.Unauthorized), 401)]
    [InlineData("gemini", nameof(ErrorKind.Unauthorized), 400)]
    [InlineData("azure_openai", nameof(ErrorKind.ContentFilter), 400)]
    [InlineData("gemini", nameof(ErrorKind.ContentFilter), 200)]
    public void Each_provider_says_where_its_statuses_differ(string provider, string kind, int status) =>
        Assert.Equal(status, Definition(provider).StatusOf(Enum.Parse<ErrorKind>(kind)));

    [Theory]
    [InlineData("anthropic", nameof(ErrorKind.Other))] // Anthropic does not answer 503 for a kind: an error 503 keeps its own body
    [InlineData("openai", nameof(ErrorKind.Overloaded))]
    [InlineData("gemini", nameof(ErrorKind.Overloaded))]
    [InlineData("azure_openai", nameof(ErrorKind.Overloaded))]
    public void A_503_stands_for_no_capacity_except_at_anthropic(string provider, string kind) =>
        Assert.Equal(Enum.Parse<ErrorKind>(kind), Definition(provider).KindOf(503));

    // The well-known values of gen_ai.provider.name in OpenTelemetry's semantic conventions for generative AI.
    [Theory]
    [InlineData("anthropic", "anthropic")]
    [InlineData("openai", "openai")]
    [InlineData("gemini", "gcp.gemini")]
    [InlineData("azure_openai", "azure.ai.openai")]
    public void Each_provider_names_itself_as_opentelemetry_does(string provider, string genAiName) =>
        Assert.Equal(genAiName, Definition(provider).GenAiProviderName);

    [Fact]
    public async Task Start_fails_on_an_unknown_kind_with_a_suggestion()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromSeconds(1))],
            providers: [TestScenarios.ProviderOf("anthropic", "claude"), TestScenarios.ProviderOf("gemni", "gem")]);

        var error = await Assert.ThrowsAsync<ScenarioException>(() => ProviderFakes.StartAsync(scenario, new RunClock(new RunTimeline(scenario.Timeline))));

        Assert.Equal("providers[1].kind", error.Field);
        Assert.Equal("unknown provider kind 'gemni'; did you mean 'gemini'?", error.Problem);
    }
}
