using ChaosKit.Core.Results;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Tests.Words;

public class ScoreWordsTests
{
    private static ScoreComponent Availability(double value, double availability, double? baseline, double fallback = 0) =>
        ScoreComponent.Of(ScoreComponentNames.Availability, value, 0.7,
            [("availability", availability), ("fallback_share", fallback), ("scheduled", 100), .. baseline is { } b ? new[] { ("baseline_availability", b) } : []]);

    private static ScoreComponent Latency(double value, params (string, double)[] numbers) =>
        ScoreComponent.Of(ScoreComponentNames.Latency, value, 0.3, [("completed", 100), .. numbers]);

    private static ScoreCard Card(params PhaseScore[] phases) => new(50, phases[0].Phase, phases, ScoreMethod.DegradationV1);

    [Fact]
    public void A_phase_is_explained_from_its_components_numbers()
    {
        var baseline = new PhaseScore("baseline", 100, [Availability(1, 1, 1), Latency(1, ("p95_ms", 200), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var outage = new PhaseScore("outage", 44.4, [
            Availability(0.5, 0.5, 1, fallback: 0.2),
            Latency(250.0 / 800, ("p95_ms", 800), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var recovery = new PhaseScore("recovery", 100, [Availability(1, 1, 1), Latency(1, ("p95_ms", 230), ("baseline_p95_ms", 200), ("tolerated_p95_ms", 250))]);
        var card = Card(baseline, outage, recovery);

        Assert.Equal("baseline: availability 100%, p95 200 ms", ScoreWords.Explain(card, baseline));
        Assert.Equal("availability 50% vs 100% in the baseline, 20% served by fallback; p95 800 ms vs 200 ms in the baseline (4× slower)",
            ScoreWords.Explain(card, outage));
        Assert.Equal("availability 100% vs 100% in the baseline; p95 230 ms, as fast as the baseline", ScoreWords.Explain(card, recovery));
    }

    [Fact]
    public void A_phase_alone_or_without_requests_says_so()
    {
        var alone = new PhaseScore("only", 100, [Availability(1, 1, null), Latency(1, ("p95_ms", 1234))]);
        var empty = new PhaseScore("quiet", 0, [
            ScoreComponent.Of(ScoreComponentNames.Availability, 0, 0.7, ("scheduled", 0)),
            ScoreComponent.Of(ScoreComponentNames.Latency, 0, 0.3, ("completed", 0))]);

        Assert.Equal("availability 100%; p95 1,234 ms", ScoreWords.Explain(Card(alone), alone));
        Assert.Equal("no requests were scheduled in this phase, so nothing shows how it held up", ScoreWords.Explain(Card(alone, empty), empty));
    }

    [Fact]
    public void A_component_or_method_from_a_newer_version_still_reads()
    {
        var phase = new PhaseScore("outage", 80, [ScoreComponent.Of("token_cost", 0.8, 1)]);

        Assert.Equal("token cost 80% of the baseline's", ScoreWords.Explain(Card(new PhaseScore("baseline", 100, []), phase), phase));
        Assert.Equal("Token cost", ScoreWords.Label(phase.Components[0]));
        Assert.Equal("degradation score, version 2.", ScoreWords.Method(new ScoreMethod("degradation", 2)));
        Assert.StartsWith("Each phase scores 70% × (availability ÷ baseline availability)", ScoreWords.Method(ScoreMethod.DegradationV1));
    }
}
