using System.Net.Http.Headers;
using System.Text;
using Anthropic;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using System.Collections.Concurrent;

namespace ChaosKit.Fakes.Tests.Support;

/// <summary>A started run clock plus the fakes of a scenario, and clients pointed at them.</summary>
internal sealed class FakeRun : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-chaoskit-test";

    private FakeRun(ProviderFakes fakes, RunClock clock, ConcurrentQueue<CallRecord> calls)
    {
        Fakes = fakes;
        Clock = clock;
        Calls = calls;
        Http = new HttpClient { BaseAddress = fakes.Fakes[0].BaseUrl };
    }

    public ProviderFakes Fakes { get; }
    public RunClock Clock { get; }
    public ConcurrentQueue<CallRecord> Calls { get; }
    public HttpClient Http { get; }
    public RunningFake Fake => Fakes.Fakes[0];

    /// <summary>One long phase (so it never ends during a test) with <paramref name="faults"/>, clock started.</summary>
    public static Task<FakeRun> StartAsync(params FaultSpec[] faults) =>
        StartAsync(TestScenarios.Create([TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)]));

    /// <summary>A Gemini fake alone, in one long phase with <paramref name="faults"/>, clock started.</summary>
    public static Task<FakeRun> StartGeminiAsync(params FaultSpec[] faults) =>
        StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf("gemini", "gemini")]));

    public static async Task<FakeRun> StartAsync(Scenario scenario, TimeProvider? time = null, bool startClock = true, FakeOptions? options = null)
    {
        var clock = new RunClock(new RunTimeline(scenario.Timeline), time);
        var calls = new ConcurrentQueue<CallRecord>();
        var fakes = await ProviderFakes.StartAsync(scenario, clock, (options ?? FakeOptions.Default) with { OnCall = calls.Enqueue });
        if (startClock) clock.Start();
        return new FakeRun(fakes, clock, calls);
    }

    public AnthropicClient Client(int maxRetries = 0) => new()
    {
        ApiKey = ApiKey,
        BaseUrl = Fake.BaseUrl.ToString(),
        MaxRetries = maxRetries,
    };

    /// <summary>A raw Messages call, as an app without the SDK would send it, to the first fake or to <paramref name="to"/>.</summary>
    public Task<HttpResponseMessage> PostMessagesAsync(
        string json, string? traceId = null, bool withKey = true, CancellationToken ct = default, RunningFake? to = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, to is null ? new Uri("v1/messages", UriKind.Relative) : new Uri(to.BaseUrl, "v1/messages"))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (withKey) request.Headers.Add("x-api-key", ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        if (traceId is not null) request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        return Http.SendAsync(request, ct);
    }

    public const string HelloBody = """{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}""";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Fakes.DisposeAsync();
    }
}
