using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Benchmarks;

/// <summary>Drives the bare endpoint with ChaosKit's own load engine and prints one line of figures.</summary>
internal static class EngineBench
{
    private static readonly RequestTemplate Hello = new("GET", "/hello", new Dictionary<string, string>(), null, SourceLocation.None);

    public static async Task<int> MaxAsync(Uri url, int copies, int seconds)
    {
        var spec = Spec(0) with { Simulations = [Simulation.KeepConstant(copies, TimeSpan.FromSeconds(seconds))] };
        var result = await RunAsync(spec, url, seconds);
        Print($"MAX {result.Overall.ThroughputPerSecond:0} rps, p99 {result.Overall.Latency.P99Ms:0.##} ms, errors {result.Overall.Outcomes.Scheduled - result.Overall.Outcomes.Ok}");
        return 0;
    }

    public static async Task<int> RateAsync(Uri url, int rps, int seconds)
    {
        var result = await RunAsync(Spec(rps), url, seconds);
        var o = result.Overall;
        var started = o.Outcomes.Scheduled - o.Outcomes.Dropped;
        Print($"RATE {rps} achieved {o.ThroughputPerSecond:0.#} rps ({100.0 * o.ThroughputPerSecond / rps:0.00} % of target), " +
              $"started {started} of {rps * seconds}, dropped {o.Outcomes.Dropped}, dispatch lag p99 {o.DispatchDelay.P99Ms:0.###} ms, " +
              $"max {o.DispatchDelay.MaxMs:0.###} ms, latency p99 {o.Latency.P99Ms:0.##} ms");
        foreach (var warning in result.Warnings) Print($"  warning: {warning}");
        return 0;
    }

    private static LoadSpec Spec(double rate) => new(Math.Max(rate, 1), 1_000, TimeSpan.FromSeconds(5), Hello, null, SourceLocation.None);

    private static async Task<LoadMeasurements> RunAsync(LoadSpec spec, Uri url, int seconds)
    {
        // One warm-up second (JIT, connections), not measured, then the measured run.
        var warm = spec with { RatePerSecond = 200, Simulations = [] };
        await new LoadRunner(warm, 2, url, Clock(1)).RunAsync();
        return await new LoadRunner(spec, 1, url, Clock(seconds)).RunAsync();
    }

    private static RunClock Clock(int seconds) =>
        new(new RunTimeline([new PhaseSpec("bench", TimeSpan.FromSeconds(seconds), [], SourceLocation.None)]));

    private static void Print(string line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
