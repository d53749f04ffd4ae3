using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChaosKit.Testing;

/// <summary>
/// ChaosKit's fake providers, started inside a test: where to point the app (<see cref="Environment"/>,
/// <see cref="Configuration"/>), the timeline to move (<see cref="JumpToPhase(string)"/>, <see cref="Pause"/>,
/// <see cref="Resume"/>), faults to switch on and off while it runs (<see cref="SwitchOn"/>), and what the fakes
/// received (<see cref="Journal"/>). Listens on 127.0.0.1 only, on free ports. Dispose to stop the fakes.
/// </summary>
/// <remarks>
/// Test-framework agnostic: start it in a fixture's initialisation (xunit v2's <c>IAsyncLifetime</c>, xunit.v3's, or
/// the <c>ChaosKit.Testing.Xunit</c> / <c>ChaosKit.Testing.XunitV3</c> fixtures), or in the test itself with
/// <c>await using</c>. Thread-safe.
/// </remarks>
public sealed class ChaosFakes : IAsyncDisposable
{
    /// <summary>The configuration section that holds each provider's settings by name: <c>ChaosKit:Providers:claude:BaseUrl</c>.</summary>
    public const string ProvidersSection = "ChaosKit:Providers";

    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> of the fakes' spans, one server span per call, a child of
    /// the <c>traceparent</c> the app sent: add it to the test's OpenTelemetry tracer provider
    /// (<c>AddSource(ChaosFakes.ActivitySourceName)</c>) to see each provider call inside the app's own trace.
    /// </summary>
    public const string ActivitySourceName = FakesTelemetry.ActivitySourceName;

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> of the fakes' metrics (<c>chaoskit.provider.calls</c> by
    /// provider, status, fault and phase; call durations; injected delays), for a meter provider's <c>AddMeter</c>.
    /// </summary>
    public const string MeterName = FakesTelemetry.MeterName;

    // connection_refused closes a fake's port a few milliseconds after it comes on (the fakes watch for it); how long a
    // move of the timeline or a switch waits, at most, for every port to be as the faults now want it.
    private static readonly TimeSpan PortWait = TimeSpan.FromSeconds(5);

    private readonly ProviderFakes _fakes;
    private readonly RunClock _clock;
    private readonly LiveFaults _live;
    private readonly Lock _ports = new();
    private readonly bool[] _portClosed;
    private bool _mayClosePorts;

    private ChaosFakes(Scenario scenario, ProviderFakes fakes, RunClock clock, LiveFaults live, ChaosJournal journal)
    {
        Scenario = scenario;
        _fakes = fakes;
        _clock = clock;
        _live = live;
        Journal = journal;
        _portClosed = new bool[fakes.Fakes.Count];
        _mayClosePorts = scenario.Timeline.Any(p => p.Faults.Any(IsPortClosing));
        Environment = fakes.SdkVariables;
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(ConfigurationOf(fakes.Fakes, Environment)).Build();
    }

    /// <summary>The scenario the fakes follow.</summary>
    public Scenario Scenario { get; }

    /// <summary>The fakes, in scenario order: name, kind, base URL, the key they accept.</summary>
    public IReadOnlyList<RunningFake> Providers => _fakes.Fakes;

    /// <summary>
    /// The variables that point each provider's official SDK at its fake, as <c>chaoskit serve</c> prints them:
    /// <c>ANTHROPIC_BASE_URL</c>, <c>ANTHROPIC_API_KEY</c>, <c>OPENAI_BASE_URL</c> (ending in <c>/v1</c>),
    /// <c>OPENAI_API_KEY</c>, <c>GEMINI_BASE_URL</c>, <c>GEMINI_API_KEY</c>, <c>AZURE_OPENAI_ENDPOINT</c>,
    /// <c>AZURE_OPENAI_API_KEY</c>; for two providers of one kind, the first one's.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>
    /// <see cref="Environment"/> as configuration, plus every provider by name under <see cref="ProvidersSection"/>
    /// (<c>ChaosKit:Providers:claude:BaseUrl</c>, <c>:ApiKey</c>, <c>:Kind</c>): hand it to the app under test, e.g.
    /// <c>WebApplicationFactory.WithWebHostBuilder(b =&gt; b.UseConfiguration(fakes.Configuration))</c> or
    /// <see cref="ChaosFakesWebHostBuilderExtensions.UseChaosFakes"/>.
    /// </summary>
    public IConfiguration Configuration { get; }

    /// <summary>What the fakes received, for assertions.</summary>
    public ChaosJournal Journal { get; }

