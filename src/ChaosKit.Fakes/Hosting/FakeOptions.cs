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

    /// <summary>Sees every finished call; for tests, until the journal file arrives.</summary>
    internal Action<CallRecord>? OnCall { get; init; }
}
