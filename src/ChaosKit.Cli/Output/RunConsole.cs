using System.Globalization;
using ChaosKit.Core.Timeline;
using ChaosKit.Load;
using ChaosKit.Runner;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChaosKit.Cli.Output;

/// <summary>
/// Shows a run while it goes: a live panel redrawn four times a second on a terminal, or a plain line every five
/// seconds (and at each phase change) when the output goes to a CI log. With workflows, the panel gains a row per
/// step and each plain print a line per workflow.
/// </summary>
internal sealed class RunConsole : IRunObserver
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopped = new();
    private Task _display = Task.CompletedTask;

    public void OnStep(string message) => ConsoleOutput.Step(message);

    public void OnLoadStarted(RunTimeline timeline, Func<LoadProgress> progress)
    {
        _display = ConsoleOutput.IsInteractive
            ? AnsiConsole.Live(Render(timeline, progress())).AutoClear(false).StartAsync(ctx => RedrawAsync(ctx, timeline, progress))
            : Task.Run(() => PrintLinesAsync(timeline, progress));
    }

    public void OnLoadStopped() => _stopped.Cancel();

    /// <summary>Waits for the display to finish its last frame, so nothing is printed over it.</summary>
    public async Task StopAsync()
    {
        await _stopped.CancelAsync();
        await _display;
    }

    private async Task RedrawAsync(LiveDisplayContext ctx, RunTimeline timeline, Func<LoadProgress> progress)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopped.Token)) ctx.UpdateTarget(Render(timeline, progress()));
        }
        catch (OperationCanceledException)
        {
            ctx.UpdateTarget(Render(timeline, progress()));
        }
    }

    private async Task PrintLinesAsync(RunTimeline timeline, Func<LoadProgress> progress)
    {
        string? lastPhase = null;
        TimeSpan? lastPrint = null; // the first tick always prints, even when the timeline ended before it
        string[] lastLines = [];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopped.Token))
            {
                var p = progress();
                if (lastPrint is { } last && p.Phase == lastPhase && p.Elapsed - last < PlainInterval) continue;
                lastPhase = p.Phase;
                lastPrint = p.Elapsed;
                lastLines = [.. PlainLines(timeline, p)];
                foreach (var line in lastLines) Console.WriteLine(line);
            }
        }
        catch (OperationCanceledException)
        {
            // The final counts, unless the last print already said exactly this.
            var final = PlainLines(timeline, progress()).ToArray();
            if (!final.SequenceEqual(lastLines)) foreach (var line in final) Console.WriteLine(line);
        }
    }

    /// <summary>The plain lines of one print: the run's counts, then one line per workflow with its steps' figures.</summary>
    internal static IEnumerable<string> PlainLines(RunTimeline timeline, LoadProgress p) =>
        StepRows.PlainLines(p.Steps).Prepend(string.Create(CultureInfo.InvariantCulture,
            $"[{Seconds(p.Elapsed)}/{Seconds(timeline.Duration)}] {p.Phase ?? "draining"}: ok {p.Ok}, fallback {p.Fallback}, " +
            $"failed {p.Failed}, timeout {p.Timeout}, error {p.Error}, dropped {p.Dropped}, in flight {p.InFlight}, " +
            $"{p.RecentPerSecond:0.#}/s, p95 {p.RecentP95Ms:#,0} ms"));

    /// <summary>The live panel: progress bar and phase, the run's counts, recent rate and p95, and with workflows a row per step.</summary>
    internal static IRenderable Render(RunTimeline timeline, LoadProgress p)
    {
        var phase = timeline.Phases.FirstOrDefault(x => x.Name == p.Phase);
        var phaseText = phase is null
            ? "[grey]draining in-flight requests[/]"
            : $"phase [yellow]{Markup.Escape(phase.Name)}[/] ({phase.Index + 1}/{timeline.Phases.Count})" +
              (phase.Spec.Faults.Count > 0 ? $" [red]{phase.Spec.Faults.Count} fault(s) active[/]" : " [green]healthy[/]");
        var fraction = timeline.Duration > TimeSpan.Zero ? Math.Clamp(p.Elapsed / timeline.Duration, 0, 1) : 1;
        var bar = new string('█', (int)(fraction * 30)) + new string('░', 30 - (int)(fraction * 30));

        List<IRenderable> rows =
        [
            new Markup($"{bar} {Seconds(p.Elapsed)} / {Seconds(timeline.Duration)}   {phaseText}"),
            new Markup(string.Create(CultureInfo.InvariantCulture,
                $"[green]ok {p.Ok}[/]  [yellow]fallback {p.Fallback}[/]  [red]failed {p.Failed}  timeout {p.Timeout}  error {p.Error}[/]  [grey]dropped {p.Dropped}[/]  in flight {p.InFlight}")),
            new Markup(string.Create(CultureInfo.InvariantCulture,
                $"{p.RecentPerSecond:0.#} completed/s   p95 {p.RecentP95Ms:#,0} ms [grey](last seconds, from scheduled start)[/]")),
        ];
        if (p.Steps.Count > 0) rows.Add(StepRows.Table(p.Steps));
        return new Panel(new Rows(rows)).Header("chaoskit run").Border(BoxBorder.Rounded);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
