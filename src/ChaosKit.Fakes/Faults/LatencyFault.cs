using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>latency</c>: holds the call before it is answered, for <c>delay</c> or a delay drawn from a
/// <c>distribution</c> (scaled with the run). The wait is a timer on the run's <see cref="TimeProvider"/>, never a
/// blocked thread, so thousands of delayed calls cost nothing.
/// </summary>
/// <remarks>
/// Settings: <c>delay</c> (the fixed delay, the mean of <c>normal</c>, the median of <c>lognormal</c>),
/// <c>distribution</c> (<c>fixed</c> default, <c>uniform</c> between <c>min</c> and <c>max</c>, <c>normal</c> with
/// <c>stddev</c>, <c>lognormal</c> with <c>sigma</c>), and <c>on</c>: <c>response</c> (default, before anything is
/// sent) or <c>first_token</c> (a streamed answer starts at once and its first token waits, first of the call's
/// stream faults, see <see cref="StreamStep"/>; a plain answer waits as a whole, since its first token is the answer).
/// </remarks>
internal sealed class LatencyFault(LatencySampler sampler, bool firstToken) : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "latency";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } =
        new(Kind, ["delay", "distribution", "min", "max", "stddev", "sigma", "on"], Create);

    /// <inheritdoc />
    public async ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var delay = context.Timeline.Scale(sampler.Sample(context.Exchange.RequestKey));
        if (delay <= TimeSpan.Zero) return FaultOutcome.Continue;
        context.Exchange.NoteDelay(delay);
        if (firstToken && context.Exchange.Streaming)
            context.Exchange.AddStreamFault(new StreamPause(StreamStep.FirstToken, 0, delay, context.Time));
        else
            await Task.Delay(delay, context.Time, ct);
        return FaultOutcome.Continue;
    }

    private static LatencyFault Create(FaultSettings settings)
    {
        var distribution = settings.GetString("distribution", "fixed");
        if (!LatencySampler.Names.Contains(distribution))
            throw settings.Invalid("distribution", $"expected one of {string.Join(", ", LatencySampler.Names)}, got '{distribution}'");
        var on = settings.GetString("on", "response");
        if (on is not ("response" or "first_token"))
            throw settings.Invalid("on", $"expected response or first_token, got '{on}'");

        var delay = settings.GetOptionalDuration("delay");
        var min = settings.GetDuration("min", TimeSpan.Zero);
        var max = settings.GetOptionalDuration("max");
        var stddev = settings.GetDuration("stddev", TimeSpan.Zero);
        var sigma = LatencySampler.ReadSigma(settings);
        if (distribution == "uniform")
        {
            if (max is null) throw settings.Invalid("max", "missing required setting for a uniform delay; e.g. min: 100ms and max: 2s");
            if (max < min) throw settings.Invalid("max", "max must not be below min");
        }
        else if (delay is null)
        {
            throw settings.Invalid("delay", "missing required setting; write how long to hold each call, e.g. delay: 2s");
        }
        return new LatencyFault(new LatencySampler(distribution, delay ?? TimeSpan.Zero, min, max ?? TimeSpan.Zero, stddev, sigma), on == "first_token");
    }
}
