using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// Runs one workflow iteration: renders its variables, then runs its steps in order under one trace id, each with the
/// scenario's timeout; the first step that fails ends the iteration and the rest are recorded as skipped. Records a
/// sample per step and one for the iteration (scheduled start to the end of its last step). Never throws.
/// </summary>
/// <remarks>One executor serves every iteration of its workflow.</remarks>
internal sealed class WorkflowExecutor(
    CompiledWorkflow workflow, TimedExchange exchange, Uri baseUrl, RunClock clock, ISampleSink iterations, IStepSink steps)
    : IIterationExecutor
{
    private long _abandoned;

    /// <summary>Iterations cancelled by the run before they ended.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <inheritdoc />
    public async Task ExecuteAsync(Arrival arrival, CancellationToken runToken)
    {
        var faker = IterationRandom.RentFaker(workflow.Seed, arrival.Iteration);
        try
        {
            await RunAsync(arrival, new IterationState(faker), runToken).ConfigureAwait(false);
        }
        finally
        {
            IterationRandom.Return(faker);
        }
    }

    private async Task RunAsync(Arrival arrival, IterationState state, CancellationToken runToken)
    {
        var time = clock.TimeProvider;
        var w = workflow.Index;
        TimeSpan? firstSent = null;
        var outcome = IterationOutcome.Ok;
        var status = 0;
        var failedAt = -1;
        try
        {
            foreach (var (name, template) in workflow.Variables) state.Values[name] = template.Render(state);
        }
#pragma warning disable CA1031 // A variable that fails to render is this iteration's Error, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcome = IterationOutcome.Error;
            failedAt = 0;
        }

        for (var i = 0; i < workflow.Steps.Length; i++)
        {
            if (failedAt >= 0)
            {
                steps.Record(StepSample.Skipped(w, i, arrival.Offset));
                continue;
            }
            var (_, renderer, judge) = workflow.Steps[i];
            var result = await exchange.RunAsync<Step, (StepOutcome, string?)>(
                new Step(renderer, judge, baseUrl, state, workflow.Seed, arrival.Iteration, i), arrival.Iteration, runToken).ConfigureAwait(false);
            if (result.End == ExchangeEnd.Abandoned)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
            var step = ToSample(result, w, i, arrival.Offset);
            steps.Record(step);
            firstSent ??= step.Sent;
            status = step.StatusCode;
            switch (step.Outcome)
            {
                case StepOutcome.Fallback: outcome = IterationOutcome.Fallback; break;
                case StepOutcome.Failed: outcome = IterationOutcome.Failed; failedAt = i; break;
                case StepOutcome.Timeout: outcome = IterationOutcome.Timeout; failedAt = i; break;
                case StepOutcome.Error: outcome = IterationOutcome.Error; failedAt = i; break;
            }
        }

        var ended = clock.OffsetOf(time.GetTimestamp());
        iterations.Record(new IterationSample(arrival.Iteration, arrival.Offset, firstSent ?? ended, ended, outcome, status));
    }

    /// <summary>The step's sample: its judgement, or why it has none (<c>render</c>, <c>timeout</c>, <c>error</c>).</summary>
    private static StepSample ToSample(in ExchangeResult<(StepOutcome Outcome, string? Failure)> result, int workflowIndex, int index, TimeSpan scheduled)
    {
        var (outcome, failure) = result.End switch
        {
            ExchangeEnd.Judged => result.Verdict,
            ExchangeEnd.NotRendered => (StepOutcome.Error, "render"),
            ExchangeEnd.Timeout => (StepOutcome.Timeout, "timeout"),
            _ => (StepOutcome.Error, "error"),
        };
        return new StepSample(workflowIndex, index, scheduled, result.Sent, result.FirstByte, result.Ended, outcome, result.StatusCode, failure);
    }

    /// <summary>
    /// One step of one iteration: rendered with the iteration's state under the step's own parent id in the
    /// iteration's trace; judged by the step's checks, whose captures go into that state.
    /// </summary>
    private readonly struct Step(StepRenderer renderer, StepJudge judge, Uri baseUrl, IterationState state, int seed, long iteration, int index)
        : IExchangeCaller<(StepOutcome, string?)>
    {
        public bool KeepsBody => judge.NeedsBody;

        // A step records its time to first byte when the answer streams.
        public bool TimesFirstByte => true;

        public HttpRequestMessage CreateRequest() =>
            renderer.Create(baseUrl, state, IterationRandom.TraceParent(seed, iteration, index));

        public (StepOutcome, string?) Judge(HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeSpan elapsed) =>
            judge.Judge(new StepResponse(response, body, elapsed), state);
    }
}