    /// <summary>The name of the phase the timeline is in; <see langword="null"/> once past its end (no timeline faults then).</summary>
    public string? CurrentPhase => _clock.CurrentPhase?.Spec.Name;

    /// <summary>Where the timeline is, from the start of its first phase (with the time scale applied).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>True while the timeline is held (<see cref="Pause"/>, or <see cref="ChaosFakesOptions.StartPaused"/>).</summary>
    public bool IsPaused => _clock.IsPaused;

    /// <summary>The faults switched on with <see cref="SwitchOn"/> and still on, oldest first.</summary>
    public IReadOnlyList<FaultSpec> LiveFaults => _live.Active;

    /// <summary>Reads and checks <paramref name="scenario"/> (built in C# or read from a file), then starts a fake per provider.</summary>
    /// <param name="scenario">The providers, phases and faults.</param>
    /// <param name="options">How the fakes run in the test; <see cref="ChaosFakesOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels the start; fakes already started are stopped.</param>
    /// <exception cref="ScenarioException">The scenario is invalid: every problem, each naming its field.</exception>
    public static Task<ChaosFakes> StartAsync(ChaosScenario scenario, ChaosFakesOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return StartAsync(scenario.Build(), options, ct);
    }

    /// <summary>Starts a fake per provider of <paramref name="scenario"/>, a scenario model already read (or built) and checked.</summary>
    /// <param name="scenario">The providers, phases and faults.</param>
    /// <param name="options">How the fakes run in the test; <see cref="ChaosFakesOptions.Default"/> when null.</param>
    /// <param name="ct">Cancels the start; fakes already started are stopped.</param>
    /// <exception cref="ScenarioException">A fault is invalid, or a provider's kind is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static async Task<ChaosFakes> StartAsync(Scenario scenario, ChaosFakesOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= ChaosFakesOptions.Default;
        if (!RunTimeline.IsSupportedTimeScale(options.TimeScale))
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeScale,
                string.Create(CultureInfo.InvariantCulture, $"{nameof(ChaosFakesOptions.TimeScale)} must be from {RunTimeline.MinTimeScale} to {RunTimeline.MaxTimeScale}."));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.JournalCapacity, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.JournalSettleTimeout, TimeSpan.Zero, nameof(options));

        var clock = new RunClock(new RunTimeline(scenario.Timeline, options.TimeScale));
        var live = new LiveFaults();
        var journal = new ChaosJournal(clock.Timeline, options.JournalCapacity, options.JournalSettleTimeout);
        var fakes = await ProviderFakes.StartAsync(scenario, clock, new FakeOptions
        {
            LiveFaults = live,
            RequireApiKey = options.RequireApiKey,
            CorrelationHeader = options.CorrelationHeader,
            JournalPath = options.JournalPath,
            OnCall = journal.Record,
        }, ct);
        journal.Follow(fakes.Fakes);
        clock.Start();
        if (options.StartPaused)
        {
            clock.Pause();
            clock.JumpTo(TimeSpan.Zero);
        }
        var started = new ChaosFakes(scenario, fakes, clock, live, journal);
        started.FollowPorts();
        return started;
    }

    /// <summary>The fake named <paramref name="name"/> in the scenario.</summary>
    /// <exception cref="KeyNotFoundException">No provider has that name; the message lists them.</exception>
    public RunningFake Provider(string name) => _fakes.Get(name);

    /// <summary>Moves the timeline to the start of the phase named <paramref name="phase"/>; the next call meets its faults. A held timeline stays held there.</summary>
    /// <exception cref="ArgumentException">No such phase; the message lists them.</exception>
    public void JumpToPhase(string phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var found = _clock.Timeline.Phases.FirstOrDefault(p => p.Spec.Name == phase)
            ?? throw new ArgumentException(
                $"No phase is named '{phase}'; the phases are: {string.Join(", ", _clock.Timeline.Phases.Select(p => p.Spec.Name))}.", nameof(phase));
        _clock.JumpToPhase(found.Index);
        FollowPorts();
    }

    /// <summary>Moves the timeline to the start of phase <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such phase.</exception>
    public void JumpToPhase(int index)
    {
        _clock.JumpToPhase(index);
        FollowPorts();
    }

    /// <summary>Moves the timeline to <paramref name="offset"/> from its start; past its end, the fakes answer without timeline faults.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public void JumpTo(TimeSpan offset)
    {
        _clock.JumpTo(offset);
        FollowPorts();
    }

    /// <summary>Moves the timeline past its last phase: the fakes answer without timeline faults (live faults still apply).</summary>
    public void JumpToEnd() => JumpTo(_clock.Timeline.Duration);

    /// <summary>Holds the timeline where it is (a fault's ramp or flap stops too). Does nothing when already held.</summary>
    public void Pause() => _clock.Pause();

    /// <summary>Lets the timeline run on from where it is held. Does nothing when it runs.</summary>
    public void Resume() => _clock.Resume();

    /// <summary>
    /// Switches <paramref name="fault"/> on from the next call, in every phase and past the timeline's end, until it is
    /// switched off (<see cref="LiveFault.SwitchOff"/>, or disposing it). Checked as a scenario's fault is, and as
    /// <c>chaoskit serve</c> checks a live one: a steady rate only, no ramp or flap.
    /// </summary>
    /// <returns>The switch, to turn it off again.</returns>
    /// <exception cref="ScenarioException">The fault is invalid, or names a provider the scenario does not have.</exception>
    public LiveFault SwitchOn(ChaosFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        FaultSpec spec;
        try
        {
            spec = ScenarioLoader.ParseFault(ScenarioYaml.Write(ScenarioYaml.Fault(fault)), "", Scenario.Providers, ScenarioCatalogsForTests.All);
        }
        catch (ScenarioException e)
        {
            throw new ScenarioException([.. e.Problems.Select(p => p with { Location = new SourceLocation($"live fault '{fault.Kind}'", 0, 0) })]);
        }
        if (!spec.Timing.IsSteady)
            throw new ScenarioException(new SourceLocation($"live fault '{fault.Kind}'", 0, 0), spec.Timing.FlapOn is null ? "ramp" : "flap",
                "a live fault holds its rate from the moment it is switched on; ramp and flap belong to a phase's faults");
        if (IsPortClosing(spec)) _mayClosePorts = true;
        _live.SwitchOn(spec);
        FollowPorts();
        return new LiveFault(_live, spec, fault, FollowPorts);
    }

    /// <summary>Switches every live fault off.</summary>
    public void SwitchOffAll()
    {
        _live.Clear();
        FollowPorts();
    }

    /// <summary>
    /// Puts the fakes back as a test found them, for tests that share one fixture: live faults off, the journal cleared,
    /// the timeline at the start of its first phase (held or running as it was).
    /// </summary>
    /// <remarks>
    /// A <c>retry-after</c> a fake gave stays remembered for its client until it runs out: a client without a trace id
    /// or correlation id is its API key, so a test that calls right after another test's 429 may see its call flagged
    /// early. Send a trace id (<see cref="ChaosTrace"/>) to keep tests apart.
    /// </remarks>
    public void Reset()
    {
        _live.Clear();
        _clock.JumpTo(TimeSpan.Zero);
        FollowPorts();
        Journal.Clear();
    }

    /// <summary>Stops the fakes; calls still held by a fault are cut off.</summary>
    public ValueTask DisposeAsync() => _fakes.DisposeAsync();

    private static bool IsPortClosing(FaultSpec fault) => fault.Kind == "connection_refused";

    /// <summary>
    /// Waits, at most <see cref="PortWait"/>, until each fake whose port a <c>connection_refused</c> fault should now
    /// close (or open again) is so, so the next call meets it: a fault or a move of the timeline holds from the next call.
    /// </summary>
    private void FollowPorts()
    {
        if (!_mayClosePorts) return;
        lock (_ports)
        {
            for (var i = 0; i < _portClosed.Length; i++)
            {
                var fake = _fakes.Fakes[i];
                var closed = fake.RefusesConnectionsNow;
                if (closed == _portClosed[i]) continue;
                var deadline = DateTime.UtcNow + PortWait;
                while (Listens(fake.Port) == closed && DateTime.UtcNow < deadline) Thread.Sleep(2);
                _portClosed[i] = closed;
            }
        }
    }

    private static bool Listens(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Dictionary<string, string?> ConfigurationOf(IEnumerable<RunningFake> fakes, IReadOnlyDictionary<string, string> environment)
    {
        var settings = environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var fake in fakes)
        {
            var section = $"{ProvidersSection}:{fake.Name}:";
            // The SDK variables come as the base URL, then the key (SdkEnvironment).
            settings[section + "BaseUrl"] = fake.SdkVariables[0].Value;
            settings[section + "ApiKey"] = fake.SdkVariables[1].Value;
            settings[section + "Kind"] = fake.Kind;
        }
        return settings;
    }
}
