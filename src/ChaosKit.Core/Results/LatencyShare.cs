namespace ChaosKit.Core.Results;

/// <summary>Reads a latency distribution the other way round: what share of its values lie at or below a limit.</summary>
public static class LatencyShare
{
    private static readonly double[] KnownPercentiles = [50, 90, 95, 99, 99.9];

    /// <summary>
    /// The share (0–1) of <paramref name="latency"/>'s values at or below <paramref name="limitMs"/>: exact from its
    /// spectrum when kept, else the largest of its fixed percentiles that is within the limit (a lower bound).
    /// </summary>
    /// <returns>The share; <see langword="null"/> when the distribution is empty.</returns>
    public static double? AtOrBelow(LatencySummary latency, double limitMs)
    {
        ArgumentNullException.ThrowIfNull(latency);
        if (latency.Count == 0) return null;
        if (latency.MaxMs <= limitMs) return 1;
        if (latency.Spectrum is { Count: > 0 } spectrum) return spectrum.ShareAtOrBelow(limitMs);
        var share = 0.0;
        foreach (var p in KnownPercentiles)
            if (latency.PercentileMs(p) is { } value && value <= limitMs) share = p / 100;
        return share;
    }
}
