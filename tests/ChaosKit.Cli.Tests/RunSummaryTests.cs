using System.Text.RegularExpressions;
using ChaosKit.Cli.Output;
using ChaosKit.Core.Results;
using ChaosKit.Runner;
using ChaosKit.Scoring;

namespace ChaosKit.Cli.Tests;

/// <summary>The end-of-run summary in a narrow and a wide terminal: every line fits, and no number is broken.</summary>
public sealed partial class RunSummaryTests
{
    private static readonly FaultInfo Latency = new("latency", "claude", 1, new Dictionary<string, string> { ["delay"] = "300ms" });
    private static readonly FaultInfo Overloaded = new("error", "claude", 1, new Dictionary<string, string> { ["status"] = "529" });

    /// <summary>The bundled claude-outage scenario at time scale 0.25, as a run measures it.</summary>
    private static RunOutcome ClaudeOutage()
    {
        PhaseResult Phase(int index, string name, double start, double end, FaultInfo[] faults, OutcomeCounts outcomes, double p95, ProviderCallStats calls)
        {
            // Every request was served, so the served latency is the latency.
            var latency = new LatencySummary(outcomes.Scheduled, p95 / 5, p95 / 2, p95 * 0.9, p95 * 0.95, p95, p95 * 1.04, p95 * 1.1, p95 * 1.2);
            return new(index, name, start, end, faults,
                new PhaseStats(outcomes, latency, LatencySummary.Empty, LatencySummary.Empty, outcomes.Scheduled / (end - start),
                    new Dictionary<string, long> { ["200"] = outcomes.Served }) { ServedLatency = latency },
                calls);
        }
        PhaseResult[] phases =
        [
            Phase(0, "baseline", 0, 2.5, [], new(25, 25, 0, 0, 0, 0, 0), 8, new(25, new Dictionary<string, long> { ["200"] = 25 }, 0, 0)),
            Phase(1, "outage", 2.5, 7.5, [Latency, Overloaded], new(50, 15, 35, 0, 0, 0, 0), 1_644,
                new(130, new Dictionary<string, long> { ["529"] = 130 }, 130, 80)),
            Phase(2, "recovery", 7.5, 10, [], new(25, 25, 0, 0, 0, 0, 0), 4, new(40, new Dictionary<string, long> { ["200"] = 40 }, 0, 15)),
        ];
        var result = new RunResult
        {
            Scenario = new ScenarioInfo("claude-outage", null, 42, "scenarios/claude-outage.yaml"),
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.FromSeconds(10.4),
            TimeScale = 0.25,
            Target = new TargetInfo("http://127.0.0.1:5080/", true),
            Providers = [new ProviderInfo("claude", "anthropic", "http://127.0.0.1:41001/")],
            Load = new LoadInfo(10, 200, 20_000, "POST", "/api/ask"),
            Phases = phases,
            Overall = phases[1].Stats,
            Seconds = [],
            Score = DegradationScorer.Score(phases),
            Expectations = [new ExpectationResult("outage.availability >= 95%", true, 1, "held: measured 100%")],
            Warnings = [RunWarning.Of(RunWarningCodes.DispatchDelayHigh, ("p99_ms", 11.2), ("limit_ms", 10))],
            Steps =
            [
                Step("ask-and-read", "ask", new(50, 0, 0, 0, 0, 0), 1_672, null),
                Step("ask-and-read", "history", new(0, 0, 48, 2, 0, 0), 8, null),
                Step("stream", "ask-stream", new(20, 0, 0, 0, 0, 0), 1_903, 1_707),
            ],
        };
        return new RunOutcome(ExitCodes.Passed, result, "reports/claude-outage", ["reports/claude-outage/result.json"], null);
    }

    // The runs that passed (the table's latency) take the given p95.
    private static StepStats Step(string workflow, string name, StepCounts counts, double p95, double? ttfbP95) => new(
        workflow, name, counts,
        new LatencySummary(counts.Ran, 1, p95 / 2, p95 / 3, p95 * 0.9, p95, p95 * 1.01, p95 * 1.02, p95 * 1.05),
        ttfbP95 is { } ttfb ? new LatencySummary(counts.Ran, 1, ttfb / 2, ttfb / 3, ttfb * 0.9, ttfb, ttfb, ttfb, ttfb) : LatencySummary.Empty,
        new Dictionary<string, long>(),
        counts.Failed > 0 ? new Dictionary<string, long> { ["json $.no_such_field exists"] = counts.Failed, ["timeout"] = counts.Timeout } : new Dictionary<string, long>())
    {
        ServedLatency = counts.Ok + counts.Fallback == 0 ? LatencySummary.Empty
            : new LatencySummary(counts.Ok + counts.Fallback, 1, p95 / 2, p95 / 3, p95 * 0.9, p95, p95 * 1.01, p95 * 1.02, p95 * 1.05),
    };

    // What must show whole: each phase's and step's figures, and the words under the tables.
    private static readonly string[] Whole =
        ["1,672", "1,689", "1,903", "1,707", "json $.no_such_field exists ×48; timeout ×2", "2.5–7.5s", "7.5–10s", "1,480", "1,644", "1,710", "130 (529×130)", "25 (200×25)", "40 (200×40)", "100%", "100.0", "(205.5×", "latency (delay 300ms) on claude,"];

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(200)]
    public void Every_line_fits_the_terminal_and_no_number_is_broken(int width)
    {
        var lines = Render(ClaudeOutage(), width);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} columns: {line}"));
        foreach (var figure in Whole) Assert.Contains(lines, line => line.Contains(figure, StringComparison.Ordinal));
        var score = DegradationScorer.Score(ClaudeOutage().Result!.Phases).Phases[1].Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(lines, line => OutageScore().IsMatch(line) && line.Contains(score, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wide_terminal_keeps_a_phase_to_a_row_and_a_narrow_one_a_phase_to_a_column()
    {
        var wide = Render(ClaudeOutage(), 200);
        var narrow = Render(ClaudeOutage(), 80);

        Assert.Single(wide, line => Regex.IsMatch(line, @"│ Phase +│ Window +│ +Scheduled │"));
        Assert.Single(wide, line => line.StartsWith("│ outage ", StringComparison.Ordinal));
        Assert.Single(narrow, line => Regex.IsMatch(line, @"│ +│ +baseline │ +outage │ +recovery │"));
        Assert.Single(narrow, line => Regex.IsMatch(line, @"│ p95 ms +│ +8 │ +1,644 │ +4 │"));
        // The faults are listed under the table, one to a line, in both.
        Assert.All(new[] { wide, narrow }, lines =>
        {
            Assert.Contains(lines, line => line.Contains("outage", StringComparison.Ordinal) && line.Contains("latency (delay 300ms) on claude, 100% of calls", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.TrimStart().StartsWith("error (status 529) on claude, 100% of calls", StringComparison.Ordinal));
        });
    }

    private static List<string> Render(RunOutcome outcome, int width)
    {
        var console = new PlainConsole(width);
        RunSummary.Write(console.Console, outcome);
        return [.. console.Text.Split('\n').Select(l => l.TrimEnd())];
    }

    [GeneratedRegex(@"^\s+outage\s+\d")]
    private static partial Regex OutageScore();
}
