using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Scoring;

/// <summary>
/// Joins the user requests of a run with the provider calls they caused (provenance), through the id each call
/// carried: the W3C trace id the app passed on from the load's <c>traceparent</c>, or the load's correlation header.
/// One pass over the journal; what it keeps grows with the requests that reached a provider, not with the calls.
/// </summary>
public static class ProviderTrails
{
    /// <summary>What the join found: each phase's trail (index = phase index) and the provider calls per second by status.</summary>
    /// <param name="Phases">Each phase's trail.</param>
    /// <param name="Seconds">Provider calls per second of arrival, by status, from second 0; empty seconds included.</param>
    public sealed record Joined(IReadOnlyList<PhaseTrail> Phases, IReadOnlyList<ProviderSecond> Seconds);

    /// <summary>Joins <paramref name="calls"/> with the requests of each phase.</summary>
    /// <param name="calls">The journal's calls, oldest first.</param>
    /// <param name="outcomes">How each phase's requests ended (index = phase index).</param>
    /// <param name="examples">Each phase's example requests (index = phase index), to trace call by call.</param>
    public static Joined Join(IEnumerable<JournalCall> calls, IReadOnlyList<OutcomeCounts> outcomes, IReadOnlyList<IReadOnlyList<TracedRequest>> examples)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(examples);

        // An example is found by its trace id, or by its iteration number when the load sent a correlation header.
        var exampleIds = new Dictionary<string, List<JournalCall>>(StringComparer.Ordinal);
        foreach (var example in examples.SelectMany(e => e))
        {
            exampleIds.TryAdd(example.TraceId, []);
            exampleIds.TryAdd(example.Iteration.ToString(CultureInfo.InvariantCulture), []);
        }

        var traces = new Dictionary<string, Trace>(StringComparer.Ordinal);
        var unattributed = new long[outcomes.Count];
        var seconds = new List<SortedDictionary<string, long>>();
        foreach (var call in calls)
        {
            if (call.ReceivedMs is { } received && received >= 0)
            {
                var second = (int)(received / 1000);
                while (seconds.Count <= second) seconds.Add(new SortedDictionary<string, long>(StringComparer.Ordinal));
                var status = call.Status.ToString(CultureInfo.InvariantCulture);
                seconds[second][status] = seconds[second].GetValueOrDefault(status) + 1;
            }
            if (call.CorrelationId is not { } id)
            {
                if (call.Phase is { } phase && (uint)phase < (uint)unattributed.Length) unattributed[phase]++;
                continue;
            }
            if (exampleIds.TryGetValue(id, out var list)) list.Add(call);
            if (!traces.TryGetValue(id, out var trace))
            {
                trace = new Trace(call.Phase ?? -1, call.Provider);
                traces[id] = trace;
            }
            trace.Attempts++;
            if (call.Succeeded) trace.SucceededWith ??= call.Provider;
        }

        // The app's primary is the provider most of the baseline's requests called first: a request that skipped it
        // (an open circuit, a retry-after) and was answered by another was served by another provider. Without a
        // baseline call, each request's primary is the first provider it called.
        var primary = traces.Values
            .Where(t => t.Phase == 0)
            .GroupBy(t => t.FirstProvider, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault()?.Key;

        var phases = new PhaseTrail[outcomes.Count];
        for (var p = 0; p < outcomes.Count; p++)
        {
            var inPhase = traces.Values.Where(t => t.Phase == p).ToArray();
            var attempts = PhaseTrail.AttemptBuckets.ToDictionary(b => b, _ => 0L, StringComparer.Ordinal);
            foreach (var trace in inPhase) attempts[PhaseTrail.BucketOf(trace.Attempts)]++;
            attempts["0"] = Math.Max(0, outcomes[p].Scheduled - outcomes[p].Dropped - inPhase.Length);

            var o = outcomes[p];
            var elsewhere = Math.Min(o.Ok, inPhase.LongCount(t => t.SucceededWith is { } provider && provider != (primary ?? t.FirstProvider)));
            var servedBy = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                [ServedByNames.Primary] = o.Ok - elsewhere,
                [ServedByNames.OtherProvider] = elsewhere,
                [ServedByNames.Fallback] = o.Fallback,
                [ServedByNames.Failed] = o.Failed + o.Timeout + o.Error + o.Dropped,
            };
            var traced = p < examples.Count ? examples[p].Select(e => Traced(e, exampleIds, primary)).ToArray() : [];
            phases[p] = new PhaseTrail(attempts, servedBy, traced) { UnattributedCalls = unattributed[p] };
        }
        return new Joined(phases, [.. seconds.Select((byStatus, second) => new ProviderSecond(second, byStatus))]);
    }

    private static TracedRequest Traced(TracedRequest request, Dictionary<string, List<JournalCall>> byId, string? primary)
    {
        var calls = byId[request.TraceId].Count > 0 ? byId[request.TraceId] : byId[request.Iteration.ToString(CultureInfo.InvariantCulture)];
        var scheduledMs = request.ScheduledSeconds * 1000;
        var attempts = calls
            .OrderBy(c => c.ReceivedMs ?? double.MaxValue)
            .Select(c => new ProviderAttempt(c.Provider, c.Route, c.Status, c.Fault, (c.ReceivedMs ?? scheduledMs) - scheduledMs, c.DurationMs)
            {
                FirstTokenMs = c.FirstTokenMs,
                TokensIn = c.TokensIn,
                TokensOut = c.TokensOut,
                RetryCount = c.RetryCount,
                EarlyRetry = c.EarlyRetry,
            })
            .ToArray();
        var servedBy = request.Outcome switch
        {
            "ok" => attempts.LastOrDefault(a => a.Succeeded) is { } success && success.Provider != (primary ?? attempts[0].Provider)
                ? ServedByNames.OtherProvider : ServedByNames.Primary,
            "fallback" => ServedByNames.Fallback,
            _ => ServedByNames.Failed,
        };
        return request with { Attempts = attempts, ServedBy = servedBy };
    }

    /// <summary>What the join keeps of one request that reached a provider.</summary>
    private sealed class Trace(int phase, string firstProvider)
    {
        public int Phase { get; } = phase;

        public string FirstProvider { get; } = firstProvider;

        public int Attempts { get; set; }

        public string? SucceededWith { get; set; }
    }
}
