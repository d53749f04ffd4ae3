namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A provider's wire protocol: routes, validation, success bodies and error bodies. The hosting layer handles
/// everything shared (phase, faults, journal, cancellation). A new provider implements this and its
/// <see cref="IProviderDefinition"/>, which creates it (<see cref="IProviderDefinition.CreateProtocol"/>).
/// </summary>
/// <remarks>
/// A call goes one way: the protocol resolves it (<see cref="ResolveAsync"/>), the <see cref="FakeRequestHandler"/>
/// rolls and applies the phase's faults, then the protocol renders an injected error (<see cref="WriteFaultAsync"/>),
/// a fault writes its own body, or the resolved call writes its answer. Faults thus hit only calls the real API
/// would have served.
/// </remarks>
internal interface IProviderProtocol
{
    /// <summary>
    /// Resolves one call as the real API checks it (route, credentials, body, model, in the provider's order).
    /// Answers a refusal (404, 401, 400) itself and returns <see langword="null"/>; otherwise returns the call, whose
    /// answer waits until the faults have rolled.
    /// </summary>
    ValueTask<ResolvedCall?> ResolveAsync(FakeExchange exchange, CancellationToken ct);

    /// <summary>
    /// Answers a resolved call with the injected error <paramref name="fault"/>, in the provider's own format;
    /// <paramref name="model"/> is the one the call named (<see cref="ResolvedCall.Model"/>).
    /// </summary>
    Task WriteFaultAsync(FakeExchange exchange, Faults.ErrorReply fault, string? model, CancellationToken ct);

    /// <summary>Answers with a 500 in the provider's format when the fake itself failed (a ChaosKit bug).</summary>
    Task WriteFakeFailureAsync(FakeExchange exchange, Exception error, CancellationToken ct);
}
