using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The one place that decides whether a fault hits a call. Each roll is a pure function of
/// (scenario seed, provider, phase index, fault index, request key), so a replay hits exactly the same calls,
/// whatever order they arrive in, as long as the clients send the same trace ids.
/// </summary>
internal static class FaultDice
{
    /// <summary>A number in [0, 1) for one fault and one call.</summary>
    public static double Roll(int seed, string provider, int phaseIndex, int faultIndex, string requestKey)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add(provider);
        hash.Add(phaseIndex);
        hash.Add(faultIndex);
        hash.Add(requestKey);
        return hash.FinishUnit();
    }

    /// <summary>True when a roll falls inside <paramref name="rate"/>: rate 1 always hits, rate 0 never does.</summary>
    public static bool Hits(double rate, double roll) => roll < rate;
}
