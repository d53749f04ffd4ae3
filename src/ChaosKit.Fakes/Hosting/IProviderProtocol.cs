namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A provider's wire protocol: routes, validation, success bodies and error bodies. The hosting layer handles
/// everything shared (phase, dice, journal, cancellation); a new provider only implements this.
/// </summary>
internal interface IProviderProtocol
{
    /// <summary>
    /// Answers one call by writing <see cref="FakeExchange.Response"/>. Calls
    /// <see cref="FakeExchange.ApplyFaultsAsync"/> once the request is known to be well formed, and renders the
    /// returned error in the provider's format.
    /// </summary>
    Task HandleAsync(FakeExchange exchange, CancellationToken ct);

    /// <summary>Answers with a 500 in the provider's format when the fake itself failed (a ChaosKit bug).</summary>
    Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct);
}
