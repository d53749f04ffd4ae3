using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// The fake providers of one run, listening on loopback and injecting the scenario's faults phase by phase as the
/// shared <see cref="RunClock"/> advances. Dispose to stop them.
/// </summary>
public sealed class ProviderFakes : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping;
    private readonly JournalFile? _journalFile;
    private int _disposed;

    private ProviderFakes(IReadOnlyList<RunningFake> fakes, CancellationTokenSource stopping, JournalFile? journalFile)
    {
        Fakes = fakes;
        _stopping = stopping;
        _journalFile = journalFile;
    }

    /// <summary>The fakes, in scenario order.</summary>
    public IReadOnlyList<RunningFake> Fakes { get; }

    /// <summary>
    /// The variables that point an app's official SDKs at the fakes (<c>ANTHROPIC_BASE_URL</c>, <c>OPENAI_BASE_URL</c>,
    /// ..., each with its key; see <see cref="RunningFake.SdkVariables"/>), in scenario order; a later provider of the
    /// same kind does not override an earlier one. What <c>serve</c> prints, <c>run</c> gives its target and
    /// ChaosKit.Testing hands a test.
    /// </summary>
    public IReadOnlyDictionary<string, string> SdkVariables
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var fake in Fakes)
            {
                foreach (var (name, value) in fake.SdkVariables) variables.TryAdd(name, value);
            }
            return variables;
        }
    }

    /// <summary>
    /// Validates the scenario's faults, then starts one fake per provider. Faults follow <paramref name="clock"/>:
    /// none before it starts or after the timeline ends.
    /// </summary>
    /// <param name="scenario">Providers, seed and faults.</param>
    /// <param name="clock">The run clock, built over the scenario's timeline (time scale included).</param>
    /// <param name="options">Behaviour apart from faults; <see cref="FakeOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels the start; fakes already started are stopped.</param>
    /// <remarks>
    /// The scenario is taken as the loader validated it (provider names unique); a fault's settings and the provider
    /// it aims at are checked again as it is built, since a scenario built in code has not met the loader.
    /// </remarks>
    /// <exception cref="ScenarioException">A fault is invalid or aims at a provider the scenario does not have, or a provider's kind is unknown.</exception>
    /// <exception cref="PortInUseException">A provider's port is already in use.</exception>
    public static async Task<ProviderFakes> StartAsync(
        Scenario scenario, RunClock clock, FakeOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= FakeOptions.Default;
        if (clock.Timeline.Phases.Count != scenario.Timeline.Count)
            throw new ArgumentException("The run clock was built over a different timeline than the scenario's.", nameof(clock));

        var providers = scenario.Providers.Select(ProviderCatalog.Default.Get).ToArray();
        // Build every fault, once, before opening any port, so a bad setting fails fast and leaves nothing running.
        var faults = FaultSchedule.Build(scenario, clock, options.Faults ?? FaultCatalog.Default, options.LiveFaults);

        var stopping = new CancellationTokenSource();
        var fakes = new List<RunningFake>(scenario.Providers.Count);
        var journalFile = options.JournalPath is { } path ? JournalFile.Create(path, options.JournalLimitBytes) : null;
        Action<CallRecord>? onCall = options.OnCall;
        if (journalFile is not null) onCall = onCall is null ? journalFile.Append : call => { options.OnCall!(call); journalFile.Append(call); };
        var fakesSoFar = new ProviderFakes(fakes, stopping, journalFile);
        try
        {
            for (var i = 0; i < scenario.Providers.Count; i++)
            {
                var spec = scenario.Providers[i];
                var journal = new CallJournal(clock.Timeline.Phases, providers[i].GenAiProviderName, onCall);
                var connectionFaults = ConnectionFaultPlan.For(faults, spec.Name, journal);
                var handler = new FakeRequestHandler(
                    spec.Name, clock, CreateProtocol(spec, providers[i], scenario.Seed, clock.Timeline, options), new FaultPipeline(faults, spec, providers[i]), journal, stopping.Token, options.CorrelationHeader)
                {
                    ConnectionFaults = connectionFaults,
                    MaxRequestBytes = providers[i].MaxRequestBytes,
                    GenAiProvider = providers[i].GenAiProviderName,
                };
                var index = i;
                // WireMock starts Kestrel synchronously; keep that wait off the caller's thread.
                var server = await Task.Run(() => FakeServer.Start(spec, index, handler, connectionFaults, stopping.Token), ct);
                fakes.Add(new RunningFake(spec, providers[i], new Uri($"http://127.0.0.1:{server.Ports[0]}/"), journal, handler, server));
            }
            return fakesSoFar;
        }
        catch
        {
            await fakesSoFar.DisposeAsync();
            throw;
        }
    }

    /// <summary>The fake named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No provider has that name.</exception>
    public RunningFake Get(string name) =>
        Fakes.FirstOrDefault(f => f.Name == name)
        ?? throw new KeyNotFoundException($"No fake provider is named '{name}'; the fakes are: {string.Join(", ", Fakes.Select(f => f.Name))}.");

    /// <summary>Calls all fakes received during phase <paramref name="phaseIndex"/> (by arrival time).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such phase.</exception>
    public ProviderCallStats CallsInPhase(int phaseIndex) => CallStatsMath.Sum(Fakes.Select(f => f.CallsInPhase(phaseIndex))) with
    {
        ByProvider = Fakes.ToDictionary(f => f.Name, f => f.CallsInPhase(phaseIndex), StringComparer.Ordinal),
    };

    /// <summary>Calls all fakes received before the run clock started or after the timeline ended.</summary>
    public ProviderCallStats CallsOutsideTimeline() => CallStatsMath.Sum(Fakes.Select(f => f.CallsOutsideTimeline()));

    /// <summary>Every call all fakes received.</summary>
    public ProviderCallStats AllCalls() => CallStatsMath.Sum(Fakes.Select(f => f.AllCalls()));

    /// <summary>
    /// Calls the fakes failed to answer because of a ChaosKit bug (a 500 that no fault injected, or an answer cut
    /// part-way), all fakes together: a run reports them as a <see cref="RunWarningCodes.FakeFailures"/> warning.
    /// </summary>
    public long FakeFailures => Fakes.Sum(f => f.FakeFailures);

    /// <summary>What the reader of the run's result should know about the fakes themselves, as data: <see cref="RunWarningCodes.FakeFailures"/>.</summary>
    public IReadOnlyList<RunWarning> Warnings =>
        FakeFailures is > 0 and var calls ? [RunWarning.Of(RunWarningCodes.FakeFailures, ("calls", calls))] : [];

    /// <summary>
    /// Writes what the journal file has buffered and closes it, so a result can say what it holds; the fakes go on
    /// answering and counting calls, without writing them. Never throws for the disk: a write that failed during the
    /// run is in the summary. Closing again returns the same summary.
    /// </summary>
    /// <returns>What the journal holds; <see langword="null"/> when the fakes write none (<see cref="FakeOptions.JournalPath"/>).</returns>
    public async Task<JournalSummary?> CloseJournalAsync()
    {
        if (_journalFile is null) return null;
        await _journalFile.DisposeAsync();
        return _journalFile.Summary;
    }

    /// <summary>Stops the fakes. Calls still waiting in a fault are cut off rather than waited for.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        foreach (var fake in Fakes)
        {
            // WireMock's Stop waits synchronously for Kestrel; keep that wait off the caller's thread.
            await Task.Run(fake.Server.Stop);
            fake.Server.Dispose();
        }
        if (_journalFile is not null) await _journalFile.DisposeAsync();
        _stopping.Dispose();
    }

    private static IProviderProtocol CreateProtocol(ProviderSpec spec, IProviderDefinition provider, int seed, RunTimeline timeline, FakeOptions options)
    {
        var setup = new ProtocolSetup(
            seed, spec.Name, new ApiKeyCheck(options.RequireApiKey, spec.ApiKeys), new StreamPacing(spec.Streaming, timeline))
        {
            AutoToolCalls = spec.AutoToolCalls,
        };
        return provider.CreateProtocol(setup);
    }
}
