namespace ChaosKit.Load.Measurement;

/// <summary>
/// Each workflow step's counts so far and its recent latency, for the live console. Samples land in per-thread
/// shards, each with its own lock, its own counts and one <see cref="LiveWindow"/> per step (allocated on the
/// step's first run in that shard), as in <see cref="LoadAggregator"/>; a snapshot merges the shards.
/// </summary>
/// <remarks>
/// Kept apart from <see cref="StepAggregator"/>, whose full per-phase histograms sit behind one lock: recording here
/// costs a shard lock that is almost never contended, a counter increment and one compact histogram record.
/// </remarks>
internal sealed class StepLiveTally : IStepSink
{
    private const int Outcomes = (int)StepOutcome.Skipped + 1;

    private readonly (string Workflow, string Step)[] _names;
    private readonly int[] _firstStep; // workflow index -> index of its first step in _names
    private readonly Shard[] _shards;
    private readonly Lock _readGate = new();
    private readonly LatencyRecorder _merged = new(compact: true);
    private volatile bool _sealed;

    /// <summary>Creates an empty tally for the given workflows' steps.</summary>
    /// <param name="steps">Step names per workflow, in order.</param>
    /// <param name="shards">Number of shards; by default two per processor.</param>
    public StepLiveTally(IReadOnlyList<(string Workflow, IReadOnlyList<string> Steps)> steps, int? shards = null)
    {
        _names = [.. steps.SelectMany(w => w.Steps.Select(s => (w.Workflow, s)))];
        _firstStep = new int[steps.Count];
        for (var w = 1; w < steps.Count; w++) _firstStep[w] = _firstStep[w - 1] + steps[w - 1].Steps.Count;
        var count = shards ?? Math.Max(1, Environment.ProcessorCount * 2);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++) _shards[i] = new Shard(_names.Length);
    }

    /// <inheritdoc />
    public void Record(in StepSample sample)
    {
        var step = _firstStep[sample.Workflow] + sample.Step;
        var shard = _shards[(uint)Environment.CurrentManagedThreadId % (uint)_shards.Length];
        lock (shard.Gate)
        {
            if (_sealed) return;
            shard.Counts[step * Outcomes + (int)sample.Outcome]++;
            if (sample.Outcome == StepOutcome.Skipped) return;
            (shard.Windows[step] ??= new LiveWindow()).Record(sample.Ended.Ticks / TimeSpan.TicksPerSecond, sample.Ended - sample.Sent);
        }
    }

    /// <summary>Ignores every later sample, so the last snapshot matches the run's result.</summary>
    public void Seal()
    {
        _sealed = true;
        foreach (var shard in _shards)
        {
            lock (shard.Gate)
            {
            }
        }
    }

    /// <summary>Every step's counts so far and its p95 over the runs that ended in the last few seconds.</summary>
    /// <param name="elapsed">Run time now; the window ends at its second.</param>
    public IReadOnlyList<StepProgress> Snapshot(TimeSpan elapsed)
    {
        var now = Math.Max(0, elapsed.Ticks / TimeSpan.TicksPerSecond);
        var counts = new long[_names.Length * Outcomes];
        var result = new StepProgress[_names.Length];
        lock (_readGate)
        {
            for (var step = 0; step < _names.Length; step++)
            {
                _merged.Reset();
                foreach (var shard in _shards)
                {
                    lock (shard.Gate)
                    {
                        for (var o = 0; o < Outcomes; o++) counts[step * Outcomes + o] += shard.Counts[step * Outcomes + o];
                        shard.Windows[step]?.AddWindowTo(_merged, now);
                    }
                }
                var c = counts.AsSpan(step * Outcomes, Outcomes);
                var ran = c[(int)StepOutcome.Ok] + c[(int)StepOutcome.Fallback] + c[(int)StepOutcome.Failed] +
                          c[(int)StepOutcome.Timeout] + c[(int)StepOutcome.Error];
                result[step] = new StepProgress(
                    _names[step].Workflow, _names[step].Step, ran,
                    c[(int)StepOutcome.Ok], c[(int)StepOutcome.Fallback], c[(int)StepOutcome.Failed],
                    c[(int)StepOutcome.Timeout], c[(int)StepOutcome.Error], c[(int)StepOutcome.Skipped],
                    _merged.PercentileMs(95), _merged.Count);
            }
        }
        return result;
    }

    /// <summary>One thread group's counts and windows, guarded by <see cref="Gate"/>.</summary>
    private sealed class Shard(int steps)
    {
        public Lock Gate { get; } = new();

        /// <summary>[step × outcome]: runs per outcome, skips included.</summary>
        public long[] Counts { get; } = new long[steps * Outcomes];

        /// <summary>Per step, its recent completions; null until the step first ran on this shard.</summary>
        public LiveWindow?[] Windows { get; } = new LiveWindow?[steps];
    }
}
