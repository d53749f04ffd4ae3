using ChaosKit.Testing;
using ChaosKit.Testing.Xunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatApp.XunitV2.Tests;

/// <summary>
/// The fakes of OpenAI and Claude, and the app pointed at them, shared by the tests of a class. The timeline starts held
/// in its first phase: each test jumps to the phase it rehearses.
/// </summary>
public sealed class ChatOutage : ChaosFakesFixture
{
    public WebApplicationFactory<Program> App { get; private set; } = null!;

    protected override ChaosScenario CreateScenario() => ChaosScenario.Create("chat-outage")
        .WithOpenAI("gpt")
        .WithAnthropic("claude")
        .Phase("healthy", TimeSpan.FromMinutes(5))
        .Phase("openai-down", TimeSpan.FromMinutes(5), ChaosFault.Overloaded().On("gpt"))
        .Phase("openai-rate-limited", TimeSpan.FromMinutes(5), ChaosFault.RateLimit(retryAfter: TimeSpan.FromSeconds(1)).On("gpt"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // The app reads OPENAI_BASE_URL, ANTHROPIC_BASE_URL and their keys; one retry per provider keeps the tests short.
        App = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseChaosFakes(Fakes).UseSetting("Chat:MaxRetries", "1"));
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }
}
