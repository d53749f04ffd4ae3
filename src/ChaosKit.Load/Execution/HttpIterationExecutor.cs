using System.Buffers;
using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;
using ChaosKit.Load.Scheduling;

namespace ChaosKit.Load.Execution;

/// <summary>
/// Runs one iteration: renders its request, sends it, reads the whole body, classifies the answer and records
/// the three timestamps. Never throws; an iteration cut short by the run's cancellation is not recorded
/// (it has no outcome) but counted in <see cref="Abandoned"/>.
/// </summary>
internal sealed class HttpIterationExecutor : IIterationExecutor
{
    private const int DrainBufferSize = 16 * 1024;

    private readonly HttpClient _client;
    private readonly RequestRenderer _renderer;
    private readonly Uri _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly FallbackMarker? _fallback;
    private readonly RunClock _clock;
    private readonly ISampleSink _sink;
    private long _abandoned;

    /// <summary>Creates an executor; one serves every iteration of a run.</summary>
    public HttpIterationExecutor(
        HttpClient client, RequestRenderer renderer, Uri baseUrl, TimeSpan timeout, FallbackMarker? fallback, RunClock clock, ISampleSink sink)
    {
        _client = client;
        _renderer = renderer;
        _baseUrl = baseUrl;
        _timeout = timeout;
        _fallback = fallback;
        _clock = clock;
        _sink = sink;
    }

    /// <summary>Header that carries the iteration number, for joining the target's logs with the run; <see langword="null"/> for none.</summary>
    public string? CorrelationHeader { get; init; }

    /// <summary>Iterations cancelled by the run (Ctrl+C or the drain limit) before they ended.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <inheritdoc />
    public async Task ExecuteAsync(Arrival arrival, CancellationToken runToken)
    {
        var time = _clock.TimeProvider;
        HttpRequestMessage request;
        try
        {
            request = _renderer.CreateMessage(arrival.Iteration, _baseUrl);
            if (CorrelationHeader is { } header)
                request.Headers.TryAddWithoutValidation(header, arrival.Iteration.ToString(CultureInfo.InvariantCulture));
        }
#pragma warning disable CA1031 // A template that fails to render is this iteration's Error, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            var now = _clock.OffsetOf(time.GetTimestamp());
            _sink.Record(new IterationSample(arrival.Iteration, arrival.Offset, now, now, IterationOutcome.Error, 0));
            return;
        }

        var status = 0;
        IterationOutcome outcome;
        TimeSpan sent;
        using (request)
        {
            // The timeout runs on the run clock's time provider from the send; the run token cancels the same source.
            using var timeout = new CancellationTokenSource(_timeout, time);
            using var onRunCancelled = runToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), timeout);
            sent = _clock.OffsetOf(time.GetTimestamp());
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                // The answer is only complete once the whole body is in; stop the timer after draining it.
                await DrainAsync(response.Content, timeout.Token).ConfigureAwait(false);
                outcome = OutcomeClassifier.Classify(response, _fallback);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                outcome = IterationOutcome.Timeout;
            }
#pragma warning disable CA1031 // Refused, reset, malformed: all are the iteration's Error outcome.
            catch (Exception)
#pragma warning restore CA1031
            {
                outcome = IterationOutcome.Error;
            }
        }

        var ended = _clock.OffsetOf(time.GetTimestamp());
        _sink.Record(new IterationSample(arrival.Iteration, arrival.Offset, sent, ended, outcome, status));
    }

    private static async Task DrainAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
            try
            {
                while (await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
