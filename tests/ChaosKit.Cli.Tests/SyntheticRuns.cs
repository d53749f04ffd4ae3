using ChaosKit.Core.Results;
using ChaosKit.Reports.Json;
using ChaosKit.Scoring;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// Hand-made runs of a three-phase outage rehearsal (baseline, outage, recovery), scored as a run scores them, for
/// comparing without running anything: the outage's availability and served p95 are what a test sets.
/// </summary>
internal static class SyntheticRuns
{
    /// <summary>A run whose outage served <paramref name="outageAvailability"/> of 100 requests with a p95 of <paramref name="outageP95"/> ms.</summary>
    public static RunResult Run(
        double outageAvailability = 0.95, double outageP95 = 800, string scenario = "claude-outage", string[]? phases = null, int seed = 42)
    {
        var names = phases ?? ["baseline", "outage", "recovery"];
        PhaseResult Phase(int index, string name)
        {
            var outage = name == "outage";
            var served = outage ? (long)Math.Round(outageAvailability * 100) : 100;
            var p95 = outage ? outageP95 : 40;
            var latency = new LatencySummary(served, p95 / 5, p95 / 2, p95 / 2, p95 * 0.9, p95, p95 * 1.1, p95 * 1.2, p95 * 1.3);
            var stats = new PhaseStats(new OutcomeCounts(100, outage ? 0 : served, outage ? served : 0, 100 - served, 0, 0, 0),
                latency, latency, LatencySummary.Empty, 10, new Dictionary<string, long> { ["200"] = served })
            {
                ServedLatency = latency,
            };
            var calls = outage ? 250L : 100L;
            // The outage is the phase with a fault, so it alone carries the score.
            FaultInfo[] faults = outage ? [new FaultInfo("error", "claude", 1, new Dictionary<string, string> { ["status"] = "529" })] : [];
            return new PhaseResult(index, name, index * 10, index * 10 + 10, faults, stats,
                new ProviderCallStats(calls, new Dictionary<string, long> { ["200"] = calls }, 0, 0));
        }
        PhaseResult[] all = [.. names.Select((name, i) => Phase(i, name))];
        return new RunResult
        {
            Scenario = new ScenarioInfo(scenario, null, seed, $"scenarios/{scenario}.yaml"),
            StartedAt = new DateTimeOffset(2025, 11, 27, 18, 0, 0, TimeSpan.Zero),
            Duration = TimeSpan.FromSeconds(names.Length * 10),
            TimeScale = 1,
            Target = new TargetInfo("http://127.0.0.1:5080/", true),
            Providers = [new ProviderInfo("claude", "anthropic", "http://127.0.0.1:41001/")],
            Load = new LoadInfo(10, 200, 20_000, "POST", "/api/ask"),
            Phases = all,
            Overall = all[0].Stats,
            Seconds = [],
            Score = DegradationScorer.Score(all),
            Expectations = [],
        };
    }

    /// <summary>Writes <paramref name="run"/>'s result.json into a new folder <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static async Task<string> WriteAsync(string parent, string name, RunResult run)
    {
        var folder = Path.Combine(parent, name);
        await JsonReportExporter.Default.ExportToDirectoryAsync(run, folder);
        return folder;
    }
}
