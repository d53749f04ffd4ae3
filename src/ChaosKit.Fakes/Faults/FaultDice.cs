using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The seeded roll of one fault for one call: a pure function of (scenario seed, provider, phase index, fault index,
/// request key), so a replay rolls the same numbers for the same calls, whatever order they arrive in, as long as the
/// clients send the same trace ids. <see cref="FaultSchedule.Hits"/> compares the roll with the fault's rate.
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
}
