using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>
/// Counts the runtime's allocation-tick events (one per ~100 KB allocated, naming the type that crossed the mark) by
/// type while switched on: a sampled picture of what the server allocates, to see what to cut.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _on;

    /// <summary>Starts or stops counting.</summary>
    public bool On { get => _on; set => _on = value; }

    /// <summary>The types that crossed the most allocation ticks, with their share.</summary>
    public IEnumerable<string> Top(int count)
    {
        var total = Math.Max(1, _bytesByType.Values.Sum());
        return _bytesByType.OrderByDescending(p => p.Value).Take(count)
            .Select(p => FormattableString.Invariant($"{100.0 * p.Value / total,5:0.0}% {p.Key}"));
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, v) => v + amount);
    }
}
