using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Measurement;

/// <summary>
/// The one sample sink of v1: files each iteration under the phase and the second it was <em>scheduled</em> in,
/// under the whole run, and under the second it ended in for the live view. One lock guards it all; a record
/// costs a handful of histogram increments, far below what contention would need to matter at a few thousand
/// iterations a second. Per-worker recorders merged at the end are the next step if profiling says so.
/// </summary>
internal sealed class LoadAggregator : ISampleSink
{
    private readonly Lock _gate = new();
    private readonly RunTimeline _timeline;
    private readonly SpanRecorder[] _phases;
    private readonly SpanRecorder _overall = new();
    private readonly List<SecondRecorder?> _seconds = [];
    private readonly LiveWindow _live = new();
    private bool _sealed;

    /// <summary>Creates an empty aggregate over <paramref name="timeline"/>'s phases.</summary>
    public LoadAggregator(RunTimeline timeline)
    {
        _timeline = timeline;
        _phases = new SpanRecorder[timeline.Phases.Count];
        for (var i = 0; i < _phases.Length; i++) _phases[i] = new SpanRecorder();
    }

    /// <inheritdoc />
    public void Record(in IterationSample sample)
    {
        lock (_gate)
        {
            if (_sealed) return;
            if (_timeline.PhaseAt(sample.Scheduled) is { } phase) _phases[phase.Index].Record(sample);
            _overall.Record(sample);

            var second = sample.Scheduled.Ticks / TimeSpan.TicksPerSecond;
            if (second >= 0 && second < int.MaxValue)
            {
                while (_seconds.Count <= second) _seconds.Add(null);
                (_seconds[(int)second] ??= new SecondRecorder()).Record(sample);
            }

            if (sample.Started) _live.Record(sample.Ended.Ticks / TimeSpan.TicksPerSecond, sample.Latency);
        }
    }

    /// <summary>Ignores every later sample, so iterations abandoned at the end cannot change a result already built.</summary>
    public void Seal()
    {
        lock (_gate) _sealed = true;
    }

    /// <summary>Outcomes so far, completions in the last full second and p95 over the last few seconds.</summary>
    public (OutcomeCounts Outcomes, double RecentPerSecond, double RecentP95Ms) Live(TimeSpan elapsed)
    {
        var now = Math.Max(0, elapsed.Ticks / TimeSpan.TicksPerSecond);
        lock (_gate) return (_overall.Outcomes, _live.CompletedInSecond(now - 1), _live.P95Ms(now));
    }

    /// <summary>
    /// Per-phase, overall and per-second statistics. Throughput divides by the part of each span that the run
    /// covered: the whole timeline, or up to <paramref name="cutoff"/> when the run stopped early.
    /// </summary>
    public (IReadOnlyList<PhaseStats> Phases, PhaseStats Overall, IReadOnlyList<SecondBucket> Seconds) Build(TimeSpan cutoff)
    {
        if (cutoff < TimeSpan.Zero) cutoff = TimeSpan.Zero;
        if (cutoff > _timeline.Duration) cutoff = _timeline.Duration;
        lock (_gate)
        {
            var phases = new PhaseStats[_phases.Length];
            foreach (var phase in _timeline.Phases)
            {
                var covered = (cutoff < phase.End ? cutoff : phase.End) - phase.Start;
                phases[phase.Index] = _phases[phase.Index].ToStats(Math.Max(0, covered.TotalSeconds));
            }

            var secondCount = Math.Max((int)Math.Ceiling(cutoff.TotalSeconds), _seconds.Count);
            var seconds = new SecondBucket[secondCount];
            for (var s = 0; s < secondCount; s++)
                seconds[s] = s < _seconds.Count && _seconds[s] is { } recorder ? recorder.ToBucket(s) : SecondRecorder.Empty(s);

            return (phases, _overall.ToStats(cutoff.TotalSeconds), seconds);
        }
    }
}
