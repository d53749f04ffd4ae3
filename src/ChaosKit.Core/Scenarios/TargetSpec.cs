namespace ChaosKit.Core.Scenarios;

/// <summary>The application under test.</summary>
/// <param name="Url">
/// Base URL of an application the user already runs, or <see langword="null"/> to start the bundled sample app
/// with its provider base URLs pointed at the fakes.
/// </param>
/// <param name="Location">Where the target was declared.</param>
public sealed record TargetSpec(Uri? Url, SourceLocation Location)
{
    /// <summary>True when ChaosKit starts its bundled sample app as the target.</summary>
    public bool IsBundledSample => Url is null;

    /// <summary>
    /// Path (from <c>/</c>) that the readiness check and the liveness probes of an external target ask, e.g.
    /// <c>/healthz</c>; <see langword="null"/> to ask the base URL itself. Any answer counts as alive.
    /// </summary>
    public string? HealthPath { get; init; }
}
