using ChaosKit.Core.Scenarios;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// One step of a workflow ready to run: how its request is made for an iteration and how its answer is judged.
/// A workflow's step renders a template (<see cref="StepRenderer"/>); a one-request load's one step renders
/// <c>load.request</c> as it always has (<see cref="Requests.RequestRenderer"/>).
/// </summary>
/// <param name="Spec">The step as written.</param>
/// <param name="Request">Makes its request.</param>
/// <param name="Judge">Judges its answer.</param>
/// <param name="TimesFirstByte">
/// True to time a streamed answer's first byte: workflow steps. A one-request load's step does not, so that its
/// requests skip the look at the headers that tells a streamed answer apart (documented in docs/scenarios.md).
/// </param>
internal sealed record CompiledStep(StepSpec Spec, IStepRequest Request, StepJudge Judge, bool TimesFirstByte)
{
    /// <summary>The name of its requests' spans: method and path template, as HTTP client spans are named (<see cref="LoadTelemetry"/>).</summary>
    public string SpanName { get; } = $"{Spec.Request.Method} {Spec.Request.Path}";
}

/// <summary>Makes a step's request for one iteration.</summary>
internal interface IStepRequest
{
    /// <summary>True when rendering reads the iteration's state (its variables, captures and seeded Faker).</summary>
    bool UsesState { get; }

    /// <summary>Pays the first render's set-up costs before the clock starts, so they do not show as dispatch delay.</summary>
    void Prewarm(Uri baseUrl);

    /// <summary>
    /// The request of step <paramref name="step"/> of iteration <paramref name="iteration"/>, under the trace of the
    /// iteration (seeded by <paramref name="seed"/>). May throw: the step then ends as not rendered.
    /// </summary>
    HttpRequestMessage Create(Uri baseUrl, IterationState? state, int seed, long iteration, int step);
}
