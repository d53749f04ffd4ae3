using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public class WarningWordsTests
{
    [Fact]
    public void A_known_code_reads_as_a_sentence_with_its_numbers()
    {
        var warning = RunWarning.Of(RunWarningCodes.ArrivalsDropped, ("dropped", 45), ("scheduled", 50), ("max_concurrency", 5));

        Assert.Equal(
            "45 of 50 arrivals were dropped because 5 requests were already in flight (max_concurrency); dropped arrivals count as errors.",
            WarningWords.Of(warning));
    }

    [Fact]
    public void A_share_is_worded_as_a_percentage()
    {
        var warning = RunWarning.Of(RunWarningCodes.GeneratorCpuBound, ("cpu_share", 0.934), ("processors", 2));

        Assert.StartsWith("The ChaosKit process used 93 % of all 2 CPUs during the run;", WarningWords.Of(warning));
    }

    [Fact]
    public void A_number_the_warning_lacks_reads_as_a_dash_not_as_zero()
    {
        var warning = RunWarning.Of(RunWarningCodes.ArrivalsDropped, ("dropped", 45), ("max_concurrency", 5));

        Assert.True(double.IsNaN(warning["scheduled"]));
        Assert.StartsWith("45 of — arrivals were dropped", WarningWords.Of(warning), StringComparison.Ordinal);
    }

    [Fact]
    public void Calls_the_fakes_failed_read_as_a_chaoskit_bug_with_their_count()
    {
        var warning = RunWarning.Of(RunWarningCodes.FakeFailures, ("calls", 3));

        Assert.StartsWith("The fake providers failed to answer 3 call(s) because of a bug in ChaosKit, not an injected fault", WarningWords.Of(warning));
    }

    [Fact]
    public void A_code_from_a_newer_version_still_shows_its_numbers()
    {
        var warning = RunWarning.Of("target_restarted", ("restarts", 2));

        Assert.Equal("target_restarted: restarts 2", WarningWords.Of(warning));
    }
}
