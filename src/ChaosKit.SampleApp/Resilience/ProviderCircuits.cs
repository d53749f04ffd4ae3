using ChaosKit.SampleApp.Configuration;
using Polly.CircuitBreaker;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>The circuit of each provider, shared by its HttpClient pipeline, the answer plan, the status-page poller and <c>/readyz</c>.</summary>
internal sealed class ProviderCircuits(SampleAppSettings settings)
{
    private readonly ProviderCircuit[] _circuits = [.. Enum.GetValues<AiProvider>().Select(p => new ProviderCircuit(settings.Resilient))];

    /// <summary>The circuit of <paramref name="provider"/>.</summary>
    public ProviderCircuit this[AiProvider provider] => _circuits[(int)provider];
}

/// <summary>
/// One provider's circuit breaker, seen from outside the pipeline: its state, the manual control a status page uses
/// to hold it open (isolated) while the page reports an outage, the last <c>retry-after</c> it gave, and its pace.
/// </summary>
internal sealed class ProviderCircuit(ResilientSettings settings)
{
    private bool _isolatedByStatusPage;
    private long _askedToWaitUntilTicks;

    /// <summary>Lets the status page hold the circuit open, and let it go.</summary>
    public CircuitBreakerManualControl Control { get; } = new();

    /// <summary>The breaker's state, once its pipeline has been built (at the provider's first call).</summary>
    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>The provider's component status as its status page last said it (<c>operational</c>, <c>major_outage</c>, ...), or <see langword="null"/>.</summary>
    public string? StatusPage { get; private set; }

    /// <summary>How fast the provider has been answering: when to hedge it, and whether to pass it over.</summary>
    public ProviderPace Pace { get; } = new(settings);

    /// <summary>
    /// <c>closed</c>, <c>open</c>, <c>half-open</c>, <c>isolated</c> (held open by the status page) or <c>slow</c>
    /// (closed, but passed over at <paramref name="now"/> for missing its deadlines).
    /// </summary>
    /// <remarks>Until the provider's first call builds its pipeline, the breaker reads as closed; a hold is shown all the same.</remarks>
    public string Describe(DateTimeOffset now) => State.CircuitState switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ when _isolatedByStatusPage => "isolated",
        _ => Pace.IsPassedOver(now) ? "slow" : "closed",
    };

    /// <summary>
    /// Takes in a <c>retry-after</c> the provider answered: no call before <paramref name="until"/>. A limit is the
    /// provider's for the whole API key, not for one request, so it holds for every request the app makes.
    /// </summary>
    public void AskedToWaitUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        var seen = Interlocked.Read(ref _askedToWaitUntilTicks);
        while (ticks > seen)
        {
            var before = Interlocked.CompareExchange(ref _askedToWaitUntilTicks, ticks, seen);
            if (before == seen) return;
            seen = before;
        }
    }

    /// <summary>How much of the provider's last <c>retry-after</c> is left at <paramref name="now"/>, or <see langword="null"/> when none is.</summary>
    public TimeSpan? WaitLeft(DateTimeOffset now)
    {
        var left = Interlocked.Read(ref _askedToWaitUntilTicks) - now.UtcTicks;
        return left > 0 ? TimeSpan.FromTicks(left) : null;
    }

    /// <summary>
    /// Whether a status page component status keeps the provider's circuit open: only a major outage. A partial outage
    /// still answers most calls, so the breaker, which counts the calls that fail, decides for itself.
    /// </summary>
    public static bool HoldsCircuitOpen(string? componentStatus) => componentStatus is "major_outage";

    /// <summary>
    /// Takes in what the status page says. A page that turns to a major outage holds the circuit open until the next
    /// read: the app goes to the other provider at once, without spending a user's request on one that has said it
    /// is down. From the next read on the breaker decides from the app's own calls, whatever the page still says:
    /// pages trail the API both ways, and one that keeps reporting an outage after the provider has recovered must
    /// not keep the app away from it. A page that could not be read changes nothing but a hold it had put.
    /// </summary>
    /// <returns>Whether the page's verdict changed.</returns>
    public async Task<bool> ApplyStatusPageAsync(string? componentStatus, CancellationToken ct)
    {
        var changed = componentStatus != StatusPage;
        StatusPage = componentStatus;
        // Held only by the read that found the outage new; any later read lets the breaker decide.
        var hold = changed && HoldsCircuitOpen(componentStatus);
        if (hold && !_isolatedByStatusPage)
        {
            await Control.IsolateAsync(ct);
            _isolatedByStatusPage = true;
        }
        else if (!hold && _isolatedByStatusPage)
        {
            await Control.CloseAsync(ct);
            _isolatedByStatusPage = false;
        }
        return changed;
    }
}
