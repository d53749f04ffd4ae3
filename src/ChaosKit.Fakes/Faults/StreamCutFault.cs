using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>stream_cut</c>: interrupts a streamed answer after <c>after_tokens</c> output tokens, or once <c>after</c> has
/// passed since the stream began: <c>mode: close</c> ends the body cleanly without the terminal event
/// (<c>message_stop</c>, <c>[DONE]</c>), <c>mode: reset</c> resets the connection, <c>mode: error</c> sends the
/// provider's own mid-stream error event for <c>status</c> (default: the provider's overloaded error, Anthropic's 529
/// <c>overloaded_error</c> and 503 elsewhere; Gemini never answers 529).
/// </summary>
/// <remarks>Non-streamed calls are not affected. Cuts after the call's other stream faults have waited (<see cref="StreamStep"/>).</remarks>
internal sealed class StreamCutFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "stream_cut";

    private static readonly string[] Modes = ["close", "reset", "error"];
    private readonly int? _afterTokens;
    private readonly TimeSpan? _after;
    private readonly string _mode;
    private readonly int? _status;

    private StreamCutFault(int? afterTokens, TimeSpan? after, string mode, int? status)
    {
        _afterTokens = afterTokens;
        _after = after;
        _mode = mode;
        _status = status;
    }

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["after_tokens", "after", "mode", "status"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var action = _mode switch
        {
            "reset" => StreamAction.Abort,
            "error" => StreamAction.Fail(_status is { } status
                ? new ErrorReply(status) { Kind = context.Provider.KindOf(status) }
                : new ErrorReply(context.Provider.StatusOf(ErrorKind.Overloaded)) { Kind = ErrorKind.Overloaded }),
            _ => StreamAction.End,
        };
        var deadline = _after is { } after ? context.Timeline.Scale(after) : (TimeSpan?)null;
        context.Exchange.AddStreamFault(new Cut(_afterTokens, deadline, action, context.Time));
        return ValueTask.FromResult(FaultOutcome.Continue);
    }

    private static StreamCutFault Create(FaultSettings settings)
    {
        int? afterTokens = settings.Has("after_tokens") ? settings.GetInt("after_tokens", 0) : null;
        var after = settings.GetOptionalDuration("after");
        if (afterTokens is null == after is null)
            throw settings.Invalid(afterTokens is null ? "after_tokens" : "after", "write exactly one of after_tokens (e.g. 20) or after (e.g. 2s)");
        if (afterTokens < 0) throw settings.Invalid("after_tokens", "expected 0 or more tokens");
        var mode = settings.GetString("mode", "close");
        if (!Modes.Contains(mode)) throw settings.Invalid("mode", $"expected one of {string.Join(", ", Modes)}, got '{mode}'");
        int? status = settings.Has("status") ? settings.GetInt("status", 0) : null;
        if (status is < 400 or > 599) throw settings.Invalid("status", $"expected an HTTP error status from 400 to 599, got {status}");
        return new StreamCutFault(afterTokens, after, mode, status);
    }

    /// <summary>The call's stage: acts on the first chunk past the limit.</summary>
    private sealed class Cut(int? afterTokens, TimeSpan? deadline, StreamAction action, TimeProvider time) : IStreamFaultStage
    {
        private readonly long _started = time.GetTimestamp();

        public StreamStep Step => StreamStep.Cut;

        public ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct)
        {
            var due = afterTokens is { } n ? chunk.Tokens > 0 && chunk.TokensSent >= n : time.GetElapsedTime(_started) >= deadline;
            return ValueTask.FromResult(due ? action : StreamAction.Continue);
        }
    }
}
