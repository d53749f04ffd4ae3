using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public class FaultWordsTests
{
    private static FaultInfo Fault(string kind, string? provider, double rate, params (string Key, string Value)[] settings) =>
        new(kind, provider, rate, settings.ToDictionary(s => s.Key, s => s.Value));

    [Fact]
    public void A_fault_reads_as_its_kind_its_settings_as_written_its_target_and_its_rate()
    {
        Assert.Equal("error (status 529) on claude, 100% of calls", FaultWords.Of(Fault("error", "claude", 1, ("status", "529"))));
        Assert.Equal("reset on every provider, 2.5% of calls", FaultWords.Of(Fault("reset", null, 0.025)));
    }

    [Fact]
    public void Route_model_ramp_and_flap_are_said_after_the_target()
    {
        var fault = Fault("error", "claude", 0.8, ("status", "429"), ("retry_after", "2s")) with
        {
            Route = "/v1/messages",
            Model = "claude-opus-*",
            Ramp = new FaultRamp(0.1, 90),
            Flap = new FaultFlap(10, 0.5),
        };

        Assert.Equal(
            "error (status 429, retry_after 2s) on claude /v1/messages (model claude-opus-*), 10%→80% of calls over 1m30s, flapping 10s on / 500ms off",
            FaultWords.Of(fault));
        Assert.EndsWith("0%→80% of calls over the phase", FaultWords.Of(fault with { Ramp = new FaultRamp(0, null), Flap = null }));
    }

    [Fact]
    public void A_kind_this_version_has_never_heard_of_is_worded_from_its_data()
    {
        Assert.Equal("token_drought (tokens_per_minute 10, burst off) on gemini, 50% of calls",
            FaultWords.Of(Fault("token_drought", "gemini", 0.5, ("tokens_per_minute", "10"), ("burst", "off"))));
    }
}
