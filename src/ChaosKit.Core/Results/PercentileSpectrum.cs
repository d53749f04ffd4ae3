namespace ChaosKit.Core.Results;

/// <summary>
/// A latency distribution's full percentile curve, kept so an expectation can ask for any percentile (<c>p75</c>,
/// <c>p99.9</c>, …) after the run: the histogram's distinct values with their cumulative counts. Compared by content.
/// </summary>
public sealed class PercentileSpectrum : IEquatable<PercentileSpectrum>
{
    private readonly double[] _valuesMs;
    private readonly long[] _cumulative;

    /// <summary>Creates a spectrum from ascending values and their cumulative counts (the last is the total).</summary>
    /// <param name="valuesMs">Distinct recorded values, ascending, in milliseconds.</param>
    /// <param name="cumulativeCounts">Values recorded at or below each of <paramref name="valuesMs"/>.</param>
    public PercentileSpectrum(IReadOnlyList<double> valuesMs, IReadOnlyList<long> cumulativeCounts)
    {
        ArgumentNullException.ThrowIfNull(valuesMs);
        ArgumentNullException.ThrowIfNull(cumulativeCounts);
        if (valuesMs.Count != cumulativeCounts.Count) throw new ArgumentException("One count per value.", nameof(cumulativeCounts));
        _valuesMs = [.. valuesMs];
        _cumulative = [.. cumulativeCounts];
    }

    /// <summary>Values recorded.</summary>
    public long Count => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    /// <summary>
    /// The smallest value that at least <paramref name="percentile"/> % of the values are at or below, in
    /// milliseconds (HdrHistogram's definition); 0 when empty.
    /// </summary>
    public double ValueAtMs(double percentile)
    {
        if (Count == 0) return 0;
        var p = Math.Clamp(percentile, 0, 100);
        // Rounded to the nearest count, as HdrHistogram's GetValueAtPercentile does.
        var wanted = Math.Max(1, (long)((p / 100 * Count) + 0.5));
        var index = Array.BinarySearch(_cumulative, wanted);
        if (index < 0) index = ~index;
        return _valuesMs[Math.Min(index, _valuesMs.Length - 1)];
    }

    /// <summary>The share (0–1) of the values at or below <paramref name="limitMs"/>; 0 when empty.</summary>
    public double ShareAtOrBelow(double limitMs)
    {
        if (Count == 0) return 0;
        var index = Array.BinarySearch(_valuesMs, limitMs);
        // Not found: ~index is the first value above the limit, so the one before it is the last within.
        var last = index >= 0 ? index : ~index - 1;
        return last < 0 ? 0 : (double)_cumulative[last] / Count;
    }

    /// <inheritdoc />
    public bool Equals(PercentileSpectrum? other) =>
        other is not null && _valuesMs.AsSpan().SequenceEqual(other._valuesMs) && _cumulative.AsSpan().SequenceEqual(other._cumulative);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PercentileSpectrum);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_valuesMs.Length, Count);
}
