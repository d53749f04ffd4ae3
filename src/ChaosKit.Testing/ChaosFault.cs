using System.Globalization;

namespace ChaosKit.Testing;

/// <summary>
/// A fault as a scenario file writes it (<c>kind</c>, <c>provider</c>, <c>rate</c>, <c>route</c>, <c>model</c> and the
/// kind's own settings), built in C#: for a phase of a <see cref="ChaosScenario"/>, or to switch on while the fakes run
/// (<see cref="ChaosFakes.SwitchOn"/>). Immutable: each method returns a changed copy.
/// </summary>
/// <remarks>
/// Nothing is checked here: the fault is written out as YAML and read by the scenario loader with the fakes' fault
/// catalog, exactly as a file's faults are, so a bad setting fails with the loader's message, naming the field
/// (<c>timeline[1].faults[0].status</c>). The settings keep the names the fault kinds read (see <c>docs/scenarios.md</c>).
/// </remarks>
public sealed record ChaosFault
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _settings = [];

    private ChaosFault(string kind) => Kind = kind;

    /// <summary>The fault kind, e.g. <c>error</c>, <c>latency</c>, <c>rate_limit</c>, <c>stream_cut</c>.</summary>
    public string Kind { get; }

    /// <summary>The provider name it hits; <see langword="null"/> for every provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Share of matching calls it hits, 0 to 1 (the end value of a ramp).</summary>
    /// <value>Defaults to 1: every call.</value>
    public double Rate { get; init; } = 1;

    /// <summary>Where a ramp starts (<c>rate: { from, to }</c>); <see langword="null"/> for a steady rate.</summary>
    public double? RampFrom { get; init; }

    /// <summary>How long the ramp takes (<c>ramp</c>); <see langword="null"/> to ramp over the whole phase.</summary>
    public TimeSpan? RampOver { get; init; }

    /// <summary>On and off spans of a flapping fault (<c>flap: { on, off }</c>); <see langword="null"/> when steady.</summary>
    public (TimeSpan On, TimeSpan Off)? Flap { get; init; }

    /// <summary>Only calls to this route (<c>POST /v1/messages</c> or <c>/v1/messages</c>); <see langword="null"/> for every route.</summary>
    public string? Route { get; init; }

    /// <summary>Only calls for this model (<c>claude-opus-*</c> matches a prefix); <see langword="null"/> for every model.</summary>
    public string? Model { get; init; }

    /// <summary>The kind's own settings as written, in order (e.g. <c>status</c> = <c>529</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings
    {
        get => _settings;
        init => _settings = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>A fault of any kind; add its settings with <see cref="With(string, string)"/>.</summary>
    /// <param name="kind">A kind of the fault catalog, e.g. <c>stream_stall</c>.</param>
    public static ChaosFault Of(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new ChaosFault(kind);
    }

    /// <summary><c>error</c>: the provider's own error body for <paramref name="status"/> (400-599).</summary>
    /// <param name="status">The HTTP status, e.g. 529 or 503.</param>
    /// <param name="retryAfter">Sent as <c>retry-after</c> (whole seconds); <see langword="null"/> for what the provider sends.</param>
    public static ChaosFault Error(int status, TimeSpan? retryAfter = null) =>
        Of("error").With("status", status).WithRetryAfter(retryAfter);

    /// <summary><c>rate_limit</c>: the provider's 429, with <c>retry-after</c> when given.</summary>
    /// <param name="retryAfter">Sent as <c>retry-after</c> (whole seconds); <see langword="null"/> for what the provider sends.</param>
    public static ChaosFault RateLimit(TimeSpan? retryAfter = null) => Of("rate_limit").WithRetryAfter(retryAfter);

    /// <summary><c>overloaded</c>: what the provider answers when it has no capacity (Anthropic 529, others 503).</summary>
    public static ChaosFault Overloaded() => Of("overloaded");

    /// <summary><c>latency</c>: the answer comes <paramref name="delay"/> later (fixed; scaled with the timeline).</summary>
    public static ChaosFault Latency(TimeSpan delay) => Of("latency").With("delay", delay);

    /// <summary><c>stream_cut</c>: a streamed answer stops after <paramref name="afterTokens"/> tokens.</summary>
    /// <param name="afterTokens">Output tokens sent before the cut.</param>
    /// <param name="mode"><c>close</c> (no terminal event), <c>reset</c> (connection torn) or <c>error</c> (the provider's in-stream error).</param>
    public static ChaosFault StreamCut(int afterTokens, string mode = "close") =>
        Of("stream_cut").With("after_tokens", afterTokens).With("mode", mode);

    /// <summary><c>stream_stall</c>: a streamed answer goes silent for <paramref name="stall"/> after <paramref name="afterTokens"/> tokens.</summary>
    public static ChaosFault StreamStall(TimeSpan stall, int afterTokens = 0) =>
        Of("stream_stall").With("stall", stall).With("after_tokens", afterTokens);

    /// <summary><c>hang</c>: the call is accepted and never answered, until the client gives up.</summary>
    public static ChaosFault Hang() => Of("hang");

    /// <summary><c>reset</c>: the connection is cut before any answer.</summary>
    public static ChaosFault Reset() => Of("reset");

    /// <summary><c>connection_refused</c>: nothing listens on the provider's port while it is on (rate stays 1).</summary>
    public static ChaosFault ConnectionRefused() => Of("connection_refused");

    /// <summary>This fault, aimed at the provider named <paramref name="provider"/> only.</summary>
    public ChaosFault On(string provider) => this with { Provider = provider };

    /// <summary>This fault, hitting <paramref name="rate"/> of the matching calls (0 to 1).</summary>
    public ChaosFault WithRate(double rate) => this with { Rate = rate };

    /// <summary>This fault, its rate ramping from <paramref name="from"/> to <paramref name="to"/> over <paramref name="over"/> (or the whole phase).</summary>
    public ChaosFault Ramping(double from, double to, TimeSpan? over = null) => this with { RampFrom = from, Rate = to, RampOver = over };

    /// <summary>This fault, on for <paramref name="on"/> and off for <paramref name="off"/> in turn, starting on.</summary>
    public ChaosFault Flapping(TimeSpan on, TimeSpan off) => this with { Flap = (on, off) };

    /// <summary>This fault, only for calls to <paramref name="route"/> (<c>POST /v1/messages</c> or <c>/v1/messages</c>).</summary>
    public ChaosFault ForRoute(string route) => this with { Route = route };

    /// <summary>This fault, only for calls for <paramref name="model"/> (a trailing <c>*</c> matches a prefix).</summary>
    public ChaosFault ForModel(string model) => this with { Model = model };

    /// <summary>This fault with the setting <paramref name="key"/> written as <paramref name="value"/> (replacing one of that name).</summary>
    /// <param name="key">The setting's name as the fault kind reads it, e.g. <c>message</c>.</param>
    /// <param name="value">The value as a scenario file would write it, e.g. <c>30s</c>.</param>
    public ChaosFault With(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return this with { Settings = [.. _settings.Where(s => s.Key != key), new(key, value)] };
    }

    /// <summary>This fault with the whole-number setting <paramref name="key"/>.</summary>
    public ChaosFault With(string key, int value) => With(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>This fault with the number setting <paramref name="key"/>.</summary>
    public ChaosFault With(string key, double value) => With(key, ScenarioText.Number(value));

    /// <summary>This fault with the duration setting <paramref name="key"/>, written in milliseconds (<c>1500ms</c>).</summary>
    public ChaosFault With(string key, TimeSpan value) => With(key, ScenarioText.Duration(value));

    /// <summary>This fault with the boolean setting <paramref name="key"/>.</summary>
    public ChaosFault With(string key, bool value) => With(key, value ? "true" : "false");

    private ChaosFault WithRetryAfter(TimeSpan? retryAfter) => retryAfter is { } wait ? With("retry_after", wait) : this;
}
