namespace ChaosKit.Fakes.Determinism;

/// <summary>
/// The random source behind one fake's identifiers: each draw hashes (seed, provider, purpose, a per-fake counter),
/// so ids are unique within a run and repeat, in arrival order, in a replay.
/// </summary>
internal sealed class SeededIds(int seed, string provider)
{
    private long _issued;

    /// <summary>A fresh generator for one identifier of <paramref name="purpose"/> (e.g. <c>request</c>).</summary>
    public SplitMix64 Next(string purpose)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add(provider);
        hash.Add(purpose);
        hash.Add(Interlocked.Increment(ref _issued));
        return new SplitMix64(hash.Finish());
    }
}
