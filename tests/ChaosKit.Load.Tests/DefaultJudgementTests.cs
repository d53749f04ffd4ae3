using System.Net;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load.Tests;

/// <summary>How a step without checks (a one-request load's) is judged: the 2xx rule, then the fallback marker.</summary>
public sealed class DefaultJudgementTests
{
    private static readonly FallbackMarker Marker = new("X-Fallback", " true ");

    private static StepOutcome Classify(HttpResponseMessage response, FallbackMarker? marker)
    {
        var noChecks = new StepSpec("request", Fixtures.Get("/"), [], [], SourceLocation.None);
        return new StepJudge(noChecks, marker, [], "load.request").Judge(new StepResponse(response, ReadOnlyMemory<byte>.Empty, TimeSpan.Zero), null).Outcome;
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("cache, true ,stale", true)]
    [InlineData("truest", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    public void A_2xx_is_a_fallback_when_any_listed_value_matches_the_marker(string header, bool fallback)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Fallback", header);

        Assert.Equal(fallback ? StepOutcome.Fallback : StepOutcome.Ok, Classify(response, Marker));
    }

    [Fact]
    public void The_marker_counts_in_a_repeated_header_and_in_content_headers()
    {
        using var repeated = new HttpResponseMessage(HttpStatusCode.OK);
        repeated.Headers.TryAddWithoutValidation("X-Fallback", ["no", "True"]);
        using var content = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        content.Content.Headers.TryAddWithoutValidation("X-Fallback", "true");

        Assert.Equal(StepOutcome.Fallback, Classify(repeated, Marker));
        Assert.Equal(StepOutcome.Fallback, Classify(content, Marker));
    }

    [Fact]
    public void Outside_2xx_is_failed_whatever_the_marker()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("X-Fallback", "true");

        Assert.Equal(StepOutcome.Failed, Classify(response, Marker));
        Assert.Equal(StepOutcome.Ok, Classify(new HttpResponseMessage(HttpStatusCode.NoContent), null));
    }
}
