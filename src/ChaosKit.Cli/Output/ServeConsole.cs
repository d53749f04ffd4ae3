using System.Globalization;
using ChaosKit.Runner.Serve;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ChaosKit.Cli.Output;

/// <summary>
/// Shows a serve session: the <c>NAME=value</c> lines first (plain, so scripts can read them), then a live panel
/// with the current phase and the last events on a terminal, or one plain line per event when redirected. On a
/// terminal it also reads keys: p pause/resume, n next phase, 1–9 jump, c clear live faults, q quit.
/// </summary>
internal sealed class ServeConsole : IServeObserver
{
    private const int EventsShown = 8;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Queue<string> _events = new();
    private readonly Lock _gate = new();
    private ServeStatus? _status;
    private Task _display = Task.CompletedTask;
    private Task _keys = Task.CompletedTask;

    public void OnReady(ServeSession session)
    {
        foreach (var (name, value) in session.Environment) Console.WriteLine($"{name}={value}");
        Console.Out.Flush();
        if (!ConsoleOutput.IsInteractive)
        {
            Console.WriteLine($"control: {session.ControlUrl}/status (POST pause, resume, next, phase/NAME, faults, stop); Ctrl+C stops");
            return;
        }
        _status = session.Status();
        _display = AnsiConsole.Live(Render()).AutoClear(false).StartAsync(RedrawAsync);
        if (!Console.IsInputRedirected) _keys = Task.Run(() => ReadKeysAsync(session));
    }

    public void OnTick(ServeStatus status)
    {
        lock (_gate) _status = status;
    }

    public void OnEvent(string message)
    {
        if (!ConsoleOutput.IsInteractive)
        {
            Console.WriteLine(message);
            return;
        }
        lock (_gate)
        {
            _events.Enqueue(message);
            while (_events.Count > EventsShown) _events.Dequeue();
        }
    }

    /// <summary>Stops the panel and the key reader after a last frame.</summary>
    public async Task StopAsync()
    {
        await _stopped.CancelAsync();
        await _display;
        await _keys;
    }

    private async Task RedrawAsync(LiveDisplayContext ctx)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stopped.Token)) ctx.UpdateTarget(Render());
        }
        catch (OperationCanceledException)
        {
            ctx.UpdateTarget(Render());
        }
    }

    // Console.ReadKey would block a thread until a key comes; poll KeyAvailable instead so Ctrl+C ends it at once.
    private async Task ReadKeysAsync(ServeSession session)
    {
        try
        {
            while (!_stopped.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    await Task.Delay(50, _stopped.Token);
                    continue;
                }
                var key = Console.ReadKey(intercept: true).KeyChar;
                try
                {
                    switch (char.ToLowerInvariant(key))
                    {
                        case 'p': session.TogglePause(); break;
                        case 'n': session.NextPhase(); break;
                        case 'c': session.ClearLiveFaults(); break;
                        case 'q': session.RequestStop(); break;
                        case >= '1' and <= '9': session.JumpTo(key.ToString()); break;
                    }
                }
                catch (ArgumentException e)
                {
                    OnEvent(e.Message.Split(" (Parameter", 2)[0]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private IRenderable Render()
    {
        ServeStatus? status;
        string[] events;
        lock (_gate)
        {
            status = _status;
            events = [.. _events];
        }
        if (status is null) return new Text("starting…");
        var phase = status.Phase is { } p
            ? $"[bold]{Markup.Escape($"{p.Number} {p.Name}")}[/] " + Markup.Escape(p.Faults.Count == 0 ? "(healthy)" : string.Join("; ", p.Faults))
            : "[grey]timeline finished: answering normally[/]";
        var state = status.State switch { "paused" => "[yellow]paused[/]", "finished" => "[grey]finished[/]", _ => "[green]running[/]" };
        var rows = new List<IRenderable>
        {
            new Markup(string.Create(CultureInfo.InvariantCulture, $"{state} {status.ElapsedSeconds:0.0}s / {status.DurationSeconds:0.0}s   {phase}")),
        };
        if (status.LiveFaults.Count > 0) rows.Add(new Markup("[red]live:[/] " + Markup.Escape(string.Join("; ", status.LiveFaults))));
        rows.AddRange(events.Select(e => new Markup($"[grey]{Markup.Escape(e)}[/]")));
        rows.Add(new Markup("[grey]p pause/resume · n next phase · 1-9 jump · c clear live faults · q quit[/]"));
        return new Panel(new Rows(rows)).Header(Markup.Escape($"chaoskit serve {status.Scenario}"));
    }
}
