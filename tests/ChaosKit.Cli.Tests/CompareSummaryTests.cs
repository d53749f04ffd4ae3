using ChaosKit.Cli.Output;
using ChaosKit.Reports.Compare;
using ChaosKit.Runner;
using ChaosKit.Runner.Compare;

namespace ChaosKit.Cli.Tests;

/// <summary>compare's console summary: short, and every line within 80 columns.</summary>
public sealed class CompareSummaryTests
{
    private static CompareOutcome Outcome()
    {
        var b = SyntheticRuns.Run(0.95, 800) with { Scenario = SyntheticRuns.Run().Scenario with { Seed = 42 } };
        var n = SyntheticRuns.Run(0.60, 2400) with { Scenario = SyntheticRuns.Run().Scenario with { Seed = 7 } };
        var rule = FailOnRule.Parse("score < -5", ["baseline", "outage", "recovery"], [], ["availability", "latency"]);
        var comparison = RunComparison.Of(
            new ComparedRun("reports/claude-outage-20251127-180000Z", b, null),
            new ComparedRun("reports/claude-outage-20251204-180000Z", n, "report.html"),
            [rule.Evaluate(b, n)]);
        return new CompareOutcome(ExitCodes.ExpectationFailed, comparison, "reports/claude-outage-20251204-180000Z",
            ["reports/claude-outage-20251204-180000Z/compare.html", "reports/claude-outage-20251204-180000Z/compare.md"], null);
    }

    [Fact]
    public void Every_line_fits_80_columns_and_names_what_got_worse()
    {
        var console = new PlainConsole(80);

        CompareSummary.Write(console.Console, Outcome());
        var lines = console.Text.Split('\n').Select(l => l.TrimEnd()).ToList();

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Equal("claude-outage: the new run compared with the base run", lines[0]);
        Assert.Contains(lines, l => l.Contains("worse", StringComparison.Ordinal) && l.Contains("outage · Availability", StringComparison.Ordinal) && l.Contains("95% → 60%, -35 pp", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("✗", StringComparison.Ordinal) && l.Contains("score < -5 held: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("note:", StringComparison.Ordinal) && l.Contains("the seeds differ (42, then 7)", StringComparison.Ordinal));
        Assert.Equal("FAILED: 1 of 1 --fail-on rule held", lines.Last(l => l.Length > 0));
        Assert.True(lines.Count(l => l.Length > 0) < 30, $"{lines.Count} lines");
    }
}
