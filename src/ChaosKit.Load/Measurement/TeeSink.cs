namespace ChaosKit.Load.Measurement;

/// <summary>Records every sample in two sinks: the run's aggregate and one workflow's own.</summary>
internal sealed class TeeSink(ISampleSink first, ISampleSink second) : ISampleSink
{
    /// <inheritdoc />
    public void Record(in IterationSample sample)
    {
        first.Record(sample);
        second.Record(sample);
    }
}
