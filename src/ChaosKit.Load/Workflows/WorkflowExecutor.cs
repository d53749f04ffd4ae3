using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// Runs one iteration of a workflow (a one-request load's is one step): renders its variables, then runs its steps in
/// order under one trace id, each with the scenario's timeout; the first step that fails ends the iteration and the
/// rest are recorded as skipped. Records a sample per step and one for the iteration (scheduled start to the end of
/// its last step); an iteration of one step records both in one call. Never throws; an iteration cut short by the run's cancellation is not recorded but counted in
/// <see cref="Abandoned"/>.
/// </summary>
/// <remarks>
/// One executor serves every iteration of its workflow. This is the per-request path: an iteration that needs no
/// state (a one-request load's) rents no Faker, allocates no state and takes the sink's lock once; the rest is
/// <see cref="TimedExchange"/>'s.
/// </remarks>
internal sealed class WorkflowExecutor : IIterationExecutor
{
    private readonly CompiledWorkflow _workflow;
    private readonly TimedExchange _exchange;
    private readonly Uri _baseUrl;
    private readonly RunClock _clock;
    private readonly ISampleSink _sink;
    private long _abandoned;

    /// <summary>Creates the executor of <paramref name="workflow"/> for a run.</summary>
    public WorkflowExecutor(CompiledWorkflow workflow, TimedExchange exchange, Uri baseUrl, RunClock clock, ISampleSink sink)
    {
        _workflow = workflow;
        _exchange = exchange;
        _baseUrl = baseUrl;
        _clock = clock;
        _sink = sink;
    }

    /// <summary>Iterations cancelled by the run (Ctrl+C or the drain limit) before they ended.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <inheritdoc />
    /// <remarks>
    /// A workflow of one step that needs no state (a one-request load's) skips the loop's bookkeeping: every local
    /// that lives across an await is a field of the state machine allocated per iteration, and this one needs none.
    /// </remarks>
    public Task ExecuteAsync(Arrival arrival, CancellationToken runToken) =>
        _workflow.Steps.Length == 1 && !_workflow.NeedsState ? RunOneStepAsync(arrival, runToken) : RunStepsAsync(arrival, runToken);

    private async Task RunOneStepAsync(Arrival arrival, CancellationToken runToken)
    {
        var result = await _exchange.RunAsync(
            new StepCall(this, null, arrival.Iteration, 0), arrival.Iteration, runToken).ConfigureAwait(false);
        if (result.End == ExchangeEnd.Abandoned)
        {
            Abandon(result);
            return;
        }
        var step = StepOf(result, 0, arrival.Offset);
        LoadTelemetry.Finish(result, step, _workflow.Steps[0], _workflow.Spec.Name, _clock.Timeline);
        _sink.Record(new IterationSample(arrival.Iteration, arrival.Offset, step.Sent, step.Ended, OutcomeOf(step.Outcome), step.StatusCode, _workflow.Index), step);
    }

