using Bogus;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load.Tests;

/// <summary>Per-step recording, merging and templates, without a network.</summary>
public sealed class WorkflowMeasurementTests
{
    private static StepSample Ran(int millis, StepOutcome outcome = StepOutcome.Ok, string? failure = null, int? firstByte = null) =>
        new(0, 0, TimeSpan.Zero, TimeSpan.FromSeconds(1), firstByte is { } f ? TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(f) : null,
            TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(millis), outcome, outcome == StepOutcome.Ok ? 200 : 500, failure);

    [Fact]
    public void Merging_step_recorders_loses_nothing()
    {
        var a = new StepRecorder();
        var b = new StepRecorder();
        var all = new StepRecorder();
        for (var i = 1; i <= 500; i++)
        {
            var sample = i % 10 == 0 ? Ran(i, StepOutcome.Failed, "status 2xx") : Ran(i, firstByte: i / 2);
            (i % 3 == 0 ? a : b).Record(sample);
            all.Record(sample);
        }
        a.Record(StepSample.Skipped(0, 0, TimeSpan.Zero));
        all.Record(StepSample.Skipped(0, 0, TimeSpan.Zero));

        var merged = new StepRecorder();
        merged.Add(a);
        merged.Add(b);
        var expected = all.ToStats("w", "s");
        var actual = merged.ToStats("w", "s");

        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Latency, actual.Latency); // every percentile, and the spectrum, compared by content
        Assert.Equal(expected.TimeToFirstByte, actual.TimeToFirstByte);
        Assert.Equal(expected.Failures, actual.Failures);
        Assert.Equal(expected.StatusCodes, actual.StatusCodes);
        Assert.Equal(new Core.Results.StepCounts(450, 0, 50, 0, 0, 1), actual.Counts);
    }

    [Fact]
    public void Any_percentile_is_read_from_the_spectrum_and_agrees_with_the_fixed_ones()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 1000; i++) recorder.Record(TimeSpan.FromMilliseconds(i));

        var summary = recorder.ToSummary();

        Assert.Equal(summary.P95Ms, summary.PercentileMs(95));
        Assert.Equal(summary.P75Ms, summary.PercentileMs(75));
        Assert.InRange(summary.P75Ms, 749, 751);
        Assert.InRange(summary.PercentileMs(99.5)!.Value, 994, 996.1);
        Assert.InRange(summary.PercentileMs(12.5)!.Value, 124, 126);
        Assert.Equal(summary.Spectrum!.ValueAtMs(99.9), recorder.PercentileMs(99.9), 3);
        Assert.Equal(1000, summary.PercentileMs(100));
        Assert.Null(new LatencyRecorder().ToSummary().PercentileMs(50));
    }

    [Fact]
    public void Templates_mix_literals_variables_captures_and_bogus_data_reproducibly()
    {
        var bogus = new List<TemplateExpression>();
        var template = TemplateText.Compile("/api/{{ user }}/history/{{answer_id}}?q={{lorem.word}}", "path", bogus);
        Assert.Equal(["{{lorem.word}}"], bogus.Select(b => b.Text));

        string Render(int seed)
        {
            var state = new IterationState(new Faker("en") { Random = new Randomizer(seed) });
            state.Values["user"] = "ada";
            state.Values["answer_id"] = "42";
            return template.Render(state);
        }

        Assert.StartsWith("/api/ada/history/42?q=", Render(1));
        Assert.DoesNotContain("{{", Render(1));
        Assert.Equal(Render(7), Render(7));
        Assert.True(TemplateText.Compile("plain", "f", bogus).IsLiteral);
        Assert.Throws<KeyNotFoundException>(() => template.Render(new IterationState(new Faker("en"))));
    }
}
