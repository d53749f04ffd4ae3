using ChaosKit.Core.Expectations;

namespace ChaosKit.Core.Tests;

public class ExpectationMetricsTests
{
    [Theory]
    [InlineData("p95", 95.0)]
    [InlineData("p99.9", 99.9)]
    [InlineData("p100", 100.0)]
    public void A_percentile_of_ascii_digits_is_a_metric(string name, double percentile) =>
        Assert.Equal(percentile, ExpectationMetrics.Find(name)!.Percentile);

    [Theory]
    [InlineData("p٩٥")] // digits of another script: \d matched them, and double.Parse then threw
    [InlineData("ttfb_p٩٥")]
    public void A_percentile_of_other_digits_is_no_metric_rather_than_a_crash(string name)
    {
        Assert.Null(ExpectationMetrics.Find(name));
        Assert.Null(ExpectationMetrics.FindStep(name));
    }
}
