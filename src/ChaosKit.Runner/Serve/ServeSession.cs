using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.StatusPages;
using ChaosKit.Reports.Words;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// A running <c>chaoskit serve</c>: the fakes on the scenario's timeline, and the commands a developer gives it
/// from the keyboard or the control surface (pause, resume, jump, switch a fault on, stop). Thread-safe.
/// </summary>
public sealed class ServeSession
{
    private readonly ProviderFakes _fakes;
    private readonly LiveFaults _live;
    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ServeSession(Scenario scenario, RunClock clock, ProviderFakes fakes, LiveFaults live, string runDirectory)
    {
        Scenario = scenario;
        StatusPages = new StatusPages(clock, scenario.Providers.Select(p => (p, (StatusPageOptions?)new StatusPageOptions(p.StatusPage.Lag, p.StatusPage.AlwaysOperational))));
        Clock = clock;
        _fakes = fakes;
        _live = live;
        RunDirectory = runDirectory;
    }

    /// <summary>The scenario being served (overrides applied).</summary>
    public Scenario Scenario { get; }

    /// <summary>The run clock the fakes follow.</summary>
    public RunClock Clock { get; }

    /// <summary>Each provider's fake Statuspage, following this session's clock.</summary>
    public StatusPages StatusPages { get; }

    /// <summary>The session's folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The <c>NAME=value</c> pairs that point an app at the fakes, control URL included.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; internal set; } = new Dictionary<string, string>();

    /// <summary>Base URL of the control surface, token included, e.g. <c>http://127.0.0.1:5123/__chaoskit/3f9c…</c>.</summary>
    public Uri ControlUrl { get; internal set; } = new("http://127.0.0.1/__chaoskit");

    /// <summary>Completes when someone asked the session to stop (<c>q</c>, <c>POST /__chaoskit/stop</c>).</summary>
    public Task StopRequested => _stopRequested.Task;

    /// <summary>Receives a line for each command carried out; set by the runner.</summary>
    internal Action<string> Log { get; set; } = _ => { };

    /// <summary>Holds the timeline where it is.</summary>
    public void Pause()
    {
        Clock.Pause();
        Log($"paused at {Seconds(Clock.Elapsed)}");
    }

    /// <summary>Lets the timeline run on.</summary>
    public void Resume()
    {
        Clock.Resume();
        Log($"resumed at {Seconds(Clock.Elapsed)}");
    }

    /// <summary>Pauses when running, resumes when paused.</summary>
    public void TogglePause()
    {
        if (Clock.IsPaused) Resume();
        else Pause();
    }

    /// <summary>Jumps to the start of the next phase; past the last one, the timeline is finished (no timeline faults).</summary>
    public void NextPhase()
    {
        if (Clock.CurrentPhase is { } phase && phase.Index + 1 < Clock.Timeline.Phases.Count)
            JumpToPhase(phase.Index + 1);
        else
        {
            Clock.JumpTo(Clock.Timeline.Duration);
            Log("jumped past the last phase: the fakes answer normally (live faults still apply)");
        }
    }

    /// <summary>Jumps to the start of the phase named <paramref name="nameOrNumber"/>, or numbered so (1-based).</summary>
    /// <exception cref="ArgumentException">No such phase; the message lists them.</exception>
    public void JumpTo(string nameOrNumber)
    {
        var phases = Clock.Timeline.Phases;
        var phase = phases.FirstOrDefault(p => string.Equals(p.Name, nameOrNumber, StringComparison.Ordinal));
        if (phase is null && int.TryParse(nameOrNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= phases.Count)
            phase = phases[number - 1];
        if (phase is null)
            throw new ArgumentException(
                $"no phase '{nameOrNumber}'; the phases are {string.Join(", ", phases.Select(p => $"{p.Index + 1} {p.Name}"))}", nameof(nameOrNumber));
        JumpToPhase(phase.Index);
    }

    /// <summary>Switches <paramref name="fault"/> on now, for every phase, until <see cref="ClearLiveFaults"/>.</summary>
    /// <exception cref="ScenarioException">The fault is invalid or names an unknown provider.</exception>
    public void SwitchOn(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Provider is { } provider && _fakes.Fakes.All(f => f.Name != provider))
            throw new ScenarioException(SourceLocation.None, "provider",
                $"unknown provider '{provider}'; the providers are: {string.Join(", ", _fakes.Fakes.Select(f => f.Name))}");
        _live.SwitchOn(fault);
        Log($"switched on: {FaultWords.Of(fault)}");
    }

    /// <summary>Switches every live fault off.</summary>
    public void ClearLiveFaults()
    {
        _live.Clear();
        Log("live faults cleared");
    }

    /// <summary>Asks the session to stop; <see cref="StopRequested"/> completes.</summary>
    public void RequestStop()
    {
        if (_stopRequested.TrySetResult()) Log("stop requested");
    }

    /// <summary>Where the session is now.</summary>
    public ServeStatus Status()
    {
        var timeline = Clock.Timeline;
        var elapsed = Clock.Elapsed;
        var current = Clock.CurrentPhase;
        var phases = timeline.Phases.Select(Describe).ToArray();
        var state = Clock.IsPaused ? "paused" : current is null ? "finished" : "running";
        return new ServeStatus(
            Scenario.Name,
            state,
            Math.Round(Math.Max(0, elapsed.TotalSeconds), 3),
            Math.Round(timeline.Duration.TotalSeconds, 3),
            current is null ? null : phases[current.Index],
            phases,
            [.. _fakes.Fakes.Select(f => new ServeProvider(f.Name, f.Kind, f.BaseUrl.ToString().TrimEnd('/')))],
            [.. _live.Active.Select(FaultWords.Of)]);
    }

    private void JumpToPhase(int index)
    {
        // Logged first, so the line precedes the phase change the next tick reports.
        Log($"jumping to phase {index + 1} {Clock.Timeline.Phases[index].Name}");
        Clock.JumpToPhase(index);
    }

    private static ServePhase Describe(TimelinePhase phase) => new(
        phase.Index + 1,
        phase.Name,
        Math.Round(phase.Start.TotalSeconds, 3),
        Math.Round(phase.End.TotalSeconds, 3),
        [.. phase.Spec.Faults.Select(FaultWords.Of)]);

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, t.TotalSeconds):0.0}s");
}
