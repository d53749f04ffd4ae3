using ChaosKit.Core.Results;
using ChaosKit.Reports.Compare;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Compare;

/// <summary>
/// The rehearsal (<see cref="RunResults.OutageRehearsal"/>) compared with a later build of it: the outage serves less
/// (availability 88.9% → 85%, worse), faster (p95 halved, better), the score and its availability component drop.
/// </summary>
internal static class Comparisons
{
    public static RunResult Base() => RunResults.OutageRehearsal();

    public static RunResult Worse()
    {
        var run = RunResults.OutageRehearsal();
        var outage = run.Phases[1];
        var stats = outage.Stats with
        {
            // 400 scheduled: 340 served (85%), 60 failed.
            Outcomes = new OutcomeCounts(400, 0, 340, 60, 0, 0, 0),
            ServedLatency = outage.Stats.ServedLatency with { P50Ms = 300, P95Ms = 600, P99Ms = 900 },
        };
        return run with
        {
            StartedAt = run.StartedAt.AddDays(7),
            Phases = [run.Phases[0], outage with { Stats = stats }, run.Phases[2]],
            Score = run.Score with
            {
                Total = 62.1,
                Components = [ScoreComponent.Of("availability", 0.85, 0.7), ScoreComponent.Of("latency", 0.4025, 0.3)],
            },
            Environment = run.Environment! with { ChaosKitVersion = "0.2.0+0123456789abcdef0123456789abcdef01234567" },
        };
    }

    public static RunComparison Compare(RunResult b, RunResult n, params CompareCheck[] checks) =>
        RunComparison.Of(new ComparedRun("runs/last-week", b, "../last-week/report.html"), new ComparedRun("runs/today", n, "report.html"), checks);
}
