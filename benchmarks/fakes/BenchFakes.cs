using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>Starts one OpenAI fake for a benchmark, with the journal writing to a temporary file as in a real run.</summary>
internal static class BenchFakes
{
    public const string Key = "sk-bench-0123456789";

    /// <summary>Starts the fake; the caller deletes <c>Journal</c> when done.</summary>
    public static async Task<(ProviderFakes Fakes, string Journal)> StartAsync(StreamingSpec streaming)
    {
        var scenario = new Scenario
        {
            Name = "fakes-bench",
            Seed = 7,
            Providers = [new ProviderSpec("gpt", "openai", 0, SourceLocation.None) { Streaming = streaming }],
            Timeline = [new PhaseSpec("only", TimeSpan.FromHours(1), [], SourceLocation.None)],
            Target = new TargetSpec(new Uri("http://127.0.0.1:1/"), SourceLocation.None),
            Load = new LoadSpec(1, 1, TimeSpan.FromSeconds(1),
                new RequestTemplate("POST", "/", new Dictionary<string, string>(), null, SourceLocation.None), null, SourceLocation.None),
            Expectations = [],
        };
        var journal = Path.Combine(Path.GetTempPath(), $"chaoskit-bench-{Environment.ProcessId}.jsonl");
        var clock = new RunClock(new RunTimeline(scenario.Timeline));
        var fakes = await ProviderFakes.StartAsync(scenario, clock, new FakeOptions { JournalPath = journal });
        clock.Start();
        return (fakes, journal);
    }
}
