using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Load.Measurement;

/// <summary>Receives step samples from many threads at once.</summary>
internal interface IStepSink
{
    /// <summary>Records one step run or skip.</summary>
    void Record(in StepSample sample);
}

/// <summary>
/// Files every step sample under its phase (by the iteration's scheduled start); the whole-run view per step is the
/// merge of its phases plus anything scheduled outside them. One lock, as <see cref="LoadAggregator"/>.
/// </summary>
internal sealed class StepAggregator : IStepSink
{
    private readonly Lock _gate = new();
    private readonly RunTimeline _timeline;
    private readonly (string Workflow, string Step)[][] _names;
    private readonly StepRecorder[][][] _phases; // [workflow][step][phase]
    private readonly StepRecorder[][] _outside; // scheduled outside every phase
    private bool _sealed;

    /// <summary>Creates an empty aggregate for the given workflows' steps.</summary>
    /// <param name="timeline">The run's phases.</param>
    /// <param name="steps">Step names per workflow, in order.</param>
    public StepAggregator(RunTimeline timeline, IReadOnlyList<(string Workflow, IReadOnlyList<string> Steps)> steps)
    {
        _timeline = timeline;
        _names = [.. steps.Select(w => w.Steps.Select(s => (w.Workflow, s)).ToArray())];
        _phases = [.. steps.Select(w => w.Steps.Select(_ => Enumerable.Range(0, timeline.Phases.Count).Select(_ => new StepRecorder()).ToArray()).ToArray())];
        _outside = [.. steps.Select(w => w.Steps.Select(_ => new StepRecorder()).ToArray())];
    }

    /// <inheritdoc />
    public void Record(in StepSample sample)
    {
        lock (_gate)
        {
            if (_sealed) return;
            var recorder = _timeline.PhaseAt(sample.IterationScheduled) is { } phase
                ? _phases[sample.Workflow][sample.Step][phase.Index]
                : _outside[sample.Workflow][sample.Step];
            recorder.Record(sample);
        }
    }

    /// <summary>Ignores every later sample.</summary>
    public void Seal()
    {
        lock (_gate) _sealed = true;
    }

    /// <summary>Per-step statistics over the whole run (workflow by workflow, step by step) and per phase.</summary>
    public (IReadOnlyList<StepStats> Overall, IReadOnlyList<IReadOnlyList<StepStats>> PerPhase) Build()
    {
        lock (_gate)
        {
            var overall = new List<StepStats>();
            var perPhase = Enumerable.Range(0, _timeline.Phases.Count).Select(_ => new List<StepStats>()).ToArray();
            for (var w = 0; w < _names.Length; w++)
            {
                for (var s = 0; s < _names[w].Length; s++)
                {
                    var (workflow, step) = _names[w][s];
                    var merged = new StepRecorder();
                    merged.Add(_outside[w][s]);
                    for (var p = 0; p < perPhase.Length; p++)
                    {
                        merged.Add(_phases[w][s][p]);
                        perPhase[p].Add(_phases[w][s][p].ToStats(workflow, step));
                    }
                    overall.Add(merged.ToStats(workflow, step));
                }
            }
            return (overall, perPhase);
        }
    }
}
