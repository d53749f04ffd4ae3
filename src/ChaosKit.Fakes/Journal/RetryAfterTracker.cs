using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Remembers, per client, until when a fake told it to wait (<c>retry-after-ms</c> / <c>retry-after</c> on any answer:
/// an injected error, a quota 429), so the journal can flag a call from that client that arrives before then: a
/// client that retries early makes an outage worse, and this is where it shows.
/// </summary>
/// <remarks>
/// A client is its correlation id (the configured header, else the W3C trace id), else its API key id; calls with
/// neither are not tracked. Memory follows the waits still running: expired ones are swept out whenever the clients
/// remembered have doubled since the last sweep (and at least <see cref="SweepFloor"/>), and at most
/// <see cref="Capacity"/> are remembered; a new client is not tracked while every slot still holds a live wait.
/// Times are the fakes' <see cref="TimeProvider"/> timestamps, as clients wait in real time.
/// </remarks>
internal sealed class RetryAfterTracker(TimeProvider time, int capacity = RetryAfterTracker.DefaultCapacity)
{
    /// <summary>Clients remembered by default.</summary>
    public const int DefaultCapacity = 65_536;

    // Per client, the span its waits cover: from when the first live hint went out to when the latest one runs out.
    private readonly ConcurrentDictionary<string, Wait> _deadlines = new(StringComparer.Ordinal);
    private readonly Lock _sweeping = new();
    private int _sweepAt = SweepFloor;

    /// <summary>Clients remembered before the first sweep of expired waits.</summary>
    public const int SweepFloor = 1024;

    /// <summary>Clients remembered at most.</summary>
    public int Capacity => capacity;

    /// <summary>Clients remembered now.</summary>
    public int Count => _deadlines.Count;

    /// <summary>
    /// How long before its wait ended a call from <paramref name="client"/> arrived at <paramref name="arrival"/>
    /// (a <see cref="TimeProvider.GetTimestamp"/>), or <see langword="null"/> when it did not arrive early. A call
    /// that arrived before the hint went out (a slow call overtaken by a faster one) is not early, and neither is one
    /// within <see cref="Tolerance"/> of the end.
    /// </summary>
    public TimeSpan? EarlyBy(string? client, long arrival)
    {
        if (client is null || !_deadlines.TryGetValue(client, out var wait)) return null;
        if (arrival < wait.From || arrival >= wait.Until) return null;
        var early = time.GetElapsedTime(arrival, wait.Until);
        return early > Tolerance ? early : null;
    }

    /// <summary>
    /// How early a call may be and still count as having waited: .NET's timers tick in whole milliseconds, so the
    /// Anthropic SDK's retry after a 1 s <c>retry-after</c> was seen arriving 0.17 ms before the deadline.
    /// </summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Remembers the wait the answer's headers gave <paramref name="client"/>, counted from
    /// <paramref name="answeredAt"/>; does nothing when they gave none.
    /// </summary>
    public void Note(string? client, IHeaderDictionary headers, long answeredAt)
    {
        if (client is null || !(headers.ContainsKey("retry-after") || headers.ContainsKey("retry-after-ms"))) return;
        if (WaitOf(headers, time.GetUtcNow()) is not { } wait || wait <= TimeSpan.Zero) return;
        var deadline = answeredAt + (long)(wait.TotalSeconds * time.TimestampFrequency);
        // ConcurrentDictionary.Count takes every lock of the table: read it once a call.
        var count = _deadlines.Count;
        if (count >= Math.Min(Volatile.Read(ref _sweepAt), capacity)) count = SweepExpired(answeredAt);
        if (count >= capacity && !_deadlines.ContainsKey(client)) return;
        var given = new Wait(answeredAt, deadline);
        // A wait given while an earlier one still runs extends it (never shortens it); after it ran out, it starts anew.
        _deadlines.AddOrUpdate(client, given, (_, old) => old.Until > answeredAt
            ? new Wait(Math.Min(old.From, answeredAt), Math.Max(old.Until, deadline))
            : given);
    }

    /// <summary>
    /// The wait an answer's headers ask for: the shorter of <c>retry-after-ms</c> and <c>retry-after</c> (seconds or
    /// an HTTP date), so a client that honours either one is never flagged; <see langword="null"/> for none.
    /// </summary>
    public static TimeSpan? WaitOf(IHeaderDictionary headers, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        if (double.TryParse(headers["retry-after-ms"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            wait = TimeSpan.FromMilliseconds(ms);
        var value = headers["retry-after"].ToString();
        TimeSpan? seconds = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date - now
                : null;
        if (seconds is { } fromSeconds && (wait is null || fromSeconds < wait)) wait = fromSeconds;
        return wait;
    }

    // Forgets the waits that ran out by `now` (a call after its wait is never early), and sets the next sweep at twice
    // what is left, so sweeping costs O(1) a call amortised. Returns the clients left.
    private int SweepExpired(long now)
    {
        lock (_sweeping)
        {
            foreach (var (client, deadline) in _deadlines)
            {
                if (deadline.Until <= now) _deadlines.TryRemove(client, out _);
            }
            var left = _deadlines.Count;
            Volatile.Write(ref _sweepAt, Math.Max(SweepFloor, left * 2));
            return left;
        }
    }

    private readonly record struct Wait(long From, long Until);
}
