namespace ChaosKit.Fakes.Determinism;

/// <summary>
/// The random source behind one fake's identifiers: each draw hashes (seed, provider, purpose, a per-fake counter),
/// so ids are unique within a run and repeat, in arrival order, in a replay.
/// </summary>
internal sealed class SeededIds
{
    // The hash of (seed, provider), taken once: every id continues from it.
    private readonly StableHash _prefix;
    private long _issued;

    /// <summary>Creates the identifiers' source for one fake.</summary>
    public SeededIds(int seed, string provider)
    {
        _prefix = new StableHash();
        _prefix.Add(seed);
        _prefix.Add(provider);
    }

    /// <summary>A fresh generator for one identifier of <paramref name="purpose"/> (e.g. <c>request</c>).</summary>
    public SplitMix64 Next(string purpose)
    {
        var hash = _prefix;
        hash.Add(purpose);
        hash.Add(Interlocked.Increment(ref _issued));
        return new SplitMix64(hash.Finish());
    }
}
