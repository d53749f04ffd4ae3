namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// A call its protocol has resolved (route, credentials, body and model all pass, so the real API would serve it),
/// holding what its answer needs. The <see cref="FakeRequestHandler"/> rolls the faults, then writes this answer,
/// or has the protocol render the injected error instead (<see cref="IProviderProtocol.WriteFaultAsync"/>).
/// </summary>
/// <param name="model">The model (or deployment) the call named, which the provider's error bodies name too.</param>
internal abstract class ResolvedCall(string? model)
{
    /// <summary>The model (or deployment) the call named, which the provider's error bodies name too.</summary>
    public string? Model => model;

    /// <summary>Writes the answer the call resolved to.</summary>
    public abstract Task AnswerAsync(FakeExchange exchange, CancellationToken ct);

    /// <summary>
    /// A call answered by <paramref name="answer"/> from <paramref name="state"/>, whose errors name
    /// <paramref name="model"/>. Pass a delegate created once (a field, or a static method, whose delegate C# caches):
    /// an instance method group converted on every call allocates a delegate each time.
    /// </summary>
    public static ResolvedCall Of<TState>(AnswerWriter<TState> answer, TState state, string? model) => new Resolved<TState>(answer, state, model);

    /// <summary>For a call the protocol answered itself (a refusal): no call to resolve, once the answer is out.</summary>
    public static async ValueTask<ResolvedCall?> AnsweredAsync(Task answer)
    {
        await answer;
        return null;
    }

    private sealed class Resolved<TState>(AnswerWriter<TState> answer, TState state, string? model) : ResolvedCall(model)
    {
        public override Task AnswerAsync(FakeExchange exchange, CancellationToken ct) => answer(exchange, state, ct);
    }
}

/// <summary>Writes the answer of a call a protocol resolved, from what it resolved (<paramref name="state"/>).</summary>
internal delegate Task AnswerWriter<in TState>(FakeExchange exchange, TState state, CancellationToken ct);
