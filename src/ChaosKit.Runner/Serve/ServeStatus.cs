using System.Text.Json.Serialization;

namespace ChaosKit.Runner.Serve;

/// <summary>Where a serve session is, as <c>GET /__chaoskit/status</c> returns it and the console shows it.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="State"><c>running</c>, <c>paused</c> or <c>finished</c> (past the last phase: no timeline faults).</param>
/// <param name="ElapsedSeconds">Run time on the (scaled) timeline.</param>
/// <param name="DurationSeconds">Scaled length of the whole timeline.</param>
/// <param name="Phase">The phase running now; <see langword="null"/> once finished.</param>
/// <param name="Phases">Every phase, in order.</param>
/// <param name="Providers">Where each fake listens.</param>
/// <param name="LiveFaults">Faults switched on by hand, described.</param>
public sealed record ServeStatus(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("elapsed_seconds")] double ElapsedSeconds,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("phase")] ServePhase? Phase,
    [property: JsonPropertyName("phases")] IReadOnlyList<ServePhase> Phases,
    [property: JsonPropertyName("providers")] IReadOnlyList<ServeProvider> Providers,
    [property: JsonPropertyName("live_faults")] IReadOnlyList<string> LiveFaults);

/// <summary>A phase of a serve session.</summary>
/// <param name="Number">1-based position, as the console keys and <c>/phase/{number}</c> use it.</param>
/// <param name="Name">Phase name.</param>
/// <param name="StartSeconds">Scaled start offset.</param>
/// <param name="EndSeconds">Scaled end offset.</param>
/// <param name="Faults">Its faults, described.</param>
public sealed record ServePhase(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("start_seconds")] double StartSeconds,
    [property: JsonPropertyName("end_seconds")] double EndSeconds,
    [property: JsonPropertyName("faults")] IReadOnlyList<string> Faults);

/// <summary>A fake of a serve session.</summary>
/// <param name="Name">Provider name.</param>
/// <param name="Kind">Provider kind, lower case.</param>
/// <param name="BaseUrl">Where it listens.</param>
public sealed record ServeProvider(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("base_url")] string BaseUrl);
