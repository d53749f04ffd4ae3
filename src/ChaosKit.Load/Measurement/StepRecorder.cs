using System.Globalization;
using System.Runtime.InteropServices;
using ChaosKit.Core.Results;

namespace ChaosKit.Load.Measurement;

/// <summary>One step's counts, latency, time to first byte, statuses and failure reasons over a span. Not thread-safe.</summary>
internal sealed class StepRecorder
{
    private readonly Dictionary<int, long> _statusCodes = [];
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly long[] _counts = new long[6];

    /// <summary>Send to end of body, of the runs that passed (ok or fallback).</summary>
    public LatencyRecorder Served { get; } = new();

    /// <summary>Send to end of body, of the runs that failed a check, timed out or errored.</summary>
    public LatencyRecorder Failed { get; } = new();

    /// <summary>Send to first body byte, streamed responses only.</summary>
    public LatencyRecorder TimeToFirstByte { get; } = new();

    /// <summary>Adds one step run (or skip).</summary>
    public void Record(in StepSample sample)
    {
        _counts[(int)sample.Outcome]++;
        if (sample.Outcome == StepOutcome.Skipped) return;
        // Each run lands in one of the two; the latency over all of them is their merge, at build time.
        (sample.Outcome is StepOutcome.Ok or StepOutcome.Fallback ? Served : Failed).Record(sample.Ended - sample.Sent);
        if (sample.FirstByte is { } first) TimeToFirstByte.Record(first - sample.Sent);
        CollectionsMarshal.GetValueRefOrAddDefault(_statusCodes, sample.StatusCode, out _)++;
        if (sample.Failure is { } reason) CollectionsMarshal.GetValueRefOrAddDefault(_failures, reason, out _)++;
    }

    /// <summary>Adds everything <paramref name="other"/> recorded (lossless: the histograms are added bucket by bucket).</summary>
    public void Add(StepRecorder other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Served.Add(other.Served);
        Failed.Add(other.Failed);
        TimeToFirstByte.Add(other.TimeToFirstByte);
        foreach (var (code, count) in other._statusCodes) _statusCodes[code] = _statusCodes.GetValueOrDefault(code) + count;
        foreach (var (reason, count) in other._failures) _failures[reason] = _failures.GetValueOrDefault(reason) + count;
    }

    /// <summary>The statistics as the result model reports them.</summary>
    public StepStats ToStats(string workflow, string step)
    {
        var statuses = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in _statusCodes) statuses[code == 0 ? "none" : code.ToString(CultureInfo.InvariantCulture)] = count;
        return new StepStats(
            workflow,
            step,
            new StepCounts(
                _counts[(int)StepOutcome.Ok], _counts[(int)StepOutcome.Fallback], _counts[(int)StepOutcome.Failed],
                _counts[(int)StepOutcome.Timeout], _counts[(int)StepOutcome.Error], _counts[(int)StepOutcome.Skipped]),
            LatencyRecorder.SummaryOf(Served, Failed),
            TimeToFirstByte.ToSummary(),
            statuses,
            new SortedDictionary<string, long>(_failures, StringComparer.Ordinal))
        {
            ServedLatency = Served.ToSummary(),
            FailedLatency = Failed.ToSummary(),
        };
    }
}
