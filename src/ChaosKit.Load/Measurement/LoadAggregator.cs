using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Measurement;

/// <summary>
/// The one sink of a run: files each iteration under its workflow and the phase and second it was <em>scheduled</em>
/// in, and each step run under its workflow, step and phase; keeps the live view's recent completions. Samples land
/// in per-thread shards, each with its own lock and its own recorders, merged losslessly when the result (or the
/// live view) is read: the whole run and each workflow are the merge of their phases.
/// </summary>
/// <remarks>
/// <para>
/// Why shards: one lock over every histogram would be contended by every thread that records. A thread picks its
/// shard by its managed id, so the lock a record takes is almost never contended; reading merges the shards, which
/// happens about once a second.
/// </para>
/// <para>
/// Memory stays flat however long the run: each second's histograms (one per shard that saw it) are folded into the
/// second's final figures (<see cref="SecondBucket"/>) once no iteration scheduled in it can still be running, that
/// is <c>fold_after</c> later (the longest an iteration can take, plus a margin). An iteration that still ends later
/// (the dispatcher fell far behind) is counted in its second's outcomes but not in its percentiles.
/// </para>
/// </remarks>
internal sealed class LoadAggregator : ISampleSink
{
    private const int StepOutcomes = (int)StepOutcome.Skipped + 1;

    private readonly RunTimeline _timeline;
    private readonly (string Workflow, string Step)[][] _names; // [workflow][step]
    private readonly (string Workflow, string Step)[] _liveNames; // every step in order; empty when the run has one
    private readonly int[] _firstStep; // workflow index -> its first step's index in the flat step list
    private readonly Shard[] _shards;
    private readonly Lock _liveGate = new();
    private readonly LatencyRecorder _liveMerged = new(compact: true);
    private volatile bool _sealed;

    // Seconds before _foldedBefore are folded into _folded; a record that sees its second FoldBatch past the next
    // second to fold folds them. _foldGate guards both, and Build, so a fold never runs beside it.
    private const long FoldBatch = 10;
    private readonly long _foldAfterSeconds;
    private readonly Lock _foldGate = new();
    private readonly List<SecondBucket?> _folded = [];
    private long _foldedBefore;

    /// <summary>Creates an empty aggregate for the given workflows' steps over <paramref name="timeline"/>'s phases.</summary>
    /// <param name="timeline">The run's phases.</param>
    /// <param name="workflows">Step names per workflow, in order.</param>
    /// <param name="shards">Number of shards; by default two per processor.</param>
    /// <param name="foldAfter">
    /// How long after its second an iteration can still end (its steps' timeouts on the run clock): each second's
    /// histograms are folded into its final figures that long, plus a margin, after it. By default the longest timeout.
    /// </param>
    public LoadAggregator(
        RunTimeline timeline, IReadOnlyList<(string Workflow, IReadOnlyList<string> Steps)> workflows, int? shards = null, TimeSpan? foldAfter = null)
    {
        _timeline = timeline;
        _foldAfterSeconds = (long)Math.Ceiling((foldAfter ?? Core.Scenarios.LoadSpec.MaxTimeout).TotalSeconds) + FoldMarginSeconds;
        _names = [.. workflows.Select(w => w.Steps.Select(s => (w.Workflow, s)).ToArray())];
        _firstStep = new int[_names.Length];
        for (var w = 1; w < _names.Length; w++) _firstStep[w] = _firstStep[w - 1] + _names[w - 1].Length;
        // A run of one step shows no live step breakdown (its figures are the run's), so it records none.
        var flat = _names.SelectMany(w => w).ToArray();
        _liveNames = flat.Length > 1 ? flat : [];
        var count = shards ?? Math.Max(1, Environment.ProcessorCount * 2);
        _shards = new Shard[count];
        for (var i = 0; i < count; i++) _shards[i] = new Shard(timeline.Phases.Count, _names, _liveNames.Length);
    }

    /// <summary>Added to <c>foldAfter</c>: room for the dispatcher running late and for the drain.</summary>
    private const long FoldMarginSeconds = 30;

