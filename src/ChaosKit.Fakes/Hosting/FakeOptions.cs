using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Hosting;

/// <summary>How the fake providers behave apart from the scenario's faults.</summary>
public sealed record FakeOptions
{
    /// <summary>The defaults.</summary>
    public static FakeOptions Default { get; } = new();

    /// <summary>
    /// Whether calls without credentials (<c>x-api-key</c>, or <c>Authorization: Bearer</c> for OAuth) get the
    /// provider's 401, as the real service answers. Any non-empty key is accepted.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool RequireApiKey { get; init; } = true;

    /// <summary>Faults switched on by hand while the fakes run (<c>chaoskit serve</c>); <see langword="null"/> for none.</summary>
    public LiveFaults? LiveFaults { get; init; }

    /// <summary>
    /// Where to write the call journal, one JSON object per call (JSON Lines), e.g. <c>reports/run/journal.jsonl</c>;
    /// <see langword="null"/> writes none. The file is replaced if it exists.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? JournalPath { get; init; }

    /// <summary>
    /// The most the journal's files may hold together; past half of it, <c>journal.jsonl</c> rotates to
    /// <c>journal.1.jsonl</c> (see <see cref="JournalLimits"/>). At least <see cref="JournalLimits.MinimumBytes"/>.
    /// </summary>
    /// <value>Defaults to <see cref="JournalLimits.DefaultBytes"/> (1 GiB).</value>
    public long JournalLimitBytes { get; init; } = JournalLimits.DefaultBytes;

    /// <summary>
    /// A request header whose value the journal records as the call's correlation id (e.g. <c>x-correlation-id</c>);
    /// calls without it fall back to their W3C <c>traceparent</c> trace id.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the trace id only.</value>
    public string? CorrelationHeader { get; init; }

    /// <summary>The fault kinds the scenario's faults are built from; <see cref="FaultCatalog.Default"/> when null. For tests.</summary>
    internal FaultCatalog? Faults { get; init; }

    /// <summary>
    /// Sees every call as the journal counts it, on the thread that answered it, just after its answer went out
    /// (ChaosKit.Testing keeps an in-memory journal this way). Keep it quick, and never throw from it.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public Action<CallRecord>? OnCall { get; init; }
}
