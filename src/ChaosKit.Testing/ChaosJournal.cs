using System.Diagnostics;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Testing;

/// <summary>
/// What the fakes received, in memory, for a test's assertions: one request's attempts (<see cref="For(string)"/>), and
/// the whole journal by provider, status, phase, early retries, fallbacks and tokens. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Bounded: it keeps the last <see cref="ChaosFakesOptions.JournalCapacity"/> calls and counts the ones it
/// forgot in <see cref="Dropped"/>.</para>
/// <para>A fake records a call just after its answer went out, so the app may have its answer a moment before the
/// journal has the call. Every query therefore first waits, at most <see cref="ChaosFakesOptions.JournalSettleTimeout"/>,
/// until every request the fakes received has been recorded (<see cref="Settle"/>).</para>
/// </remarks>
public sealed class ChaosJournal
{
    private readonly Lock _gate = new();
    private readonly Queue<ProviderCall> _calls = new();
    private readonly RunTimeline _timeline;
    private readonly int _capacity;
    private readonly TimeSpan _settleTimeout;
    private IReadOnlyList<RunningFake> _fakes = [];
    private long _sequence;
    private long _requestsRecorded;
    // Requests a settle gave up waiting for: a later query does not wait for them again.
    private long _givenUp;
    private long _dropped;

    internal ChaosJournal(RunTimeline timeline, int capacity, TimeSpan settleTimeout)
    {
        _timeline = timeline;
        _capacity = capacity;
        _settleTimeout = settleTimeout;
    }

    /// <summary>Every call kept, oldest first (a copy).</summary>
    public IReadOnlyList<ProviderCall> Calls
    {
        get
        {
            Settle();
            lock (_gate) return [.. _calls];
        }
    }

    /// <summary>Calls forgotten because the journal was full (<see cref="ChaosFakesOptions.JournalCapacity"/>) since it was last cleared.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate) return _dropped;
        }
    }

    /// <summary>
    /// The calls one request of the app caused: those whose W3C trace id (from <c>traceparent</c>) or correlation id is
    /// <paramref name="id"/>. ASP.NET Core and <see cref="HttpClient"/> pass an incoming <c>traceparent</c>'s trace id
    /// on to outgoing calls, so a test that sends one (<see cref="ChaosTrace"/>) finds the provider calls behind it.
    /// </summary>
    /// <param name="id">A trace id (32 hex digits) or a correlation id.</param>
    public RequestTrail For(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new RequestTrail(id, [.. Calls.Where(c => string.Equals(c.TraceId, id, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.CorrelationId, id, StringComparison.Ordinal))]);
    }

    /// <summary>The calls of the request traced by <paramref name="trace"/>.</summary>
    public RequestTrail For(ChaosTrace trace) => For(trace.TraceId);

    /// <summary>The calls of the request whose activity had <paramref name="traceId"/> (e.g. <c>Activity.Current.TraceId</c>).</summary>
    public RequestTrail For(ActivityTraceId traceId) => For(traceId.ToHexString());

    /// <summary>Every request that reached a fake, grouped by its correlation id (else trace id), in the order first seen; calls with neither are left out.</summary>
    public IReadOnlyList<RequestTrail> Requests =>
    [
        .. Calls.Where(c => c.CorrelationId is not null)
            .GroupBy(c => c.CorrelationId!, StringComparer.Ordinal)
            .Select(g => new RequestTrail(g.Key, [.. g])),
    ];

    /// <summary>The requests another provider than the first one called answered (<see cref="RequestTrail.FellBack"/>).</summary>
    public IReadOnlyList<RequestTrail> Fallbacks => [.. Requests.Where(r => r.FellBack)];

    /// <summary>Calls to the provider named <paramref name="provider"/>.</summary>
    public IReadOnlyList<ProviderCall> To(string provider) => [.. Calls.Where(c => c.Provider == provider)];

    /// <summary>Calls that arrived during the phase named <paramref name="phase"/>.</summary>
    public IReadOnlyList<ProviderCall> InPhase(string phase) => [.. Calls.Where(c => c.Phase == phase)];

    /// <summary>Calls per provider name.</summary>
    public IReadOnlyDictionary<string, int> ByProvider =>
        Calls.GroupBy(c => c.Provider, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Calls per status sent (499: no answer finished; 0: a connection fault took it).</summary>
    public IReadOnlyDictionary<int, int> ByStatus => Calls.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Calls that came before the <c>retry-after</c> their client had been given ran out.</summary>
    public IReadOnlyList<ProviderCall> EarlyRetries => [.. Calls.Where(c => c.IsEarlyRetry)];

    /// <summary>Calls whose client said it was retrying (<c>x-stainless-retry-count</c> above 0).</summary>
    public IReadOnlyList<ProviderCall> Retries => [.. Calls.Where(c => c.IsRetry)];

    /// <summary>Tokens the calls would be billed (input and output of every answer under way).</summary>
    public long TokensBilled => Calls.Sum(c => c.TokensBilled);

    /// <summary>Of <see cref="TokensBilled"/>, those of answers that never reached the app whole.</summary>
    public long TokensWasted => Calls.Sum(c => c.TokensWasted);

    /// <summary>Forgets every call kept (and the <see cref="Dropped"/> count), e.g. between the tests that share a fixture.</summary>
    public void Clear()
    {
        Settle();
        lock (_gate)
        {
            _calls.Clear();
            _dropped = 0;
        }
    }

    /// <summary>
    /// Waits until every request the fakes received so far has been recorded, at most
    /// <see cref="ChaosFakesOptions.JournalSettleTimeout"/>. Every query calls it first.
    /// </summary>
    /// <returns>
    /// False when calls were still unanswered at the timeout (held by a <c>hang</c> fault, a stalled stream); later
    /// queries then wait only for calls received after them.
    /// </returns>
    public bool Settle() => IsSettled() || SpinWait.SpinUntil(IsSettled, _settleTimeout) || GiveUp();

    /// <summary>Waits as <see cref="Settle"/> does, without holding the thread.</summary>
    /// <returns>False when calls were still unanswered at the timeout.</returns>
    public async Task<bool> SettleAsync(CancellationToken ct = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_settleTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!IsSettled())
        {
            if (Stopwatch.GetTimestamp() >= deadline) return GiveUp();
            await Task.Delay(5, ct);
        }
        return true;
    }

    /// <summary>Starts comparing what was recorded with what the fakes received.</summary>
    internal void Follow(IReadOnlyList<RunningFake> fakes) => Volatile.Write(ref _fakes, fakes);

    /// <summary>Keeps one finished call; the fakes' <see cref="FakeOptions.OnCall"/>. Never throws.</summary>
    internal void Record(CallRecord record)
    {
        var phase = record.Phase is { } index && (uint)index < (uint)_timeline.Phases.Count ? _timeline.Phases[index].Spec.Name : null;
        lock (_gate)
        {
            var call = new ProviderCall(record, ++_sequence, phase);
            if (_calls.Count >= _capacity)
            {
                _calls.Dequeue();
                _dropped++;
            }
            _calls.Enqueue(call);
            // A connection a connection fault took carried no request, so the fake's count of requests leaves it out.
            if (!call.IsConnectionFault) _requestsRecorded++;
        }
    }

    private bool IsSettled()
    {
        var received = Volatile.Read(ref _fakes).Sum(f => f.Received);
        lock (_gate) return _requestsRecorded + _givenUp >= received;
    }

    private bool GiveUp()
    {
        var received = Volatile.Read(ref _fakes).Sum(f => f.Received);
        lock (_gate) _givenUp = Math.Max(_givenUp, received - _requestsRecorded);
        return false;
    }
}
