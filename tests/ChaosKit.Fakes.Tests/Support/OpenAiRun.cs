using System.ClientModel;
using System.ClientModel.Primitives;
using ChaosKit.Core.Scenarios;
using OpenAI;

namespace ChaosKit.Fakes.Tests.Support;

/// <summary>An OpenAI fake and official clients pointed at it the way apps do (<c>OPENAI_BASE_URL</c> ending <c>/v1</c>).</summary>
internal static class OpenAiRun
{
    public const string ApiKey = "sk-proj-chaoskit-test-key-0123456789";

    public static Task<FakeRun> StartAsync(StreamingSpec? streaming = null, params string[] apiKeys) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("openai", "gpt", streaming, apiKeys)]));

    public static Task<FakeRun> StartAsync(params FaultSpec[] faults) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("openai", "gpt")]));

    public static OpenAIClient OpenAi(this FakeRun run, string apiKey = ApiKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(run.Fake.BaseUrl, "v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        });
}
