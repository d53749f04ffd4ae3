namespace ChaosKit.Reports.Compare;

/// <summary>One figure in the base run and the new one, and what the change amounts to.</summary>
/// <param name="Metric">The figure, with its unit, direction and noise margin.</param>
/// <param name="Base">Its value in the base run; <see langword="null"/> when that run had no data for it.</param>
/// <param name="New">Its value in the new run; <see langword="null"/> when that run had no data for it.</param>
public sealed record MetricChange(ComparedMetric Metric, double? Base, double? New)
{
    /// <summary>New minus base, in the figure's unit; <see langword="null"/> unless both have data.</summary>
    public double? Delta => Base is { } b && New is { } n ? DeltaOf(b, n) : null;

    /// <summary>
    /// <paramref name="n"/> minus <paramref name="b"/>, without the binary noise of the subtraction (62.1 - 71.35 is
    /// -9.249999999999993): the file's values have at most six decimals, so nine keep every digit of the difference.
    /// </summary>
    public static double DeltaOf(double b, double n) => double.IsFinite(n - b) ? Math.Round(n - b, 9, MidpointRounding.AwayFromZero) : n - b;

    /// <summary>
    /// <see cref="Delta"/> as a share of the base value (0.2 for +20 %); 0 when both are 0, infinite when only the
    /// base is 0; <see langword="null"/> unless both have data.
    /// </summary>
    public double? Relative => (Base, New) is ({ } b, { } n) ? RelativeOf(b, n) : null;

    /// <summary>The change from <paramref name="b"/> to <paramref name="n"/> as a share of <paramref name="b"/>; 0 from 0 to 0, infinite from 0 to anything else.</summary>
    public static double RelativeOf(double b, double n) =>
        b == 0 ? n == 0 ? 0 : n > 0 ? double.PositiveInfinity : double.NegativeInfinity : (n - b) / Math.Abs(b);

    /// <summary>
    /// Whether the change is noise (within the figure's margin), an improvement or a regression; a figure that is not
    /// judged, or has data in one run only, is <see cref="ChangeVerdict.Changed"/> when it moved.
    /// </summary>
    public ChangeVerdict Verdict
    {
        get
        {
            if (Base is null && New is null) return ChangeVerdict.NoData;
            if (Base is not { } b || New is not { } n) return ChangeVerdict.Changed;
            if (!double.IsFinite(b) || !double.IsFinite(n)) return b.Equals(n) ? ChangeVerdict.Unchanged : ChangeVerdict.Changed;
            var delta = DeltaOf(b, n);
            if (Math.Abs(delta) <= Metric.MarginAround(b) + Tolerance) return ChangeVerdict.Unchanged;
            return Metric.Better switch
            {
                Better.Higher => delta > 0 ? ChangeVerdict.Better : ChangeVerdict.Worse,
                Better.Lower => delta < 0 ? ChangeVerdict.Better : ChangeVerdict.Worse,
                _ => ChangeVerdict.Changed,
            };
        }
    }

    // Values are rounded in the file: 0.96 - 0.95 must not count as more than a percentage point.
    private const double Tolerance = 1e-9;
}

/// <summary>What a change amounts to.</summary>
public enum ChangeVerdict
{
    /// <summary>Within the noise margin (or exactly the same).</summary>
    Unchanged,

    /// <summary>Better beyond the noise margin.</summary>
    Better,

    /// <summary>Worse beyond the noise margin: a regression.</summary>
    Worse,

    /// <summary>Moved, for a figure that is not judged or that has data in one run only.</summary>
    Changed,

    /// <summary>Neither run has data for it.</summary>
    NoData,
}
