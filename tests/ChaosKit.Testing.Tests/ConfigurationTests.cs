using Microsoft.AspNetCore.Builder;
using OpenAI.Chat;

namespace ChaosKit.Testing.Tests;

public sealed class ConfigurationTests
{
    private static ChaosScenario FourProviders() => ChaosScenario.Create("four")
        .WithAnthropic("claude", new ChaosProviderOptions { ApiKeys = ["sk-ant-only-this-one"] })
        .WithOpenAI("gpt")
        .WithGemini("gemini")
        .WithAzureOpenAI("azure")
        .WithAnthropic("claude-backup")
        .Phase("only", TimeSpan.FromHours(1));

    [Fact]
    public async Task The_environment_holds_the_variables_chaoskit_serve_prints_for_every_kind()
    {
        await using var fakes = await ChaosFakes.StartAsync(FourProviders());

        Assert.Equal(
            ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "GEMINI_API_KEY", "GEMINI_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL"],
            fakes.Environment.Keys.Order(StringComparer.Ordinal));
        // The first provider of a kind wins, with the key it accepts; the OpenAI SDKs want the /v1 base.
        Assert.Equal(fakes.Provider("claude").BaseUrl.ToString().TrimEnd('/'), fakes.Environment["ANTHROPIC_BASE_URL"]);
        Assert.Equal("sk-ant-only-this-one", fakes.Environment["ANTHROPIC_API_KEY"]);
        Assert.EndsWith("/v1", fakes.Environment["OPENAI_BASE_URL"], StringComparison.Ordinal);
        Assert.All(fakes.Providers, p => Assert.Equal("127.0.0.1", p.BaseUrl.Host));
    }

    [Fact]
    public async Task The_configuration_holds_the_environment_and_every_provider_by_name()
    {
        await using var fakes = await ChaosFakes.StartAsync(FourProviders());

        foreach (var (name, value) in fakes.Environment) Assert.Equal(value, fakes.Configuration[name]);
        var backup = fakes.Configuration.GetSection("ChaosKit:Providers:claude-backup");
        Assert.Equal(fakes.Provider("claude-backup").BaseUrl.ToString().TrimEnd('/'), backup["BaseUrl"]);
        Assert.Equal("anthropic", backup["Kind"]);
        Assert.False(string.IsNullOrEmpty(backup["ApiKey"]));
        Assert.Equal(fakes.Environment["OPENAI_BASE_URL"], fakes.Configuration["ChaosKit:Providers:gpt:BaseUrl"]);
    }

    [Fact]
    public async Task The_official_sdks_configured_from_it_get_answers()
    {
        await using var fakes = await ChaosFakes.StartAsync(FourProviders());

        var message = await Clients.Anthropic(fakes).Messages.Create(Clients.Hello);
        var completion = await Clients.OpenAi(fakes).CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.NotEmpty(message.Content);
        Assert.False(string.IsNullOrEmpty(completion.Value.Content[0].Text));
        Assert.Equal(new Dictionary<string, int> { ["claude"] = 1, ["gpt"] = 1 }, fakes.Journal.ByProvider);
    }

    [Fact]
    public async Task A_web_host_given_the_fakes_sees_their_settings_before_it_builds()
    {
        await using var fakes = await ChaosFakes.StartAsync(Clients.Claude());
        var builder = WebApplication.CreateSlimBuilder();

        builder.WebHost.UseChaosFakes(fakes);

        // What a minimal-API Program.cs reads from builder.Configuration, as WebApplicationFactory's UseSetting gives it.
        Assert.Equal(fakes.Environment["ANTHROPIC_BASE_URL"], builder.Configuration["ANTHROPIC_BASE_URL"]);
        Assert.Equal(fakes.Environment["ANTHROPIC_API_KEY"], builder.Configuration["ANTHROPIC_API_KEY"]);
        Assert.Equal("anthropic", builder.Configuration["ChaosKit:Providers:claude:Kind"]);
    }
}
