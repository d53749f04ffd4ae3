using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The delay distributions of <c>latency</c>, drawn from numbers hashed from the call's request key, so a replay
/// delays each call by exactly the same amount.
/// </summary>
internal sealed record LatencySampler(string Distribution, TimeSpan Delay, TimeSpan Min, TimeSpan Max, TimeSpan StdDev, double Sigma)
{
    /// <summary>The distributions, as scenarios name them.</summary>
    public static readonly string[] Names = ["fixed", "uniform", "normal", "lognormal"];

    /// <summary>Reads <c>sigma</c>, the spread of a <c>lognormal</c> delay (0.5 by default).</summary>
    /// <exception cref="ScenarioException">Not a number of 0 or more.</exception>
    public static double ReadSigma(FaultSettings settings)
    {
        var text = settings.GetString("sigma", "0.5");
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var sigma) && sigma >= 0 && double.IsFinite(sigma)
            ? sigma
            : throw settings.Invalid("sigma", $"expected a number of 0 or more (e.g. 0.5), got '{text}'");
    }

    /// <summary>One delay (before time scaling) for the call keyed <paramref name="requestKey"/>; never negative.</summary>
    public TimeSpan Sample(string requestKey)
    {
        var u1 = Unit(requestKey, 1);
        var sample = Distribution switch
        {
            "uniform" => Min + (Max - Min) * u1,
            "normal" => Delay + StdDev * StandardNormal(u1, Unit(requestKey, 2)),
            // Delay is the median: exp(mu) with mu = ln(delay).
            "lognormal" => Delay * Math.Exp(Sigma * StandardNormal(u1, Unit(requestKey, 2))),
            _ => Delay,
        };
        return sample < TimeSpan.Zero ? TimeSpan.Zero : sample;
    }

    // Box–Muller; 1 - u keeps the logarithm away from 0.
    private static double StandardNormal(double u1, double u2) =>
        Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);

    private static double Unit(string requestKey, int draw)
    {
        var hash = new StableHash();
        hash.Add("latency");
        hash.Add(requestKey);
        hash.Add(draw);
        return hash.FinishUnit();
    }
}
