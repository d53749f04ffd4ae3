using System.Globalization;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>stream_slow</c>: caps a streamed answer at <c>tokens_per_second</c> (the run's time scale applies), as a
/// provider under load streams slower than usual. Each token chunk waits its share before it is written.
/// </summary>
/// <remarks>Non-streamed calls are not affected. Acts with the call's other stream faults, in <see cref="StreamStep"/> order.</remarks>
internal sealed class StreamSlowFault(double tokensPerSecond) : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "stream_slow";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["tokens_per_second"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var perToken = context.Timeline.Scale(TimeSpan.FromSeconds(1 / tokensPerSecond));
        context.Exchange.AddStreamFault(new Slow(perToken, context.Time));
        return ValueTask.FromResult(FaultOutcome.Continue);
    }

    private static StreamSlowFault Create(FaultSettings settings)
    {
        var text = settings.GetString("tokens_per_second", "");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || double.IsInfinity(rate))
            throw settings.Invalid("tokens_per_second", text.Length == 0
                ? "missing required setting; e.g. tokens_per_second: 5"
                : $"expected a positive number of tokens per second, got '{text}'");
        return new StreamSlowFault(rate);
    }

    /// <summary>The call's stage: each token chunk waits its share.</summary>
    private sealed class Slow(TimeSpan perToken, TimeProvider time) : IStreamFaultStage
    {
        public StreamStep Step => StreamStep.Pace;

        public async ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct)
        {
            if (chunk.Tokens > 0 && perToken > TimeSpan.Zero) await Task.Delay(perToken * chunk.Tokens, time, ct);
            return StreamAction.Continue;
        }
    }
}
