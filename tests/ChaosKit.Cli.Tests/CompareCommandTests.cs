using ChaosKit.Core.Results;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// <c>chaoskit compare</c> through the built command: on hand-made results for each exit code, and on two real runs.
/// </summary>
[Collection(RealRuns.Collection)]
public sealed class CompareCommandTests(RealRuns runs) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<string> WriteAsync(string name, RunResult run) => SyntheticRuns.WriteAsync(_folder, name, run);

    [Fact]
    public async Task Writes_both_files_into_the_new_runs_folder_and_exits_0_when_no_rule_holds()
    {
        var b = await WriteAsync("last-week", SyntheticRuns.Run(0.95, 800));
        var n = await WriteAsync("today", SyntheticRuns.Run(0.90, 1200));

        var compare = await ChaosKitProcess.RunAsync("compare", b, n, "--fail-on", "score < -50", "--fail-on", "outage.p95 > +100%");

        Assert.True(compare.ExitCode == 0, $"exit {compare.ExitCode}: {compare.Stderr}");
        Assert.Contains($"wrote {Path.Combine(n, "compare.html")}", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(n, "compare.md")}", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASSED: no --fail-on rule held", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("outage · Availability", compare.Stdout, StringComparison.Ordinal);
        Assert.Equal("", compare.Stderr);
        var md = await File.ReadAllTextAsync(Path.Combine(n, "compare.md"));
        Assert.Contains("- ✅ `outage.p95 > +100%` did not hold: 800 ms → 1,200 ms (+50%)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_when_a_rule_holds_and_says_which()
    {
        var b = await WriteAsync("last-week", SyntheticRuns.Run(0.95));
        var n = await WriteAsync("today", SyntheticRuns.Run(0.60));

        var compare = await ChaosKitProcess.RunAsync("compare", Path.Combine(b, "result.json"), n, "--fail-on", "score < -5", "--fail-on", "outage.p95 > +20%");

        Assert.Equal(1, compare.ExitCode);
        Assert.Contains("✗  score < -5 held: ", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓  outage.p95 > +20% did not hold: ", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED: 1 of 2 --fail-on rules held", compare.Stdout, StringComparison.Ordinal);
        Assert.Contains("id=\"verdict\">FAILED</div>", await File.ReadAllTextAsync(Path.Combine(n, "compare.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_where_out_says_with_links_to_each_runs_report()
    {
        var b = await WriteAsync("last-week", SyntheticRuns.Run());
        var n = await WriteAsync("today", SyntheticRuns.Run());
        await File.WriteAllTextAsync(Path.Combine(b, "report.html"), "<!DOCTYPE html>");
        var output = Path.Combine(_folder, "comparisons", "week-48");

        var compare = await ChaosKitProcess.RunAsync("compare", b, n, "--out", output);

        Assert.True(compare.ExitCode == 0, $"exit {compare.ExitCode}: {compare.Stderr}");
        var html = await File.ReadAllTextAsync(Path.Combine(output, "compare.html"));
        Assert.Contains("<a href=\"../../last-week/report.html\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("today/report.html", html, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(n, "compare.html")));
    }

    [Fact]
    public async Task The_same_runs_give_the_same_files()
    {
        var b = await WriteAsync("last-week", SyntheticRuns.Run(0.95));
        var n = await WriteAsync("today", SyntheticRuns.Run(0.80));

        await ChaosKitProcess.RunAsync("compare", b, n, "--fail-on", "score < -5");
        var first = await File.ReadAllBytesAsync(Path.Combine(n, "compare.html"));
        var firstMd = await File.ReadAllBytesAsync(Path.Combine(n, "compare.md"));
        await ChaosKitProcess.RunAsync("compare", b, n, "--fail-on", "score < -5");

        Assert.Equal(first, await File.ReadAllBytesAsync(Path.Combine(n, "compare.html")));
        Assert.Equal(firstMd, await File.ReadAllBytesAsync(Path.Combine(n, "compare.md")));
    }

    [Theory]
    [InlineData("missing", "error: {0}: no such file or folder; give a run folder or its result.json")]
    [InlineData("scenario", "error: the runs are of different scenarios: {1}/result.json ran 'claude-outage', {0}/result.json ran 'gemini-outage'; compare two runs of one scenario")]
    [InlineData("phases", "error: the runs have different phases: {1}/result.json ran baseline, outage, recovery; {0}/result.json ran baseline, outage; compare two runs of the same timeline (the phases' names, in order; their lengths may differ)")]
    public async Task Runs_that_do_not_compare_exit_2_saying_why(string kind, string message)
    {
        var b = await WriteAsync("base", SyntheticRuns.Run());
        var n = kind switch
        {
            "scenario" => await WriteAsync("other", SyntheticRuns.Run(scenario: "gemini-outage")),
            "phases" => await WriteAsync("other", SyntheticRuns.Run(phases: ["baseline", "outage"])),
            _ => Path.Combine(_folder, "nowhere"),
        };

        var compare = await ChaosKitProcess.RunAsync("compare", b, n);

        Assert.Equal(2, compare.ExitCode);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, n, b), compare.Stderr.Trim());
        Assert.DoesNotContain("wrote", compare.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rules_exit_2_one_line_each_and_write_nothing()
    {
        var b = await WriteAsync("base", SyntheticRuns.Run());
        var n = await WriteAsync("new", SyntheticRuns.Run());

        var compare = await ChaosKitProcess.RunAsync("compare", b, n, "--fail-on", "score < 5", "--fail-on", "outage.p95 > +20%", "--fail-on", "outgae.p95 > +20%");

        Assert.Equal(2, compare.ExitCode);
        Assert.Equal(
            [
                "error: --fail-on 'score < 5': '5' is not a change; give it a sign, e.g. '-5' for a drop or '+5' for a rise",
                "error: --fail-on 'outgae.p95 > +20%': no phase named 'outgae'; did you mean 'outage'?",
            ],
            compare.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(n, "compare.html")));
    }

    [Fact]
    public async Task Compares_two_real_runs_of_one_scenario()
    {
        var output = Path.Combine(_folder, "real");

        var compare = await ChaosKitProcess.RunAsync("compare", runs.Base, runs.New, "--out", output, "--fail-on", "score < -100", "--fail-on", "later.availability < -100pp");

        Assert.True(compare.ExitCode == 0, $"exit {compare.ExitCode}: {compare.Stderr}");
        Assert.StartsWith("short: the new run compared with the base run", compare.Stdout, StringComparison.Ordinal);
        var md = await File.ReadAllTextAsync(Path.Combine(output, "compare.md"));
        Assert.Contains("| Scenario file | commit " + runs.Commit[..7] + " | commit " + runs.Commit[..7] + " with uncommitted changes |", md, StringComparison.Ordinal);
        Assert.Contains("**baseline**", md, StringComparison.Ordinal);
        Assert.Contains("**later**", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appends_compare_md_to_the_step_summary_after_what_is_there()
    {
        var b = await WriteAsync("base", SyntheticRuns.Run(0.95));
        var n = await WriteAsync("new", SyntheticRuns.Run(0.80));
        var summary = Path.Combine(_folder, "summary.md");
        await File.WriteAllTextAsync(summary, "## An earlier step");

        var compare = await ChaosKitProcess.RunAsync(["compare", b, n], new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.True(compare.ExitCode == 0, $"exit {compare.ExitCode}: {compare.Stderr}");
        Assert.Equal("## An earlier step\n" + await File.ReadAllTextAsync(Path.Combine(n, "compare.md")), await File.ReadAllTextAsync(summary));
    }

    [Fact]
    public async Task A_step_summary_that_cannot_be_written_is_a_warning_and_changes_no_exit_code()
    {
        var b = await WriteAsync("base", SyntheticRuns.Run(0.95));
        var n = await WriteAsync("new", SyntheticRuns.Run(0.60));
        var summary = Directory.CreateDirectory(Path.Combine(_folder, "a-folder")).FullName;

        var compare = await ChaosKitProcess.RunAsync(["compare", b, n, "--fail-on", "score < -5"], new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Equal(1, compare.ExitCode);
        Assert.StartsWith($"warning: could not append compare.md to $GITHUB_STEP_SUMMARY ({summary}): ", compare.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(n, "compare.md")));
    }

    [Fact]
    public void Run_appends_report_md_to_the_step_summary_and_a_failure_is_only_a_warning()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(runs.New, "report.md")), File.ReadAllText(runs.NewSummary));
        Assert.Equal(0, runs.BaseRun.ExitCode);
        Assert.Contains($"warning: could not append report.md to $GITHUB_STEP_SUMMARY ({runs.BaseSummary}): ", runs.BaseRun.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(runs.Base, "report.md")));
    }
}
