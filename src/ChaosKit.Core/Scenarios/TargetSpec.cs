namespace ChaosKit.Core.Scenarios;

/// <summary>The application under test.</summary>
/// <param name="Url">
/// Base URL of the application; <see langword="null"/> for the bundled sample app, or, with <see cref="Command"/>, for
/// <c>http://127.0.0.1:$PORT</c> on the port ChaosKit picks for the command.
/// </param>
/// <param name="Location">Where the target was declared.</param>
public sealed record TargetSpec(Uri? Url, SourceLocation Location)
{
    /// <summary>True when ChaosKit starts its bundled sample app as the target.</summary>
    public bool IsBundledSample => Url is null && Command is null;

    /// <summary>
    /// Path (from <c>/</c>) that the readiness check and the liveness probes of an external target ask, e.g.
    /// <c>/healthz</c>; <see langword="null"/> to ask the base URL itself. Any answer counts as alive.
    /// </summary>
    public string? HealthPath { get; init; }

    /// <summary>
    /// A command line ChaosKit runs as the target (<c>target.command</c>, through the shell), with the fakes' variables
    /// and <c>PORT</c> in its environment, and stops after the run; <see langword="null"/> when ChaosKit starts none.
    /// </summary>
    public string? Command { get; init; }

    /// <summary>The command's working folder as written, relative to the scenario file's; <see langword="null"/> for that folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The bundled sample app's resilience profile (<c>target.profile</c>, one of <see cref="SampleAppProfiles"/>);
    /// <see langword="null"/> for the app's default (<c>sdk-defaults</c>) or for a target that is not the sample app.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>
    /// A second profile of the bundled sample app to run first with the same seed and traffic, as the reference the
    /// judged run is compared with (<c>target.compare_with</c>); <see langword="null"/> for a single run.
    /// </summary>
    public string? CompareWith { get; init; }

    /// <summary>The resilience profiles the bundled sample app knows, from the least to the most careful.</summary>
    public static IReadOnlyList<string> SampleAppProfiles { get; } = ["naive", "sdk-defaults", "resilient"];

    /// <summary>The profile the bundled sample app runs when the scenario names none.</summary>
    public const string DefaultSampleAppProfile = "sdk-defaults";

    /// <summary>The profile the bundled sample app runs as (its default when none is named); <see langword="null"/> for another target.</summary>
    public string? SampleAppProfile => IsBundledSample ? Profile ?? DefaultSampleAppProfile : null;

    /// <summary>Variables added to the started app's environment (a command, or the bundled sample app); <c>${NAME}</c> in a value refers to one ChaosKit sets, or to its own environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The path the command's readiness is checked at (a 2xx answer), e.g. <c>/healthz</c>.</summary>
    public string ReadyPath { get; init; } = "/";

    /// <summary>How long the command may take to become ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = DefaultReadyTimeout;

    /// <summary>
    /// The command's <see cref="Environment"/> with each <c>${NAME}</c> replaced: from <paramref name="given"/> (the
    /// variables ChaosKit sets for it), else from <paramref name="inherited"/> (ChaosKit's own environment).
    /// </summary>
    /// <exception cref="ScenarioException">A reference names a variable neither holds.</exception>
    public IReadOnlyDictionary<string, string> ExpandEnvironment(IReadOnlyDictionary<string, string> given, Func<string, string?> inherited)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(inherited);
        var expanded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Environment)
        {
            expanded[name] = Loading.Sections.TargetSection.Reference().Replace(value, match =>
            {
                var reference = match.Groups[1].Value;
                return given.TryGetValue(reference, out var set) ? set
                    : inherited(reference) ?? throw new ScenarioException(Location, $"target.env.{name}",
                        $"${{{reference}}} is neither a variable ChaosKit sets ({string.Join(", ", given.Keys.Order(StringComparer.Ordinal))}) nor one in its environment");
            });
        }
        return expanded;
    }

    /// <summary>The default of <see cref="ReadyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The longest <see cref="ReadyTimeout"/>.</summary>
    public static readonly TimeSpan MaxReadyTimeout = TimeSpan.FromMinutes(10);
}
