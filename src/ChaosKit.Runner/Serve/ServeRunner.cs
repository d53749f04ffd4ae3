using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Runner.Targets;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// <c>chaoskit serve</c>: starts only the fakes, on the scenario's timeline, for a developer to point their own app
/// at; prints (and optionally writes) the variables that do so, and runs until stopped. No load, no score.
/// </summary>
public static class ServeRunner
{
    /// <summary>The variable that carries the control surface's URL.</summary>
    public const string ControlUrlVariable = "CHAOSKIT_CONTROL_URL";

    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Serves until <paramref name="ct"/> fires (Ctrl+C) or the session is asked to stop.</summary>
    /// <returns>Exit code 0 when stopped on request, 2 for invalid input, 3 when the harness failed.</returns>
    public static async Task<ServeOutcome> RunAsync(ServeOptions options, IServeObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);

        Scenario scenario;
        try
        {
            scenario = await ScenarioRunner.LoadAndCheckAsync(options.ScenarioPath, loadRequired: false, ct);
        }
        catch (ScenarioException e)
        {
            return new ServeOutcome(ExitCodes.InvalidInput, e.Message, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new ServeOutcome(ExitCodes.Passed, null, null);
        }
        scenario = scenario with { Seed = options.Seed ?? scenario.Seed };

        var runDirectory = options.RunDirectory
            ?? Path.Combine("reports", $"serve-{scenario.Name}-{options.Time.GetUtcNow():yyyyMMdd-HHmmss}Z");
        try
        {
            // The folder is checked before anything starts; no journal estimate without a load to read it from.
            OutputFolder.Prepare(runDirectory, options.RunDirectory is null ? $"output folder {runDirectory}" : $"--out {runDirectory}", 0, 0).Dispose();
        }
        catch (OutputFolderException e)
        {
            return new ServeOutcome(ExitCodes.InvalidInput, e.Message, null);
        }
        var clock = new RunClock(new RunTimeline(scenario.Timeline, options.TimeScale), options.Time);
        var live = new LiveFaults();
        ProviderFakes? fakes = null;
        ServeControlServer? control = null;
        ServeLog? log = null;
        try
        {
            log = new ServeLog(Path.Combine(runDirectory, "serve.log"), clock, observer);
            fakes = await ProviderFakes.StartAsync(scenario, clock, new FakeOptions
            {
                LiveFaults = live,
                JournalPath = options.JournalLimitBytes > 0 ? Path.Combine(runDirectory, ScenarioRunner.JournalFileName) : null,
                JournalLimitBytes = Math.Max(options.JournalLimitBytes, RunOptions.MinimumJournalLimitBytes),
            }, ct);
            var session = new ServeSession(scenario, clock, fakes, live, runDirectory) { Log = log.Write };
            control = await ServeControlServer.StartAsync(session, options.ControlPort, ct);
            session.ControlUrl = control.BaseUrl;
            session.Environment = EnvironmentOf(fakes, control.BaseUrl);
            if (options.EnvFile is { } envFile) await EnvFile.WriteAsync(envFile, session.Environment, ct);

            clock.Start();
            observer.OnReady(session);
            log.Write($"serving {scenario.Name} from {Path.GetFullPath(runDirectory)}");
            await FollowAsync(session, observer, log, options.Time, ct);
            return new ServeOutcome(ExitCodes.Passed, null, runDirectory);
        }
        catch (ScenarioException e)
        {
            return new ServeOutcome(ExitCodes.InvalidInput, e.Message, runDirectory);
        }
        catch (Exception e) when (e is HarnessException or PortInUseException)
        {
            return new ServeOutcome(ExitCodes.HarnessFailure, e.Message, runDirectory);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl+C before the session was up: nothing to clean beyond what finally stops.
            return new ServeOutcome(ExitCodes.Passed, null, runDirectory);
        }
        catch (IOException e)
        {
            return new ServeOutcome(ExitCodes.HarnessFailure, $"cannot write the session files: {e.Message}", runDirectory);
        }
        finally
        {
            if (control is not null) await control.DisposeAsync();
            if (fakes is not null) await fakes.DisposeAsync();
            if (log is not null) await log.DisposeAsync();
        }
    }

    private static IReadOnlyDictionary<string, string> EnvironmentOf(ProviderFakes fakes, Uri controlUrl)
    {
        var variables = new Dictionary<string, string>(fakes.SdkVariables, StringComparer.Ordinal)
        {
            [ControlUrlVariable] = controlUrl.ToString(),
        };
        // One status page per provider, e.g. CHAOSKIT_STATUS_PAGE_CLAUDE=.../status-pages/claude (append /api/v2/status.json).
        foreach (var fake in fakes.Fakes)
            variables[ProviderEnvironment.StatusPageVariable(fake.Name)] = $"{controlUrl}/status-pages/{Uri.EscapeDataString(fake.Name)}";
        return variables;
    }

    private static string PhaseLine(ServePhase phase) =>
        string.Create(CultureInfo.InvariantCulture, $"phase {phase.Number} {phase.Name}") +
        (phase.Faults.Count == 0 ? " (healthy)" : ": " + string.Join("; ", phase.Faults));

    /// <summary>Ticks until stopped: reports the status, and a line whenever the phase changes.</summary>
    private static async Task FollowAsync(ServeSession session, IServeObserver observer, ServeLog log, TimeProvider time, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TickInterval, time);
        string? lastPhase = "";
        var stop = session.StopRequested;
        try
        {
            while (!stop.IsCompleted)
            {
                var status = session.Status();
                var phase = status.Phase?.Name;
                if (phase != lastPhase)
                {
                    log.Write(status.Phase is { } now ? PhaseLine(now)
                        : "timeline finished: the fakes answer normally until stopped (n or a number jumps back)");
                    lastPhase = phase;
                }
                observer.OnTick(status);
                var tick = timer.WaitForNextTickAsync(ct).AsTask();
                await Task.WhenAny(tick, stop);
                if (tick.IsCompleted) await tick; // surfaces Ctrl+C as cancellation
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.Write("interrupted; stopping the fakes");
        }
    }
}
