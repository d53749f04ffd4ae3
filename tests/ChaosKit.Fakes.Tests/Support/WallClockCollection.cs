namespace ChaosKit.Fakes.Tests.Support;

/// <summary>
/// Tests that time the fakes on the real clock (pacing, latency, hundreds of concurrent streams). They run one at a
/// time, after the rest: beside another test class on the two cores, a stream's first token once came 1.4 s late.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WallClockCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "wall clock";
}
