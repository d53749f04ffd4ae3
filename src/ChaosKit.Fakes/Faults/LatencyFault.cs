using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>latency</c>: holds the call for <c>delay</c> (scaled with the run) before it is answered. The wait is a timer
/// on the run's <see cref="TimeProvider"/>, never a blocked thread, so thousands of delayed calls cost nothing.
/// </summary>
internal sealed class LatencyFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "latency";

    private readonly TimeSpan _delay;

    private LatencyFault(TimeSpan delay) => _delay = delay;

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["delay"], Create);

    /// <inheritdoc />
    public async ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var delay = context.Timeline.Scale(_delay);
        if (delay > TimeSpan.Zero) await Task.Delay(delay, context.Time, ct);
        return FaultOutcome.Continue;
    }

    /// <summary>Describes the fault for reports, e.g. <c>latency 2s</c>.</summary>
    public override string ToString() => $"{Kind} {DurationParser.Format(_delay)}";

    private static LatencyFault Create(FaultSettings settings)
    {
        var delay = settings.GetOptionalDuration("delay")
            ?? throw settings.Invalid("delay", "missing required setting; write how long to hold each call, e.g. delay: 2s");
        settings.EnsureAllRead(Registration.Settings);
        return new LatencyFault(delay);
    }
}
