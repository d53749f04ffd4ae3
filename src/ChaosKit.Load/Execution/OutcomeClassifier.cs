using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Measurement;

namespace ChaosKit.Load.Execution;

/// <summary>Maps a response to an outcome: 2xx is Ok, or Fallback when it carries the fallback marker; anything else is Failed.</summary>
internal static class OutcomeClassifier
{
    /// <summary>Classifies a response whose body was read completely.</summary>
    public static IterationOutcome Classify(HttpResponseMessage response, FallbackMarker? fallback)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 299) return IterationOutcome.Failed;
        return fallback is not null && HasMarker(response, fallback) ? IterationOutcome.Fallback : IterationOutcome.Ok;
    }

    internal static bool HasMarker(HttpResponseMessage response, FallbackMarker marker)
    {
        if (!response.Headers.TryGetValues(marker.Header, out var values)
            && !response.Content.Headers.TryGetValues(marker.Header, out values))
            return false;
        var wanted = marker.Value.AsSpan().Trim();
        foreach (var value in values)
        {
            // A header may repeat or carry a comma-separated list; any element that matches counts. Split as spans:
            // this runs for every response of a run.
            foreach (var range in value.AsSpan().Split(','))
            {
                if (value.AsSpan(range).Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}
