using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;

namespace ChaosKit.Testing.Tests;

/// <summary>The official SDK clients, configured the way an app configures them: from the settings the fakes hand out.</summary>
internal static class Clients
{
    public static readonly MessageCreateParams Hello = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 64,
        Messages = [new UserMessageParam("Hello")],
    };

    public static AnthropicClient Anthropic(ChaosFakes fakes, int maxRetries = 0) => new()
    {
        BaseUrl = fakes.Configuration["ANTHROPIC_BASE_URL"]!,
        ApiKey = fakes.Configuration["ANTHROPIC_API_KEY"]!,
        MaxRetries = maxRetries,
    };

    public static ChatClient OpenAi(ChaosFakes fakes, int maxRetries = 0) =>
        new("gpt-4o-mini", new ApiKeyCredential(fakes.Configuration["OPENAI_API_KEY"]!), new OpenAIClientOptions
        {
            Endpoint = new Uri(fakes.Configuration["OPENAI_BASE_URL"]!),
            RetryPolicy = new ClientRetryPolicy(maxRetries),
        });

    /// <summary>One healthy scenario with a fake Anthropic API named <c>claude</c>, for tests that bring their own faults.</summary>
    public static ChaosScenario Claude(params ChaosFault[] faults) =>
        ChaosScenario.Create("testing").WithAnthropic("claude").Phase("only", TimeSpan.FromHours(1), faults);
}
