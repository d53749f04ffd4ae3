namespace ChaosKit.Load.Measurement;

/// <summary>Records every step sample in two sinks: the run's step aggregate and the live tally.</summary>
internal sealed class StepTeeSink(IStepSink first, IStepSink second) : IStepSink
{
    /// <inheritdoc />
    public void Record(in StepSample sample)
    {
        first.Record(sample);
        second.Record(sample);
    }
}
