using System.Globalization;
using System.Runtime.InteropServices;
using ChaosKit.Core.Results;

namespace ChaosKit.Load.Measurement;

/// <summary>Outcomes, status codes and the latency views for one span of the run (a phase, or all of it).</summary>
internal sealed class SpanRecorder
{
    private readonly Dictionary<int, long> _statusCodes = [];
    private OutcomeTally _outcomes;

    /// <summary>Scheduled start to end, of the iterations served (ok or fallback).</summary>
    public LatencyRecorder Served { get; } = new();

    /// <summary>Scheduled start to end, of the iterations that failed, timed out or errored.</summary>
    public LatencyRecorder Failed { get; } = new();

    /// <summary>Actual send to end.</summary>
    public LatencyRecorder ServiceLatency { get; } = new();

    /// <summary>Actual send minus scheduled start.</summary>
    public LatencyRecorder DispatchDelay { get; } = new();

    /// <summary>Adds one iteration.</summary>
    public void Record(in IterationSample sample)
    {
        if (!_outcomes.Add(sample.Outcome)) return; // never sent: no latency, no status
        // Each started iteration lands in one of the two; the latency over all of them is their merge, at build time.
        (sample.Served ? Served : Failed).Record(sample.Latency);
        ServiceLatency.Record(sample.ServiceLatency);
        DispatchDelay.Record(sample.DispatchDelay);
        CollectionsMarshal.GetValueRefOrAddDefault(_statusCodes, sample.StatusCode, out _)++;
    }

    /// <summary>The outcome counts so far; scheduled is their sum.</summary>
    public OutcomeCounts Outcomes => _outcomes.ToCounts();

    /// <summary>Adds everything <paramref name="other"/> recorded (losslessly: histograms add bucket by bucket).</summary>
    public void Add(SpanRecorder other)
    {
        _outcomes.Add(other._outcomes);
        Served.Add(other.Served);
        Failed.Add(other.Failed);
        ServiceLatency.Add(other.ServiceLatency);
        DispatchDelay.Add(other.DispatchDelay);
        foreach (var (code, count) in other._statusCodes) _statusCodes[code] = _statusCodes.GetValueOrDefault(code) + count;
    }

    /// <summary>The span's statistics.</summary>
    /// <param name="spanSeconds">Length of the span in seconds, for throughput; 0 gives a throughput of 0.</param>
    public PhaseStats ToStats(double spanSeconds)
    {
        var outcomes = Outcomes;
        var completed = outcomes.Scheduled - outcomes.Dropped;
        var statusCodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in _statusCodes)
            statusCodes[code == 0 ? "none" : code.ToString(CultureInfo.InvariantCulture)] = count;
        return new PhaseStats(
            outcomes,
            LatencyRecorder.SummaryOf(Served, Failed),
            ServiceLatency.ToSummary(),
            DispatchDelay.ToSummary(),
            spanSeconds > 0 ? completed / spanSeconds : 0,
            statusCodes)
        {
            ServedLatency = Served.ToSummary(),
            FailedLatency = Failed.ToSummary(),
        };
    }
}
