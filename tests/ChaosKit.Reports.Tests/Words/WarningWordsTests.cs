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
    public void A_rotated_journal_says_what_it_kept_and_that_the_counts_do_not_depend_on_it()
    {
        var warning = RunWarning.Of(RunWarningCodes.JournalRotated, ("rotated_out", 2_500_000), ("kept", 2_800_000), ("calls", 5_300_000), ("limit_bytes", 1L << 30));

        Assert.Equal(
            "The call journal reached its limit of 1 GB and rotated: journal.1.jsonl and journal.jsonl keep the last 2,800,000 of 5,300,000 calls, and the 2,500,000 before them are gone. " +
            "Every count in this report comes from the fakes' own counters, not from the journal; raise --journal-limit to keep more.",
            WarningWords.Of(warning));
    }

    [Theory]
    [InlineData(1, "Writing the call journal failed (the disk was full)")]
    [InlineData(0, "Writing the call journal failed")]
    public void A_journal_that_failed_says_how_much_it_lacks(int diskFull, string start)
    {
        // 76 kept and 100 rotated out before the disk filled: what is missing is the lost, not calls less kept.
        var warning = RunWarning.Of(RunWarningCodes.JournalWriteFailed, ("kept", 76), ("lost", 164), ("calls", 340), ("disk_full", diskFull));

        Assert.Equal($"{start}: 164 of 340 calls are missing from its files, but every count in this report includes them.", WarningWords.Of(warning));
    }

    [Fact]
    public void A_code_from_a_newer_version_still_shows_its_numbers()
    {
        var warning = RunWarning.Of("target_restarted", ("restarts", 2));

        Assert.Equal("target_restarted: restarts 2", WarningWords.Of(warning));
    }
}
