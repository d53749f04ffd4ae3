using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>stream_stall</c>: a streamed answer stops for <c>stall</c> (scaled with the run) once <c>after_tokens</c>
/// output tokens are out, then carries on: the pause a client's idle timeout should catch. <c>stall: forever</c>
/// never carries on: the stream stays open and silent until the client gives up (or the fakes stop).
/// </summary>
/// <remarks>
/// Non-streamed calls are not affected. The wait is a timer on the run's time, never a blocked thread. Acts with the
/// call's other stream faults, in <see cref="StreamStep"/> order.
/// </remarks>
internal sealed class StreamStallFault(int afterTokens, TimeSpan stall) : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "stream_stall";

    /// <summary>The <c>stall</c> value that holds the stream until the client gives up.</summary>
    public const string Forever = "forever";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["after_tokens", "stall"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var wait = stall == Timeout.InfiniteTimeSpan ? stall : context.Timeline.Scale(stall);
        context.Exchange.AddStreamFault(new StreamPause(StreamStep.Stall, afterTokens, wait, context.Time));
        return ValueTask.FromResult(FaultOutcome.Continue);
    }

    private static StreamStallFault Create(FaultSettings settings)
    {
        var after = settings.GetInt("after_tokens", 0);
        if (after < 0) throw settings.Invalid("after_tokens", "expected 0 or more tokens");
        if (!settings.Has("stall"))
            throw settings.Invalid("stall", "missing required setting; write how long the stream stops, e.g. stall: 30s, or stall: forever");
        var text = settings.GetString("stall", "");
        TimeSpan wait;
        if (text == Forever) wait = Timeout.InfiniteTimeSpan;
        else if (!DurationParser.TryParse(text, out wait))
            throw settings.Invalid("stall", $"'{text}' is neither a duration nor '{Forever}'; write e.g. stall: 30s, or stall: {Forever}");
        return new StreamStallFault(after, wait);
    }
}
