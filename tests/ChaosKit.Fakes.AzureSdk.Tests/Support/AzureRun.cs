using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Azure.AI.OpenAI;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.AzureSdk.Tests.Support;

/// <summary>A started fake Azure OpenAI resource (one long phase with the given faults) and the official client pointed at it.</summary>
internal sealed class AzureRun : IAsyncDisposable
{
    public const string Key = "azure-chaoskit-test-key";

    private AzureRun(ProviderFakes fakes, ConcurrentQueue<CallRecord> calls) => (Fakes, Calls) = (fakes, calls);

    public ProviderFakes Fakes { get; }

    /// <summary>The journal's records, as the fake writes them (just after each answer has gone out).</summary>
    public ConcurrentQueue<CallRecord> Calls { get; }

    public Uri Endpoint => Fakes.Fakes[0].BaseUrl;

    /// <param name="keys">The keys the fake accepts; empty: any non-empty key.</param>
    /// <param name="faults">The faults of the one phase.</param>
    public static async Task<AzureRun> StartAsync(string[] keys, params FaultSpec[] faults)
    {
        var scenario = TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("azure_openai", "azure", null, keys)]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline));
        var calls = new ConcurrentQueue<CallRecord>();
        var fakes = await ProviderFakes.StartAsync(scenario, clock, FakeOptions.Default with { OnCall = calls.Enqueue });
        clock.Start();
        return new AzureRun(fakes, calls);
    }

    public static Task<AzureRun> StartAsync(params FaultSpec[] faults) => StartAsync([], faults);

    /// <summary>The client an app builds from its resource endpoint and key; no retries, so each call is one request.</summary>
    public AzureOpenAIClient Client(string key = Key) =>
        new(Endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });

    public ValueTask DisposeAsync() => Fakes.DisposeAsync();
}