    /// <inheritdoc />
    public void Record(in IterationSample sample)
    {
        var shard = ShardOfThisThread();
        lock (shard.Gate)
        {
            if (_sealed) return;
            RecordIteration(shard, sample, _timeline.PhaseAt(sample.Scheduled));
        }
        // A dropped arrival is recorded on the dispatcher's own thread, which must not stop to fold.
        if (sample.Started) FoldIfDue(sample.Scheduled);
    }

    /// <inheritdoc />
    public void Record(in StepSample sample)
    {
        var shard = ShardOfThisThread();
        lock (shard.Gate)
        {
            if (_sealed) return;
            RecordStep(shard, sample, _timeline.PhaseAt(sample.IterationScheduled));
        }
    }

    /// <inheritdoc />
    /// <remarks>One lock and one phase lookup for both: the step is filed under its iteration's scheduled start.</remarks>
    public void Record(in IterationSample iteration, in StepSample step)
    {
        var shard = ShardOfThisThread();
        lock (shard.Gate)
        {
            if (_sealed) return;
            var phase = _timeline.PhaseAt(iteration.Scheduled);
            RecordIteration(shard, iteration, phase);
            RecordStep(shard, step, phase);
        }
        FoldIfDue(iteration.Scheduled);
    }

    // An iteration just recorded was scheduled at `scheduled`, so the run clock is past it: every second more than
    // fold_after before it can receive no more iterations. Checked outside the shard's lock (a fold takes every lock).
    private void FoldIfDue(TimeSpan scheduled)
    {
        var foldable = scheduled.Ticks / TimeSpan.TicksPerSecond - _foldAfterSeconds;
        if (foldable - Volatile.Read(ref _foldedBefore) >= FoldBatch && !_sealed) FoldSecondsBefore(foldable);
    }

    /// <summary>
    /// Folds every shard's histograms of the seconds before <paramref name="limit"/> into those seconds' final
    /// figures, and frees them; a fold already running (or a build) makes this one return at once.
    /// </summary>
    private void FoldSecondsBefore(long limit)
    {
        if (!_foldGate.TryEnter()) return;
        try
        {
            var from = _foldedBefore;
            if (limit <= from || limit > int.MaxValue) return;
            var seconds = new SecondRecorder?[limit - from];
            foreach (var shard in _shards)
            {
                List<(long Second, SecondRecorder Recorder)>? taken = null;
                lock (shard.Gate)
                {
                    for (var second = from; second < limit && second < shard.Seconds.Count; second++)
                    {
                        if (shard.Seconds[(int)second] is not { } recorder) continue;
                        (taken ??= []).Add((second, recorder));
                        shard.Seconds[(int)second] = null;
                    }
                }
                // Merged outside the shard's lock, so recording on it is not held up.
                if (taken is null) continue;
                foreach (var (second, recorder) in taken)
                {
                    if (seconds[second - from] is { } into) into.Add(recorder);
                    else seconds[second - from] = recorder;
                }
            }
            while (_folded.Count < limit) _folded.Add(null);
            for (var second = from; second < limit; second++)
                if (seconds[second - from] is { } recorder) _folded[(int)second] = recorder.ToBucket((int)second);
            Volatile.Write(ref _foldedBefore, limit);
        }
        finally
        {
            _foldGate.Exit();
        }
    }

    private Shard ShardOfThisThread() => _shards[(uint)Environment.CurrentManagedThreadId % (uint)_shards.Length];

    private static void RecordIteration(Shard shard, in IterationSample sample, TimelinePhase? phase)
    {
        var workflow = shard.Workflows[sample.Workflow];
        (phase is null ? workflow.Outside : workflow.Phases[phase.Index]).Record(sample);
        if (phase is not null) shard.Examples[phase.Index].Offer(sample);
        shard.Outcomes.Add(sample.Outcome);

        var second = sample.Scheduled.Ticks / TimeSpan.TicksPerSecond;
        if (second >= 0 && second < int.MaxValue)
        {
            while (shard.Seconds.Count <= second) shard.Seconds.Add(null);
            (shard.Seconds[(int)second] ??= new SecondRecorder()).Record(sample);
        }

        if (sample.Started) shard.Live.Record(sample.Ended.Ticks / TimeSpan.TicksPerSecond, sample.Latency);
    }

