using System.Buffers;
using System.Globalization;
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
internal sealed class WorkflowExecutor : IIterationExecutor
{
    private const int ReadBufferSize = 16 * 1024;

    private readonly CompiledWorkflow _workflow;
    private readonly HttpClient _client;
    private readonly Uri _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly RunClock _clock;
    private readonly ISampleSink _iterations;
    private readonly IStepSink _steps;
    private long _abandoned;

    /// <summary>Creates an executor; one serves every iteration of its workflow.</summary>
    public WorkflowExecutor(CompiledWorkflow workflow, HttpClient client, Uri baseUrl, TimeSpan timeout, RunClock clock, ISampleSink iterations, IStepSink steps)
    {
        _workflow = workflow;
        _client = client;
        _baseUrl = baseUrl;
        _timeout = timeout;
        _clock = clock;
        _iterations = iterations;
        _steps = steps;
    }

    /// <summary>Header that carries the iteration number on every step; <see langword="null"/> for none.</summary>
    public string? CorrelationHeader { get; init; }

    /// <summary>Iterations cancelled by the run before they ended.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <inheritdoc />
    public async Task ExecuteAsync(Arrival arrival, CancellationToken runToken)
    {
        var faker = IterationRandom.RentFaker(_workflow.Seed, arrival.Iteration);
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
        var time = _clock.TimeProvider;
        var w = _workflow.Index;
        TimeSpan? firstSent = null;
        var outcome = IterationOutcome.Ok;
        var status = 0;
        var failedAt = -1;
        try
        {
            foreach (var (name, template) in _workflow.Variables) state.Values[name] = template.Render(state);
        }
#pragma warning disable CA1031 // A variable that fails to render is this iteration's Error, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcome = IterationOutcome.Error;
            failedAt = 0;
        }

        for (var i = 0; i < _workflow.Steps.Length; i++)
        {
            if (failedAt >= 0)
            {
                _steps.Record(StepSample.Skipped(w, i, arrival.Offset));
                continue;
            }
            var sample = await RunStepAsync(arrival, i, state, time, runToken).ConfigureAwait(false);
            if (sample is null)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
            var step = sample.Value;
            _steps.Record(step);
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

        var ended = _clock.OffsetOf(time.GetTimestamp());
        _iterations.Record(new IterationSample(arrival.Iteration, arrival.Offset, firstSent ?? ended, ended, outcome, status));
    }

    /// <summary>Runs one step; <see langword="null"/> when the run was cancelled under it.</summary>
    private async Task<StepSample?> RunStepAsync(Arrival arrival, int index, IterationState state, TimeProvider time, CancellationToken runToken)
    {
        var (_, renderer, judge) = _workflow.Steps[index];
        var w = _workflow.Index;
        HttpRequestMessage request;
        try
        {
            request = renderer.Create(_baseUrl, state, IterationRandom.TraceParent(_workflow.Seed, arrival.Iteration, index));
            if (CorrelationHeader is { } header)
                request.Headers.TryAddWithoutValidation(header, arrival.Iteration.ToString(CultureInfo.InvariantCulture));
        }
#pragma warning disable CA1031 // A template that fails to render is this step's Error.
        catch (Exception)
#pragma warning restore CA1031
        {
            var now = _clock.OffsetOf(time.GetTimestamp());
            return new StepSample(w, index, arrival.Offset, now, null, now, StepOutcome.Error, 0, "render");
        }

        using (request)
        {
            using var timeout = new CancellationTokenSource(_timeout, time);
            using var onRunCancelled = runToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
            var sent = _clock.OffsetOf(time.GetTimestamp());
            var status = 0;
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                var streamed = IsStreamed(response);
                var (body, firstByte) = await ReadAsync(response.Content, judge.NeedsBody, timeout.Token).ConfigureAwait(false);
                var ended = _clock.OffsetOf(time.GetTimestamp());
                var (outcome, failure) = judge.Judge(new StepResponse(response, body, ended - sent), state);
                return new StepSample(w, index, arrival.Offset, sent, streamed ? firstByte ?? ended : null, ended, outcome, status, failure);
            }
            catch (OperationCanceledException) when (runToken.IsCancellationRequested)
            {
                return null;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                var ended = _clock.OffsetOf(time.GetTimestamp());
                return new StepSample(w, index, arrival.Offset, sent, null, ended, StepOutcome.Timeout, status, "timeout");
            }
#pragma warning disable CA1031 // Refused, reset, malformed: all are the step's Error outcome.
            catch (Exception)
#pragma warning restore CA1031
            {
                var ended = _clock.OffsetOf(time.GetTimestamp());
                return new StepSample(w, index, arrival.Offset, sent, null, ended, StepOutcome.Error, status, "error");
            }
        }
    }

    /// <summary>
    /// Server-sent events, NDJSON, or another chunked body that is not one JSON document: the answer arrives over
    /// time, so its first byte is worth timing. (Servers send ordinary JSON chunked too; its first byte says little.)
    /// </summary>
    private static bool IsStreamed(HttpResponseMessage response)
    {
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        if (media is "text/event-stream" or "application/x-ndjson") return true;
        return response.Headers.TransferEncodingChunked == true && !media.EndsWith("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the whole body, keeping up to <see cref="LoadConstants.MaxKeptBody"/> bytes when asked; notes when the first byte came.</summary>
    private async Task<(ReadOnlyMemory<byte> Body, TimeSpan? FirstByte)> ReadAsync(HttpContent content, bool keep, CancellationToken cancellationToken)
    {
        var time = _clock.TimeProvider;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var kept = keep ? new ArrayBufferWriter<byte>(1024) : null;
            var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
            TimeSpan? firstByte = null;
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    firstByte ??= _clock.OffsetOf(time.GetTimestamp());
                    if (kept is not null && kept.WrittenCount < LoadConstants.MaxKeptBody)
                        kept.Write(buffer.AsSpan(0, Math.Min(read, LoadConstants.MaxKeptBody - kept.WrittenCount)));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return (kept is null ? ReadOnlyMemory<byte>.Empty : kept.WrittenMemory, firstByte);
        }
    }
}
