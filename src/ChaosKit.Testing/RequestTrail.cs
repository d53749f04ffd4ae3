namespace ChaosKit.Testing;

/// <summary>
/// The provider calls one request of the app caused, found by the trace id (or correlation id) they carried: its
/// attempts in the order they arrived, its retries, the fallback it took, the tokens it spent.
/// </summary>
public sealed class RequestTrail
{
    internal RequestTrail(string id, IReadOnlyList<ProviderCall> attempts)
    {
        Id = id;
        Attempts = attempts;
        Success = attempts.FirstOrDefault(a => a.Succeeded);
    }

    /// <summary>The trace id or correlation id the calls were found by.</summary>
    public string Id { get; }

    /// <summary>Every call it caused, to any provider, in the order they arrived; empty when none reached a fake.</summary>
    public IReadOnlyList<ProviderCall> Attempts { get; }

    /// <summary>Calls after the first one, to any provider: <c>Attempts.Count - 1</c>, or 0 without calls.</summary>
    public int Retries => Math.Max(0, Attempts.Count - 1);

    /// <summary>The calls that came before the <c>retry-after</c> the client had been given ran out.</summary>
    public IReadOnlyList<ProviderCall> EarlyRetries => [.. Attempts.Where(a => a.IsEarlyRetry)];

    /// <summary>The providers called, each once, in the order first called.</summary>
    public IReadOnlyList<string> Providers => [.. Attempts.Select(a => a.Provider).Distinct(StringComparer.Ordinal)];

    /// <summary>The first call that gave a whole answer; <see langword="null"/> when none did.</summary>
    public ProviderCall? Success { get; }

    /// <summary>True when some call gave a whole answer.</summary>
    public bool Succeeded => Success is not null;

    /// <summary>The provider whose answer served the request; <see langword="null"/> when no call succeeded (the app failed, or answered from its own fallback).</summary>
    public string? ServedBy => Success?.Provider;

    /// <summary>True when another provider than the first one called gave the answer: a fallback to another provider.</summary>
    public bool FellBack => Success is { } success && success.Provider != Attempts[0].Provider;

    /// <summary>Calls to <paramref name="provider"/>.</summary>
    public IReadOnlyList<ProviderCall> To(string provider) => [.. Attempts.Where(a => a.Provider == provider)];

    /// <summary>Tokens the calls would be billed (input and output of every answer under way).</summary>
    public long TokensBilled => Attempts.Sum(a => a.TokensBilled);

    /// <summary>Of <see cref="TokensBilled"/>, those of answers that never reached the app whole.</summary>
    public long TokensWasted => Attempts.Sum(a => a.TokensWasted);

    /// <summary>Input tokens of every call, as the fakes estimated them.</summary>
    public long InputTokens => Attempts.Sum(a => (long)(a.InputTokens ?? 0));

    /// <summary>Output tokens the fakes sent.</summary>
    public long OutputTokens => Attempts.Sum(a => (long)(a.OutputTokens ?? 0));

    /// <summary>One line per attempt (<c>claude POST /v1/messages 529 error</c>), for an assertion's message.</summary>
    public override string ToString() => Attempts.Count == 0
        ? $"{Id}: no provider calls"
        : $"{Id}: " + string.Join("; ", Attempts.Select(a => $"{a.Provider} {a.Route} {a.Status}{(a.Fault is null ? "" : " " + a.Fault)}{(a.IsEarlyRetry ? " early" : "")}"));
}