    private void RecordStep(Shard shard, in StepSample sample, TimelinePhase? phase)
    {
        var step = shard.Workflows[sample.Workflow].Steps[sample.Step];
        (phase is null ? step.Outside : step.Phases[phase.Index]).Record(sample);
        if (sample.FirstByte is { } firstByte) RecordFirstByte(shard, sample.IterationScheduled, firstByte - sample.Sent);

        if (_liveNames.Length == 0) return;
        var index = _firstStep[sample.Workflow] + sample.Step;
        shard.StepCounts[index * StepOutcomes + (int)sample.Outcome]++;
        if (sample.Outcome != StepOutcome.Skipped)
            (shard.StepWindows[index] ??= new LiveWindow()).Record(sample.Ended.Ticks / TimeSpan.TicksPerSecond, sample.Ended - sample.Sent);
    }

    // Under the second of the iteration's scheduled start, as its outcome is; a second already folded keeps its figures.
    private static void RecordFirstByte(Shard shard, TimeSpan iterationScheduled, TimeSpan timeToFirstByte)
    {
        var second = iterationScheduled.Ticks / TimeSpan.TicksPerSecond;
        if (second < 0 || second >= int.MaxValue) return;
        while (shard.Seconds.Count <= second) shard.Seconds.Add(null);
        (shard.Seconds[(int)second] ??= new SecondRecorder()).RecordFirstByte(timeToFirstByte);
    }