    private async Task RunStepsAsync(Arrival arrival, CancellationToken runToken)
    {
        var state = _workflow.NeedsState ? new IterationState(IterationRandom.RentFaker(_workflow.Seed, arrival.Iteration)) : null;
        try
        {
            var outcome = state is not null && !RenderVariables(state) ? IterationOutcome.Error : IterationOutcome.Ok;
            var failed = outcome != IterationOutcome.Ok;
            var firstSent = NotYet;
            var lastEnded = NotYet;
            var status = 0;
            for (var i = 0; i < _workflow.Steps.Length; i++)
            {
                if (failed)
                {
                    _sink.Record(StepSample.Skipped(_workflow.Index, i, arrival.Offset));
                    continue;
                }
                var result = await _exchange.RunAsync(
                    new StepCall(this, state, arrival.Iteration, i), arrival.Iteration, runToken).ConfigureAwait(false);
                if (result.End == ExchangeEnd.Abandoned)
                {
                    Abandon(result);
                    return;
                }
                var step = StepOf(result, i, arrival.Offset);
                LoadTelemetry.Finish(result, step, _workflow.Steps[i], _workflow.Spec.Name, _clock.Timeline);
                _sink.Record(step);
                if (firstSent == NotYet) firstSent = step.Sent;
                lastEnded = step.Ended;
                status = step.StatusCode;
                if (step.Outcome != StepOutcome.Ok) outcome = OutcomeOf(step.Outcome);
                failed = step.Outcome is StepOutcome.Failed or StepOutcome.Timeout or StepOutcome.Error;
            }

            // No step ran when its variables failed: the iteration then ends now, sent never.
            var ended = lastEnded == NotYet ? _clock.OffsetOf(_clock.TimeProvider.GetTimestamp()) : lastEnded;
            _sink.Record(new IterationSample(arrival.Iteration, arrival.Offset, firstSent == NotYet ? ended : firstSent, ended, outcome, status, _workflow.Index));
        }
        finally
        {
            if (state is not null) IterationRandom.Return(state.Faker);
        }
    }

    private static readonly TimeSpan NotYet = TimeSpan.MinValue;

    /// <summary>Counts an exchange the run's cancellation cut short (not recorded), and ends its span.</summary>
    private void Abandon(in ExchangeResult result)
    {
        Interlocked.Increment(ref _abandoned);
        LoadTelemetry.Abandon(result.Span);
    }

    /// <summary>Renders the iteration's variables in order; false when one fails (the iteration's Error, not the run's).</summary>
    private bool RenderVariables(IterationState state)
    {
        try
        {
            foreach (var (name, template) in _workflow.Variables) state.Values[name] = template.Render(state);
            return true;
        }
#pragma warning disable CA1031 // A variable that fails to render is this iteration's Error, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Step <paramref name="index"/>'s sample: its judgement, or why it has none (<c>render</c>, <c>timeout</c>, <c>error</c>).</summary>
    private StepSample StepOf(in ExchangeResult result, int index, TimeSpan scheduled)
    {
        var (outcome, failure) = result.End switch
        {
            ExchangeEnd.Judged => (result.Verdict.Outcome, _workflow.Steps[index].Judge.ReasonOf(result.Verdict)),
            ExchangeEnd.NotRendered => (StepOutcome.Error, "render"),
            ExchangeEnd.Timeout => (StepOutcome.Timeout, "timeout"),
            _ => (StepOutcome.Error, "error"),
        };
        return new StepSample(_workflow.Index, index, scheduled, result.Sent, result.FirstByte, result.Ended, outcome, result.StatusCode, failure);
    }

    /// <summary>What a step's outcome makes of its iteration: a fallback marks it, a failure ends it.</summary>
    private static IterationOutcome OutcomeOf(StepOutcome step) => step switch
    {
        StepOutcome.Fallback => IterationOutcome.Fallback,
        StepOutcome.Failed => IterationOutcome.Failed,
        StepOutcome.Timeout => IterationOutcome.Timeout,
        StepOutcome.Error => IterationOutcome.Error,
        _ => IterationOutcome.Ok,
    };

    /// <summary>
    /// Step <paramref name="index"/> of one iteration: rendered (with the iteration's state, if it has one) under the
    /// step's own parent id in the iteration's trace; judged by the step's checks, whose captures go into that state.
    /// </summary>
    private readonly struct StepCall(WorkflowExecutor run, IterationState? state, long iteration, int index) : IExchangeCaller
    {
        private CompiledStep Step => run._workflow.Steps[index];

        public bool KeepsBody => Step.Judge.NeedsBody;

        public bool TimesFirstByte => Step.TimesFirstByte;

        public HttpRequestMessage CreateRequest() => Step.Request.Create(run._baseUrl, state, run._workflow.Seed, iteration, index);

        public StepVerdict Judge(HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeSpan elapsed) =>
            Step.Judge.Judge(new StepResponse(response, body, elapsed), state);
    }
}
