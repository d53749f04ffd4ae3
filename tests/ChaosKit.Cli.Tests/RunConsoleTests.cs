using System.Text.RegularExpressions;
using ChaosKit.Cli.Output;
using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;
using ChaosKit.Load;
using ChaosKit.Runner;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// The live console's step rows and plain lines, rendered from what a real run against the bundled sample app
/// recorded: the figures on screen must be the ones the result reports.
/// </summary>
public sealed partial class RunConsoleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-console-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The history step fails a check on every run, so the live view must show it failing; the stream workflow passes.
    private const string FailingHistory = """
        name: console-steps
        seed: 3
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: baseline
            duration: 1500ms
          - name: outage
            duration: 1500ms
            faults:
              - kind: error
                provider: claude
                status: 529
        load:
          timeout: 10s
          fallback: { header: X-Answer-Source, value: fallback }
          workflows:
            - name: ask-and-read
              rate: 6
              steps:
                - name: ask
                  request: { method: POST, path: /api/ask, json: { question: "{{lorem.sentence}}" } }
                  capture: { answer_id: $.id }
                - name: history
                  request: { path: "/api/history/{{answer_id}}" }
                  checks:
                    - json_exists: $.no_such_field
                - name: never
                  request: { path: "/api/history/{{answer_id}}" }
            - name: stream
              rate: 2
              steps:
                - name: ask-stream
                  request: { method: POST, path: /api/ask/stream, json: { question: "{{lorem.sentence}}" } }
        """;

    [Fact(Timeout = 120_000)]
    public async Task The_panel_and_the_plain_lines_show_each_steps_runs_failures_skips_and_recent_p95()
    {
        var scenario = Path.Combine(_folder, "console-steps.yaml");
        await File.WriteAllTextAsync(scenario, FailingHistory);
        var observer = new CapturingObserver();

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(scenario) { OutputDirectory = Path.Combine(_folder, "run") }, observer, CancellationToken.None);

        Assert.Null(outcome.Error);
        var result = Assert.IsType<RunResult>(outcome.Result);
        var progress = observer.Progress!();
        var steps = result.Steps.ToDictionary(s => $"{s.Workflow}/{s.Step}");
        var history = steps["ask-and-read/history"];
        Assert.True(history.Counts.Failed > 0, "the history check failed in the run");
        Assert.Equal(0, steps["ask-and-read/ask"].Counts.FailedRate); // the sample app falls back during the outage

        // Panel: a header row, then one row per step; the workflow is named on its first step's row only.
        var panel = Text(RunConsole.Render(observer.Timeline!, progress));
        var rows = panel.Split('\n').Select(l => l.Trim().Trim('│').TrimEnd()).ToList(); // the panel's padding space stays
        var header = rows.FindIndex(r => HeaderRow().IsMatch(r));
        Assert.True(header >= 0, panel);
        var stepRows = rows.Skip(header + 1).Take(4).Select(r => StepRow().Match(r)).ToList();
        Assert.All(stepRows, m => Assert.True(m.Success, panel));
        Assert.Equal(["ask-and-read", "", "", "stream"], stepRows.Select(m => m.Groups["workflow"].Value));
        Assert.Equal(["ask", "history", "never", "ask-stream"], stepRows.Select(m => m.Groups["step"].Value));
        foreach (var m in stepRows)
        {
            var stats = result.Steps.Single(s => s.Step == m.Groups["step"].Value);
            var c = stats.Counts;
            Assert.Equal(c.Ran.ToString(), m.Groups["ran"].Value);
            Assert.Equal((c.Failed + c.Timeout + c.Error).ToString(), m.Groups["failed"].Value);
            Assert.Equal(c.Skipped.ToString(), m.Groups["skipped"].Value);
        }
        var historyRow = stepRows[1];
        Assert.Equal("(100%)", historyRow.Groups["share"].Value);
        Assert.Equal("0", stepRows[2].Groups["ran"].Value);
        Assert.Equal("–", stepRows[2].Groups["p95"].Value); // never ran, so no recent latency
        Assert.Matches(@"^[\d,]+ ms$", stepRows[0].Groups["p95"].Value);

        // Plain lines (CI): the run's line, then one line per workflow with its steps.
        var lines = RunConsole.PlainLines(observer.Timeline!, progress).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("[", lines[0]);
        Assert.Equal(
            $"  ask-and-read: ask {steps["ask-and-read/ask"].Counts.Ran} ran, 0 failed, p95 {P95(progress, "ask")}; " +
            $"history {history.Counts.Ran} ran, {history.Counts.Failed} failed (100%), p95 {P95(progress, "history")}; " +
            $"never 0 ran, 0 failed, {steps["ask-and-read/never"].Counts.Skipped} skipped, p95 –",
            lines[1]);
        Assert.StartsWith($"  stream: ask-stream {steps["stream/ask-stream"].Counts.Ran} ran, ", lines[2]);
    }

    [Fact]
    public void A_run_without_workflows_keeps_its_panel_and_its_single_plain_line()
    {
        var timeline = new RunTimeline([new Core.Scenarios.PhaseSpec("baseline", TimeSpan.FromSeconds(10), [], Core.Scenarios.SourceLocation.None)]);
        var progress = new LoadProgress(TimeSpan.FromSeconds(2), "baseline", 20, 18, 1, 1, 0, 0, 0, 2, 9, 120);

        var panel = Text(RunConsole.Render(timeline, progress));
        var lines = RunConsole.PlainLines(timeline, progress).ToList();

        Assert.DoesNotContain("Workflow", panel);
        Assert.Equal(5, panel.TrimEnd().Split('\n').Length); // border, three lines, border
        Assert.Equal(["[2.0s/10.0s] baseline: ok 18, fallback 1, failed 1, timeout 0, error 0, dropped 0, in flight 2, 9/s, p95 120 ms"], lines);
    }

    private static string P95(LoadProgress progress, string step) =>
        progress.Steps.Single(s => s.Step == step) is { RecentRuns: > 0 } s ? $"{s.RecentP95Ms:#,0} ms" : "–";

    private static string Text(IRenderable renderable)
    {
        var console = new PlainConsole(100);
        console.Console.Write(renderable);
        return console.Text;
    }

    [GeneratedRegex(@"^\sWorkflow\s+Step\s+Ran\s+Failed\s+Skipped\s+Recent p95$")]
    private static partial Regex HeaderRow();

    [GeneratedRegex(@"^\s(?<workflow>[\w-]*)\s+(?<step>[\w-]+)\s+(?<ran>\d+)\s+(?<failed>\d+)(?:\s(?<share>\([\d.]+%\)))?\s+(?<skipped>\d+)\s+(?<p95>[\d,]+ ms|–)$")]
    private static partial Regex StepRow();

    private sealed class CapturingObserver : IRunObserver
    {
        public RunTimeline? Timeline { get; private set; }

        public Func<LoadProgress>? Progress { get; private set; }

        public void OnStep(string message)
        {
        }

        public void OnLoadStarted(RunTimeline timeline, Func<LoadProgress> progress) => (Timeline, Progress) = (timeline, progress);

        public void OnLoadStopped()
        {
        }
    }
}