    /// <summary>Per-second histograms held now, over every shard: what folding keeps bounded.</summary>
    internal int SecondsHeld
    {
        get
        {
            var held = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Gate) held += shard.Seconds.Count(s => s is not null);
            }
            return held;
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
                    outcomes += shard.Outcomes.ToCounts();
                    recent += shard.Live.CompletedInSecond(now - 1);
                    shard.Live.AddWindowTo(_liveMerged, now);
                }
            }
            return (outcomes, recent, _liveMerged.PercentileMs(95));
        }
    }

    /// <summary>
    /// Every step's counts so far and its p95 over the runs that ended in the last few seconds, workflow by workflow;
    /// empty for a run of one step, whose figures are the run's own.
    /// </summary>
    /// <param name="elapsed">Run time now; the window ends at its second.</param>
    public IReadOnlyList<StepProgress> LiveSteps(TimeSpan elapsed)
    {
        if (_liveNames.Length == 0) return [];
        var now = Math.Max(0, elapsed.Ticks / TimeSpan.TicksPerSecond);
        var counts = new long[StepOutcomes];
        var result = new StepProgress[_liveNames.Length];
        lock (_liveGate)
        {
            for (var step = 0; step < _liveNames.Length; step++)
            {
                Array.Clear(counts);
                _liveMerged.Reset();
                foreach (var shard in _shards)
                {
                    lock (shard.Gate)
                    {
                        for (var o = 0; o < StepOutcomes; o++) counts[o] += shard.StepCounts[step * StepOutcomes + o];
                        shard.StepWindows[step]?.AddWindowTo(_liveMerged, now);
                    }
                }
                var ran = counts[(int)StepOutcome.Ok] + counts[(int)StepOutcome.Fallback] + counts[(int)StepOutcome.Failed] +
                          counts[(int)StepOutcome.Timeout] + counts[(int)StepOutcome.Error];
                result[step] = new StepProgress(
                    _liveNames[step].Workflow, _liveNames[step].Step, ran,
                    counts[(int)StepOutcome.Ok], counts[(int)StepOutcome.Fallback], counts[(int)StepOutcome.Failed],
                    counts[(int)StepOutcome.Timeout], counts[(int)StepOutcome.Error], counts[(int)StepOutcome.Skipped],
                    _liveMerged.PercentileMs(95), _liveMerged.Count);
            }
        }
        return result;
    }

    /// <summary>
    /// Everything measured, per phase, per second, per workflow and per step. Throughput divides by the part of each
    /// span that the run covered: the whole timeline, or up to <paramref name="cutoff"/> when the run stopped early.
    /// </summary>
    public MeasuredLoad Build(TimeSpan cutoff)
    {
        if (cutoff < TimeSpan.Zero) cutoff = TimeSpan.Zero;
        if (cutoff > _timeline.Duration) cutoff = _timeline.Duration;
        var phaseCount = _timeline.Phases.Count;

        using var folding = _foldGate.EnterScope();
        var merged = new Shard(phaseCount, _names, 0);
        foreach (var shard in _shards)
        {
            lock (shard.Gate) merged.Add(shard);
        }

        var runPhases = Enumerable.Range(0, phaseCount).Select(_ => new SpanRecorder()).ToArray();
        var runOverall = new SpanRecorder();
        var workflows = new List<(PhaseStats Overall, IReadOnlyList<PhaseStats> Phases, IReadOnlyList<StepStats> Steps)>();
        var steps = new List<StepStats>();
        var phaseSteps = Enumerable.Range(0, phaseCount).Select(_ => new List<StepStats>()).ToArray();
        for (var w = 0; w < _names.Length; w++)
        {
            var workflow = merged.Workflows[w];
            var overall = new SpanRecorder();
            overall.Add(workflow.Outside);
            var phases = new PhaseStats[phaseCount];
            foreach (var phase in _timeline.Phases)
            {
                var recorder = workflow.Phases[phase.Index];
                overall.Add(recorder);
                runPhases[phase.Index].Add(recorder);
                phases[phase.Index] = recorder.ToStats(Covered(phase, cutoff));
            }
            runOverall.Add(overall);

            var own = new List<StepStats>();
            for (var s = 0; s < _names[w].Length; s++)
            {
                var (name, step) = _names[w][s];
                var recorders = workflow.Steps[s];
                var whole = new StepRecorder();
                whole.Add(recorders.Outside);
                foreach (var phase in _timeline.Phases)
                {
                    whole.Add(recorders.Phases[phase.Index]);
                    phaseSteps[phase.Index].Add(recorders.Phases[phase.Index].ToStats(name, step));
                }
                own.Add(whole.ToStats(name, step));
            }
            steps.AddRange(own);
            workflows.Add((overall.ToStats(cutoff.TotalSeconds), phases, own));
        }

        var secondCount = Math.Max((int)Math.Ceiling(cutoff.TotalSeconds), Math.Max(merged.Seconds.Count, _folded.Count));
        var seconds = new SecondBucket[secondCount];
        for (var s = 0; s < secondCount; s++)
        {
            var open = s < merged.Seconds.Count ? merged.Seconds[s] : null;
            seconds[s] = (s < _folded.Count ? _folded[s] : null, open) switch
            {
                ({ } folded, { } late) => SecondRecorder.WithLate(folded, late),
                ({ } folded, null) => folded,
                (null, { } recorder) => recorder.ToBucket(s),
                _ => SecondRecorder.Empty(s),
            };
        }

        return new MeasuredLoad(
            [.. _timeline.Phases.Select(p => runPhases[p.Index].ToStats(Covered(p, cutoff)))],
            runOverall.ToStats(cutoff.TotalSeconds),
            seconds,
            workflows,
            steps,
            phaseSteps,
            [.. merged.Examples.Select(e => e.Examples())]);
    }

    private static double Covered(TimelinePhase phase, TimeSpan cutoff) =>
        Math.Max(0, ((cutoff < phase.End ? cutoff : phase.End) - phase.Start).TotalSeconds);

    /// <summary>One thread group's recorders, guarded by <see cref="Gate"/>.</summary>
    private sealed class Shard
    {
        public Shard(int phases, (string Workflow, string Step)[][] workflows, int liveSteps)
        {
            Workflows = [.. workflows.Select(w => new WorkflowRecorders(phases, w.Length))];
            Examples = [.. Enumerable.Range(0, phases).Select(_ => new RequestSampler())];
            StepCounts = new long[liveSteps * StepOutcomes];
            StepWindows = new LiveWindow?[liveSteps];
        }

        public Lock Gate { get; } = new();

        public WorkflowRecorders[] Workflows { get; }

        /// <summary>Every iteration's outcome, for the live counts.</summary>
        public OutcomeTally Outcomes;

        public List<SecondRecorder?> Seconds { get; } = [];

        /// <summary>Per phase, a few example requests to trace through the providers.</summary>
        public RequestSampler[] Examples { get; }

        public LiveWindow Live { get; } = new();

        /// <summary>[step × outcome]: runs per outcome, skips included, for the live step view.</summary>
        public long[] StepCounts { get; }

        /// <summary>Per step, its recent completions; null until the step first ran on this shard.</summary>
        public LiveWindow?[] StepWindows { get; }

        /// <summary>Adds <paramref name="other"/>'s recorders and seconds (not its live view) to this shard.</summary>
        public void Add(Shard other)
        {
            for (var w = 0; w < Workflows.Length; w++) Workflows[w].Add(other.Workflows[w]);
            for (var p = 0; p < Examples.Length; p++) Examples[p].Add(other.Examples[p]);
            for (var s = 0; s < other.Seconds.Count; s++)
            {
                if (other.Seconds[s] is not { } second) continue;
                while (Seconds.Count <= s) Seconds.Add(null);
                (Seconds[s] ??= new SecondRecorder()).Add(second);
            }
        }
    }

    /// <summary>One workflow's iterations per phase (and outside every phase), and its steps'.</summary>
    private sealed class WorkflowRecorders
    {
        public WorkflowRecorders(int phases, int steps)
        {
            Phases = [.. Enumerable.Range(0, phases).Select(_ => new SpanRecorder())];
            Steps = [.. Enumerable.Range(0, steps).Select(_ => new StepRecorders(phases))];
        }

        public SpanRecorder[] Phases { get; }

        /// <summary>Iterations scheduled outside every phase.</summary>
        public SpanRecorder Outside { get; } = new();

        public StepRecorders[] Steps { get; }

        public void Add(WorkflowRecorders other)
        {
            for (var p = 0; p < Phases.Length; p++) Phases[p].Add(other.Phases[p]);
            Outside.Add(other.Outside);
            for (var s = 0; s < Steps.Length; s++) Steps[s].Add(other.Steps[s]);
        }
    }

    /// <summary>One step's runs per phase of its iteration's scheduled start (and outside every phase).</summary>
    private sealed class StepRecorders(int phases)
    {
        public StepRecorder[] Phases { get; } = [.. Enumerable.Range(0, phases).Select(_ => new StepRecorder())];

        public StepRecorder Outside { get; } = new();

        public void Add(StepRecorders other)
        {
            for (var p = 0; p < Phases.Length; p++) Phases[p].Add(other.Phases[p]);
            Outside.Add(other.Outside);
        }
    }
}

/// <summary>What a run measured, before warnings: the run per phase and whole, per second, per workflow and per step.</summary>
/// <param name="Phases">The run per timeline phase; index = phase index.</param>
/// <param name="Overall">The whole run.</param>
/// <param name="Seconds">One bucket per second, by scheduled start, from second 0; empty seconds included.</param>
/// <param name="Workflows">Each workflow's iterations, whole and per phase, and its steps, in scenario order.</param>
/// <param name="Steps">Each step over the whole run, workflow by workflow, step by step.</param>
/// <param name="PhaseSteps">Each step per phase; index = phase index.</param>
/// <param name="PhaseExamples">A few example requests per phase (index = phase index): its slowest served and first failed.</param>
internal sealed record MeasuredLoad(
    IReadOnlyList<PhaseStats> Phases,
    PhaseStats Overall,
    IReadOnlyList<SecondBucket> Seconds,
    IReadOnlyList<(PhaseStats Overall, IReadOnlyList<PhaseStats> Phases, IReadOnlyList<StepStats> Steps)> Workflows,
    IReadOnlyList<StepStats> Steps,
    IReadOnlyList<IReadOnlyList<StepStats>> PhaseSteps,
    IReadOnlyList<IReadOnlyList<IterationSample>> PhaseExamples);
