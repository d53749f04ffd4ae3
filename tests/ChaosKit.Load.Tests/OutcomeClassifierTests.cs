using System.Net;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;

namespace ChaosKit.Load.Tests;

public sealed class OutcomeClassifierTests
{
    private static readonly FallbackMarker Marker = new("X-Fallback", " true ");

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

        Assert.Equal(fallback ? IterationOutcome.Fallback : IterationOutcome.Ok, OutcomeClassifier.Classify(response, Marker));
    }

    [Fact]
    public void The_marker_counts_in_a_repeated_header_and_in_content_headers()
    {
        using var repeated = new HttpResponseMessage(HttpStatusCode.OK);
        repeated.Headers.TryAddWithoutValidation("X-Fallback", ["no", "True"]);
        using var content = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        content.Content.Headers.TryAddWithoutValidation("X-Fallback", "true");

        Assert.Equal(IterationOutcome.Fallback, OutcomeClassifier.Classify(repeated, Marker));
        Assert.Equal(IterationOutcome.Fallback, OutcomeClassifier.Classify(content, Marker));
    }

    [Fact]
    public void Outside_2xx_is_failed_whatever_the_marker()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("X-Fallback", "true");

        Assert.Equal(IterationOutcome.Failed, OutcomeClassifier.Classify(response, Marker));
        Assert.Equal(IterationOutcome.Ok, OutcomeClassifier.Classify(new HttpResponseMessage(HttpStatusCode.NoContent), null));
    }
}
