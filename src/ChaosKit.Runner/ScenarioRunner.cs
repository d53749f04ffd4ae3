using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.StatusPages;
using ChaosKit.Load;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Simulations;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Words;
using ChaosKit.Runner.Compare;
using ChaosKit.Runner.Targets;
using ChaosKit.Scoring;

namespace ChaosKit.Runner;

/// <summary>
/// Runs a scenario end to end: loads and checks it, starts the fakes and the target, drives the load along the
/// timeline, then scores the run and writes its files. Whatever goes wrong after the load has started — Ctrl+C, a
/// crashed target, a full disk — the results measured until then are still scored and written.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>
    /// Every vocabulary a scenario is checked against: the fault and provider kinds the fakes register, the simulation
    /// kinds and template expressions the load engine runs.
    /// </summary>
    public static ScenarioCatalogs Catalogs { get; } = new()
    {
        Faults = FaultCatalog.Default,
        Providers = ProviderCatalog.Default,
        Simulations = SimulationRegistry.Default,
        Templates = TemplateCatalog.Default,
    };

    /// <summary>
    /// Loads the scenario at <paramref name="path"/> and checks everything a run would need, without running it: one
    /// pass of the loader against <see cref="Catalogs"/>, which reports every problem at once.
    /// </summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="loadRequired">
    /// True for <c>chaoskit run</c>, which drives the <c>load</c> section through the target; false for
    /// <c>chaoskit serve</c> and <c>validate</c>, which accept a scenario without one.
    /// </param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="ScenarioException">The scenario is invalid; one line per problem, each naming file, line, column and field.</exception>
    public static Task<Scenario> LoadAndCheckAsync(string path, bool loadRequired, CancellationToken ct = default) =>
        ScenarioLoader.LoadAsync(path, Catalogs, loadRequired, ct);

    // The load of a scenario that LoadAndCheckAsync(loadRequired: true) accepted.
    private static LoadSpec LoadOf(Scenario scenario) =>
        scenario.Load ?? throw new InvalidOperationException("A run needs the scenario's load; LoadAndCheckAsync requires it.");

    /// <summary>Runs the scenario described by <paramref name="options"/>.</summary>
    /// <param name="options">Scenario path and overrides.</param>
    /// <param name="observer">Sees progress; may be a no-op.</param>
    /// <param name="ct">Ctrl+C: stops the load, then scores and writes what was measured.</param>
    public static async Task<RunOutcome> RunAsync(RunOptions options, IRunObserver observer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);

        if (!RunTimeline.IsSupportedTimeScale(options.TimeScale))
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], string.Create(CultureInfo.InvariantCulture,
                $"time scale {options.TimeScale}: use a number from {RunTimeline.MinTimeScale} to {RunTimeline.MaxTimeScale}"));

        Scenario scenario;
        try
        {
            scenario = await LoadAndCheckAsync(options.ScenarioPath, loadRequired: true, ct);
        }
        catch (ScenarioException e)
        {
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], e.Message);
        }
        scenario = ApplyOverrides(scenario, options);
        if (options.CompareWith is not null && !scenario.Target.IsBundledSample)
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], "--compare-with runs the bundled sample app twice; remove --target-url, --target-command and the scenario's target.url or target.command, or drop --compare-with");
        if ((options.CompareWith ?? scenario.Target.CompareWith) is { } reference && reference == scenario.Target.SampleAppProfile)
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], $"--compare-with {reference}: the run already uses that profile; compare with another one, e.g. {(reference == "naive" ? "resilient" : "naive")}");
        scenario = scenario with { Target = scenario.Target with { CompareWith = options.CompareWith ?? scenario.Target.CompareWith } };
        // Before anything is written, so the commit's "dirty" says what the run started from.
        var source = await RunProvenance.OfScenarioAsync(options.ScenarioPath, ct);

        var timeline = new RunTimeline(scenario.Timeline, options.TimeScale);
        var estimate = RunEstimate.Of(scenario, timeline);
        if (estimate.TooManyArrivals(options.TimeScale) is { } tooMany)
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], tooMany);
        var outputDirectory = options.OutputDirectory ?? DefaultOutputDirectory(scenario);
        if (scenario.Target.CompareWith is not { } compareWith)
            return await RunOnceAsync(scenario, options, source, outputDirectory, observer, ct);

        // The folder must hold both runs: checked before the first starts, so a bad --out is named as given.
        try
        {
            OutputFolder.Prepare(
                outputDirectory, options.OutputDirectory is null ? $"output folder {outputDirectory}" : $"--out {outputDirectory}",
                2 * estimate.JournalBytes(options.JournalLimitBytes), 2 * estimate.ReportBytes).Dispose();
        }
        catch (OutputFolderException e)
        {
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], e.Message);
        }

        // The reference first, then the judged run: same seed, same traffic, same fault dice; the judged run's
        // expectations decide the exit code, and the reference's files sit in a folder of their own inside its folder.
        var referenceScenario = scenario with { Target = scenario.Target with { Profile = compareWith, CompareWith = null } };
        var referenceFolder = Path.Combine(outputDirectory, ReferenceFolderName(compareWith));
        observer.OnStep($"first the reference: the sample app as '{compareWith}', into {referenceFolder}");
        var referenceOutcome = await RunOnceAsync(referenceScenario, options, source, referenceFolder, observer, ct);
        if (referenceOutcome.Result is null || ct.IsCancellationRequested || referenceOutcome.ExitCode is ExitCodes.HarnessFailure or ExitCodes.Interrupted)
            return referenceOutcome;
        observer.OnStep($"now the judged run: the sample app as '{scenario.Target.SampleAppProfile}'");
        var judged = await RunOnceAsync(scenario with { Target = scenario.Target with { CompareWith = null } }, options, source, outputDirectory, observer, ct,
            new ComparedWith(compareWith, ReferenceFolderName(compareWith), Reports.Compare.CompareReport.HtmlFileName));
        if (judged.Result is null || judged.OutputDirectory is not { } judgedFolder || referenceOutcome.OutputDirectory is not { } writtenReference)
            return judged with { Reference = referenceOutcome };

        // compare.html and compare.md beside the judged run's reports: the two builds side by side, from their files.
        var comparison = await RunComparer.CompareAsync(new Compare.CompareOptions(writtenReference, judgedFolder) { OutputDirectory = judgedFolder }, CancellationToken.None);
        return judged with
        {
            Reference = referenceOutcome,
            Files = [.. judged.Files, .. comparison.Files],
            Error = comparison.Error is { } problem ? string.Join("; ", new[] { judged.Error, $"the comparison with '{compareWith}' was not written: {problem}" }.OfType<string>()) : judged.Error,
        };
    }

    /// <summary>The folder, inside the judged run's, that holds the reference run of a comparison, e.g. <c>reference-naive</c>.</summary>
    public static string ReferenceFolderName(string profile) => $"reference-{profile}";

    /// <summary>Runs <paramref name="scenario"/> once, into <paramref name="outputDirectory"/>.</summary>
    private static async Task<RunOutcome> RunOnceAsync(
        Scenario scenario, RunOptions options, ScenarioSource source, string outputDirectory, IRunObserver observer, CancellationToken ct,
        ComparedWith? comparedWith = null)
    {
        var timeline = new RunTimeline(scenario.Timeline, options.TimeScale);
        var clock = new RunClock(timeline);
        var estimate = RunEstimate.Of(scenario, timeline);
        OutputFolder folder;
        try
        {
            folder = OutputFolder.Prepare(
                outputDirectory, options.OutputDirectory is null ? $"output folder {outputDirectory}" : $"--out {outputDirectory}",
                estimate.JournalBytes(options.JournalLimitBytes), estimate.ReportBytes);
        }
        catch (OutputFolderException e)
        {
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], e.Message);
        }

        ProviderFakes? fakes = null;
        StatusPageServer? statusPages = null;
        ITarget? target = null;
        try
        {
            fakes = await ProviderFakes.StartAsync(
                scenario, clock, new FakeOptions
                {
                    JournalPath = options.JournalLimitBytes > 0 ? Path.Combine(outputDirectory, JournalFileName) : null,
                    JournalLimitBytes = Math.Max(options.JournalLimitBytes, JournalLimits.MinimumBytes),
                    // An app that passes the load's correlation header on to its provider calls gets its calls
                    // told apart per iteration in the journal (and in the early-retry flag).
                    CorrelationHeader = LoadOf(scenario).CorrelationHeader,
                }, ct);
            foreach (var fake in fakes.Fakes)
                observer.OnStep($"fake {fake.Name} ({fake.Kind}) listening on {fake.BaseUrl}");
            statusPages = await StatusPageServer.StartAsync(StatusPages.For(scenario, clock), ct);
            foreach (var fake in fakes.Fakes)
                observer.OnStep($"status page of {fake.Name}: {statusPages.PageOf(fake.Name)}/api/v2/status.json");

            target = await StartTargetAsync(scenario, options.ScenarioPath, fakes, statusPages, outputDirectory, ct);
            observer.OnStep(target.IsBundled ? $"bundled sample app listening on {target.BaseUrl}"
                : scenario.Target.Command is { } command ? $"target command '{command}' ready at {target.BaseUrl} (its output: {Path.Combine(outputDirectory, TargetLogFileName)})"
                : $"target {target.BaseUrl} is reachable");

            var (measurements, death) = await DriveLoadAsync(scenario, clock, target, observer, ct);
            var completion = CompletionOf(clock, measurements, death, ct);
            // The journal closes first, so the result can say what it holds; its counts come from the fakes' counters.
            var journal = await fakes.CloseJournalAsync();
            var built = BuildResult(scenario, clock, target, fakes, measurements, completion, journal);
            var result = built with
            {
                Scenario = RunProvenance.With(built.Scenario, source),
                Environment = RunProvenance.Environment,
                Journal = options.JournalLimitBytes > 0 ? JournalFileName : null,
                ComparedWith = comparedWith,
            };
            folder.ReleaseReserve();
            var (export, writtenTo, exportProblem) = await ExportAsync(result, outputDirectory);

            List<string> harness = [.. new[] { JournalProblem(journal), exportProblem }.OfType<string>()];
            var harnessFailed = harness.Count > 0 || completion.Status is RunCompletionStatus.TargetDied or RunCompletionStatus.HarnessError;
            if (!completion.IsComplete) harness.Insert(0, CompletionWords.Of(completion));
            var exitCode = harnessFailed ? ExitCodes.HarnessFailure
                : completion.Status == RunCompletionStatus.Cancelled ? ExitCodes.Interrupted
                : result.Passed ? ExitCodes.Passed : ExitCodes.ExpectationFailed;
            return new RunOutcome(exitCode, result, writtenTo, export.WrittenFiles, harness.Count > 0 ? string.Join("; ", harness) : null);
        }
        catch (ScenarioException e)
        {
            return new RunOutcome(ExitCodes.InvalidInput, null, null, [], e.Message);
        }
        catch (HarnessException e)
        {
            return new RunOutcome(ExitCodes.HarnessFailure, null, outputDirectory, [], e.Message);
        }
        catch (PortInUseException e)
        {
            // The scenario is valid; the machine is not ready for it.
            return new RunOutcome(ExitCodes.HarnessFailure, null, outputDirectory, [], e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new RunOutcome(ExitCodes.Interrupted, null, null, [], "interrupted before the load started; nothing was measured");
        }
        catch (IOException e)
        {
            return new RunOutcome(ExitCodes.HarnessFailure, null, null, [], $"cannot write to {outputDirectory}: {e.Message}");
        }
        finally
        {
            if (target is not null) await target.DisposeAsync();
            if (statusPages is not null) await statusPages.DisposeAsync();
            if (fakes is not null) await fakes.DisposeAsync();
            folder.Dispose();
        }
    }

    /// <summary>The journal's file name in the run folder.</summary>
    public const string JournalFileName = "journal.jsonl";

    /// <summary>
    /// Writes the reports into <paramref name="directory"/>; if any cannot be written there (a full disk the reserve
    /// did not cover, a folder gone), writes them all again into a folder under the system's temporary folder.
    /// </summary>
    /// <returns>What was written, the folder that holds the full set, and the problem to report, if any.</returns>
    private static async Task<(ExportSummary Export, string Folder, string? Problem)> ExportAsync(RunResult result, string directory)
    {
        var export = await CompositeExporter.Default.ExportToDirectoryAsync(result, directory, CancellationToken.None);
        if (export.Succeeded) return (export, directory, null);
        var failures = string.Join("; ", export.Failures);
        var fallback = Path.Combine(Path.GetTempPath(), $"chaoskit-{result.Scenario.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}Z");
        var second = await CompositeExporter.Default.ExportToDirectoryAsync(result, fallback, CancellationToken.None);
        return second.Succeeded
            ? (new ExportSummary([.. export.WrittenFiles, .. second.WrittenFiles], export.Failures), fallback,
                $"the reports could not all be written to {directory} ({failures}), so all of them were written to {fallback}")
            : (export, directory, $"the reports could not be written: {failures}; nor to {fallback}: {string.Join("; ", second.Failures)}");
    }

    // One line for a journal that stopped during the run: where, why, what it holds, and that the result stands.
    private static string? JournalProblem(JournalSummary? journal) => journal?.Failure is not { } failure ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"writing the call journal {journal.Path} failed ({OutputFolder.Reason(failure)}); it holds {journal.Kept:N0} of {journal.Calls:N0} calls, and the result, whose counts come from the fakes' own counters, is complete");

    private static Scenario ApplyOverrides(Scenario scenario, RunOptions options) => scenario with
    {
        Seed = options.Seed ?? scenario.Seed,
        Target = (options.TargetCommand, options.TargetUrl) switch
        {
            // --target-command replaces the command; the scenario's cwd, env and ready still apply.
            ({ } command, var url) => scenario.Target with { Command = command, Url = url },
            // --target-url alone: an app the user runs; the scenario's health_path still applies.
            (null, { } url) => scenario.Target with { Url = url, Command = null },
            _ => scenario.Target with { Profile = options.Profile ?? scenario.Target.Profile },
        },
    };

    private static string DefaultOutputDirectory(Scenario scenario) =>
        Path.Combine("reports", $"{scenario.Name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}Z");

    /// <summary>The file in the run folder that receives the output of a target ChaosKit starts.</summary>
    public const string TargetLogFileName = "target.log";

    private static async Task<ITarget> StartTargetAsync(
        Scenario scenario, string scenarioPath, ProviderFakes fakes, StatusPageServer statusPages, string outputDirectory, CancellationToken ct)
    {
        if (scenario.Target is { Command: null, Url: { } url }) return await ExternalTarget.ConnectAsync(url, scenario.Target.HealthPath, ct);
        // A started app also learns where each provider's status page is, as serve's env lines tell a developer.
        var variables = new Dictionary<string, string>(fakes.SdkVariables, StringComparer.Ordinal);
        foreach (var fake in fakes.Fakes)
            variables[ProviderEnvironment.StatusPageVariable(fake.Name)] = statusPages.PageOf(fake.Name).ToString();
        var log = Path.Combine(outputDirectory, TargetLogFileName);
        if (scenario.Target.Command is null)
        {
            // The sample app's own variables (target.env) come after ChaosKit's, so a scenario can point it elsewhere.
            foreach (var (name, value) in scenario.Target.ExpandEnvironment(variables, Environment.GetEnvironmentVariable))
                variables[name] = value;
            if (scenario.Target.Profile is { } profile) variables[BundledSampleTarget.ProfileVariable] = profile;
            return await BundledSampleTarget.StartAsync(variables, log, ct);
        }
        return await CommandTarget.StartAsync(scenario.Target, Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!, variables, log, ct);
    }

    /// <summary>
    /// Runs the load until it ends, Ctrl+C stops it, or the target dies; returns what it measured either way, and how the
    /// target died if it did.
    /// </summary>
    private static async Task<(LoadMeasurements Measurements, TargetDeath? Death)> DriveLoadAsync(
        Scenario scenario, RunClock clock, ITarget target, IRunObserver observer, CancellationToken ct)
    {
        await WarmUpAsync(scenario, clock.Timeline, target, observer, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = new LoadRunner(LoadOf(scenario), scenario.Seed, target.BaseUrl, clock);
        clock.Start();
        observer.OnLoadStarted(clock.Timeline, load.Snapshot);
        try
        {
            var running = load.RunAsync(stop.Token);
            if (await Task.WhenAny(running, target.Died) != running) await stop.CancelAsync();
            var measurements = await running;
            return (measurements, target.Died.IsCompleted ? await target.Died : null);
        }
        finally
        {
            observer.OnLoadStopped();
        }
    }

    /// <summary>
    /// Sends a couple of seconds of the scenario's own traffic before the clock starts, so the first seconds of the
    /// baseline measure the target, not the JIT compiling it, its SDK, the fakes and the load engine. Nothing from
    /// the warm-up is recorded, and the fakes inject no faults before the clock starts.
    /// </summary>
    private static async Task WarmUpAsync(Scenario scenario, RunTimeline run, ITarget target, IRunObserver observer, CancellationToken ct)
    {
        var warmUpPhase = new PhaseSpec("warm-up", WarmUpDuration, [], SourceLocation.None);
        // A plain constant rate whatever the profile: a ramp or a pause at the start would leave the warm-up idle.
        var load = LoadOf(scenario);
        var rate = load.RatePerSecond > 0 ? Math.Min(load.RatePerSecond, WarmUpMaxRate) : WarmUpMaxRate;
        var warmUpLoad = load with
        {
            RatePerSecond = rate,
            // The warm-up's clock runs unscaled; its requests wait as long as the run's will.
            Timeout = run.Scale(load.Timeout),
            Simulations = [],
            Workflows = [.. load.Workflows.Select(w => w with { RatePerSecond = w.RatePerSecond > 0 ? Math.Min(w.RatePerSecond, WarmUpMaxRate) : WarmUpMaxRate, Simulations = [] })],
        };
        // A different seed keeps warm-up requests distinct from the measured ones the scenario seed replays.
        var warmUp = new LoadRunner(warmUpLoad, unchecked(scenario.Seed + 1), target.BaseUrl, new RunClock(new RunTimeline([warmUpPhase])));
        observer.OnStep($"warming up for {WarmUpDuration.TotalSeconds:0}s (not measured)");
        await warmUp.RunAsync(ct);
        ct.ThrowIfCancellationRequested();
    }

    private static readonly TimeSpan WarmUpDuration = TimeSpan.FromSeconds(2);
    private const double WarmUpMaxRate = 20;

    /// <summary>How the run ended: the target's death first (it stopped the load), then Ctrl+C, else complete.</summary>
    private static RunCompletion CompletionOf(RunClock clock, LoadMeasurements measurements, TargetDeath? death, CancellationToken ct)
    {
        if (death is not null)
        {
            (string, double)[] numbers = death switch
            {
                { ExitCode: { } code } => [("exit_code", code)],
                { MissedProbes: { } misses } => [("missed_probes", misses)],
                _ => [],
            };
            return RunCompletion.StoppedAt(RunCompletionStatus.TargetDied, clock.Timeline, death.At - clock.StartedAt, numbers) with { Cause = death.Cause };
        }
        return ct.IsCancellationRequested
            ? RunCompletion.StoppedAt(RunCompletionStatus.Cancelled, clock.Timeline, measurements.Cutoff)
            : RunCompletion.Complete;
    }

    private static RunResult BuildResult(
        Scenario scenario, RunClock clock, ITarget target, ProviderFakes fakes, LoadMeasurements measurements, RunCompletion completion, JournalSummary? journal) =>
        RunResultBuilder.Build(new RunResultBuilder.Inputs(
            scenario,
            clock.Timeline,
            clock.StartedAt,
            measurements.Duration,
            new TargetInfo(target.BaseUrl.ToString(), target.IsBundled)
            {
                Command = scenario.Target.Command,
                Profile = scenario.Target.SampleAppProfile,
                Log = scenario.Target is { Command: null, Url: not null } ? null : TargetLogFileName,
            },
            fakes.Fakes.Select(f => new ProviderInfo(f.Name, f.Kind, f.BaseUrl.ToString())).ToArray(),
            measurements.Phases,
            measurements.Overall,
            measurements.Seconds,
            fakes.CallsInPhase,
            [.. measurements.Warnings, .. fakes.Warnings, .. journal?.Warnings() ?? []])
        {
            Model = measurements.Model,
            Steps = measurements.Steps,
            PhaseSteps = measurements.PhaseSteps,
            Workflows = measurements.Workflows,
            Completion = completion,
            // Read back once the journal is closed; a journal that failed mid-run still joins what it kept.
            Journal = journal?.Path is { } path && File.Exists(path) ? JournalReader.Read(path) : null,
            PhaseExamples = measurements.PhaseExamples,
        });
}
