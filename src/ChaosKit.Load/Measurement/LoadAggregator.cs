using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Measurement;

/// <summary>
/// The sample sink of a run: files each iteration under the phase and the second it was <em>scheduled</em> in,
/// under the whole run, and under the second it ended in for the live view. Samples land in per-thread shards,
/// each with its own lock and its own histograms, merged losslessly when the result (or the live view) is read.
/// </summary>
/// <remarks>
/// Why shards: with one lock over every histogram, a CPU profile of the engine at full speed showed the lock's
/// contention (4 %) beside the recording itself (5 %). A thread picks its shard by its managed id, so the lock a
/// record takes is almost never contended; reading merges the shards, which happens about once a second.
/// </remarks>
internal sealed class LoadAggregator : ISampleSink
{
    private readonly RunTimeline _timeline;
    private readonly Shard[] _shards;
    private readonly Lock _liveGate = new();
    private readonly LatencyRecorder _liveMerged = new(compact: true);
    private volatile bool _sealed;

    /// <summary>Creates an empty aggregate over <paramref name="timeline"/>'s phases.</summary>
    /// <param name="timeline">The run's phases.</param>
    /// <param name="shards">Number of shards; by default two per processor.</param>
    public LoadAggregator(RunTimeline timeline, int? shards = null)
    {
        _timeline = timeline;
        var count = shards ?? Math.Max(1, Environment.ProcessorCount * 2);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++) _shards[i] = new Shard(timeline.Phases.Count);
    }

    /// <inheritdoc />
    public void Record(in IterationSample sample)
    {
        var shard = _shards[(uint)Environment.CurrentManagedThreadId % (uint)_shards.Length];
        lock (shard.Gate)
        {
            if (_sealed) return;
            if (_timeline.PhaseAt(sample.Scheduled) is { } phase) shard.Phases[phase.Index].Record(sample);
            shard.Overall.Record(sample);

            var second = sample.Scheduled.Ticks / TimeSpan.TicksPerSecond;
            if (second >= 0 && second < int.MaxValue)
            {
                while (shard.Seconds.Count <= second) shard.Seconds.Add(null);
                (shard.Seconds[(int)second] ??= new SecondRecorder()).Record(sample);
            }

            if (sample.Started) shard.Live.Record(sample.Ended.Ticks / TimeSpan.TicksPerSecond, sample.Latency);
        }
    }

    /// <summary>Ignores every later sample, so iterations abandoned at the end cannot change a result already built.</summary>
    public void Seal()
    {
        _sealed = true;
        // Taking each lock once waits out any record that began before the flag was set.
        foreach (var shard in _shards)
        {
            lock (shard.Gate)
            {
            }
        }
    }

    /// <summary>Outcomes so far, completions in the last full second and p95 over the last few seconds.</summary>
    public (OutcomeCounts Outcomes, double RecentPerSecond, double RecentP95Ms) Live(TimeSpan elapsed)
    {
        var now = Math.Max(0, elapsed.Ticks / TimeSpan.TicksPerSecond);
        lock (_liveGate)
        {
            var outcomes = OutcomeCounts.Zero;
            long recent = 0;
            _liveMerged.Reset();
            foreach (var shard in _shards)
            {
                lock (shard.Gate)
                {
                    outcomes += shard.Overall.Outcomes;
                    recent += shard.Live.CompletedInSecond(now - 1);
                    shard.Live.AddWindowTo(_liveMerged, now);
                }
            }
            return (outcomes, recent, _liveMerged.PercentileMs(95));
        }
    }

    /// <summary>
    /// Per-phase, overall and per-second statistics. Throughput divides by the part of each span that the run
    /// covered: the whole timeline, or up to <paramref name="cutoff"/> when the run stopped early.
    /// </summary>
    public (IReadOnlyList<PhaseStats> Phases, PhaseStats Overall, IReadOnlyList<SecondBucket> Seconds) Build(TimeSpan cutoff)
    {
        if (cutoff < TimeSpan.Zero) cutoff = TimeSpan.Zero;
        if (cutoff > _timeline.Duration) cutoff = _timeline.Duration;

        var merged = new Shard(_timeline.Phases.Count);
        foreach (var shard in _shards)
        {
            lock (shard.Gate) merged.Add(shard);
        }

        var phases = new PhaseStats[merged.Phases.Length];
        foreach (var phase in _timeline.Phases)
        {
            var covered = (cutoff < phase.End ? cutoff : phase.End) - phase.Start;
            phases[phase.Index] = merged.Phases[phase.Index].ToStats(Math.Max(0, covered.TotalSeconds));
        }

        var secondCount = Math.Max((int)Math.Ceiling(cutoff.TotalSeconds), merged.Seconds.Count);
        var seconds = new SecondBucket[secondCount];
        for (var s = 0; s < secondCount; s++)
            seconds[s] = s < merged.Seconds.Count && merged.Seconds[s] is { } recorder ? recorder.ToBucket(s) : SecondRecorder.Empty(s);

        return (phases, merged.Overall.ToStats(cutoff.TotalSeconds), seconds);
    }

    /// <summary>One thread group's recorders, guarded by <see cref="Gate"/>.</summary>
    private sealed class Shard
    {
        public Shard(int phases)
        {
            Phases = new SpanRecorder[phases];
            for (var i = 0; i < phases; i++) Phases[i] = new SpanRecorder();
        }

        public Lock Gate { get; } = new();

        public SpanRecorder[] Phases { get; }

        public SpanRecorder Overall { get; } = new();

        public List<SecondRecorder?> Seconds { get; } = [];

        public LiveWindow Live { get; } = new();

        /// <summary>Adds <paramref name="other"/>'s phases, whole run and seconds (not its live window) to this shard.</summary>
        public void Add(Shard other)
        {
            for (var i = 0; i < Phases.Length; i++) Phases[i].Add(other.Phases[i]);
            Overall.Add(other.Overall);
            for (var s = 0; s < other.Seconds.Count; s++)
            {
                if (other.Seconds[s] is not { } second) continue;
                while (Seconds.Count <= s) Seconds.Add(null);
                (Seconds[s] ??= new SecondRecorder()).Add(second);
            }
        }
    }
}
