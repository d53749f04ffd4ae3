using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Journal;
using WireMock.Server;

namespace ChaosKit.Fakes.Hosting;

/// <summary>A fake provider that is listening: where to point the application, and what it has received.</summary>
public sealed class RunningFake
{
    private readonly CallJournal _journal;
    private readonly FakeRequestHandler _handler;

    internal RunningFake(ProviderSpec spec, IProviderDefinition provider, Uri baseUrl, CallJournal journal, FakeRequestHandler handler, WireMockServer server)
    {
        _handler = handler;
        Name = spec.Name;
        Kind = spec.Kind;
        ApiKey = spec.ApiKeys.Count > 0 ? spec.ApiKeys[0] : null;
        BaseUrl = baseUrl;
        SdkVariables = provider.Sdk.For(baseUrl, ApiKey);
        _journal = journal;
        Server = server;
    }

    /// <summary>Provider name from the scenario, e.g. <c>claude</c>.</summary>
    public string Name { get; }

    /// <summary>The provider it plays, as the scenario names its kind, e.g. <c>anthropic</c>.</summary>
    public string Kind { get; }

    /// <summary>
    /// Loopback base URL, e.g. <c>http://127.0.0.1:5123/</c>: what an SDK's base URL setting
    /// (<c>ANTHROPIC_BASE_URL</c>) should be. The real port when the scenario asked for port 0.
    /// </summary>
    public Uri BaseUrl { get; }

    /// <summary>A key the fake accepts (the scenario's first <c>api_keys</c> entry), or <see langword="null"/> when any non-empty key is accepted.</summary>
    public string? ApiKey { get; }

    /// <summary>
    /// The environment variables that point the provider's official SDKs at this fake, named as they read them
    /// (e.g. <c>ANTHROPIC_BASE_URL</c>, then <c>ANTHROPIC_API_KEY</c>), with <see cref="ApiKey"/> or, when any key
    /// is accepted, a dummy (SDKs refuse to send without one).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SdkVariables { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => BaseUrl.Port;

    internal WireMockServer Server { get; }

    /// <summary>The handler every call goes through (benchmarks drive it in process).</summary>
    internal FakeRequestHandler Handler => _handler;

    /// <summary>
    /// Requests received so far, answered or not. Each is counted in the journal (and seen by
    /// <see cref="FakeOptions.OnCall"/>) just after its answer went out, so a reader that has seen this many calls
    /// that carried a request has seen them all. Connections a connection fault took carry none and are not counted here.
    /// </summary>
    public long Received => _handler.Arrivals;

    /// <summary>
    /// True while a <c>connection_refused</c> fault (of the phase running now, or switched on live) holds this fake's
    /// port closed; the port follows within <see cref="FaultyConnectionListener.WatchInterval"/>.
    /// </summary>
    public bool RefusesConnectionsNow => _handler.ConnectionFaults?.PortClosedNow() ?? false;

    /// <summary>Calls received and not yet answered.</summary>
    internal long InFlight => _handler.InFlight;

    /// <summary>Calls it failed to answer because of a ChaosKit bug (see <see cref="ProviderFakes.FakeFailures"/>).</summary>
    public long FakeFailures => _handler.FakeFailures;

    /// <summary>Calls that arrived during phase <paramref name="phaseIndex"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such phase.</exception>
    public ProviderCallStats CallsInPhase(int phaseIndex) => _journal.InPhase(phaseIndex);

    /// <summary>Calls that arrived before the run clock started or after the timeline ended.</summary>
    public ProviderCallStats CallsOutsideTimeline() => _journal.OutsideTimeline();

    /// <summary>Every call received.</summary>
    public ProviderCallStats AllCalls() => _journal.All();
}
