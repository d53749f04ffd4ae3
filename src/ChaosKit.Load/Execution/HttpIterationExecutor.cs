using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Execution;

/// <summary>
/// Runs one iteration: renders its request, sends it, reads the whole body, classifies the answer and records
/// the three timestamps (the sending, timing and error handling are <see cref="TimedExchange"/>'s). Never throws;
/// an iteration cut short by the run's cancellation is not recorded (it has no outcome) but counted in <see cref="Abandoned"/>.
/// </summary>
/// <remarks>One executor serves every iteration of a run.</remarks>
internal sealed class HttpIterationExecutor(TimedExchange exchange, RequestRenderer renderer, Uri baseUrl, FallbackMarker? fallback, ISampleSink sink)
    : IIterationExecutor
{
    private long _abandoned;

    /// <summary>Iterations cancelled by the run (Ctrl+C or the drain limit) before they ended.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <inheritdoc />
    public async Task ExecuteAsync(Arrival arrival, CancellationToken runToken)
    {
        var result = await exchange.RunAsync<OneRequest, IterationOutcome>(
            new OneRequest(renderer, baseUrl, fallback, arrival.Iteration), arrival.Iteration, runToken).ConfigureAwait(false);
        if (result.End == ExchangeEnd.Abandoned)
        {
            Interlocked.Increment(ref _abandoned);
            return;
        }
        var outcome = result.End switch
        {
            ExchangeEnd.Judged => result.Verdict,
            ExchangeEnd.Timeout => IterationOutcome.Timeout,
            _ => IterationOutcome.Error, // a template that failed to render, or a refused, reset or malformed exchange
        };
        sink.Record(new IterationSample(arrival.Iteration, arrival.Offset, result.Sent, result.Ended, outcome, result.StatusCode));
    }

    /// <summary>The iteration's request, judged by status and fallback marker; the body is drained, not kept.</summary>
    private readonly struct OneRequest(RequestRenderer renderer, Uri baseUrl, FallbackMarker? fallback, long iteration)
        : IExchangeCaller<IterationOutcome>
    {
        public bool KeepsBody => false;

        public bool TimesFirstByte => false;

        public HttpRequestMessage CreateRequest() => renderer.CreateMessage(iteration, baseUrl);

        public IterationOutcome Judge(HttpResponseMessage response, ReadOnlyMemory<byte> body, TimeSpan elapsed) =>
            OutcomeClassifier.Classify(response, fallback);
    }
}
