using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>hang</c>: accepts the call and never answers, until the client gives up (its timeout) or the fakes stop.
/// The wait is a cancellable timer, not a blocked thread, so thousands of hung calls cost almost nothing.
/// </summary>
/// <remarks>No settings. Use <c>latency</c> with a long <c>delay</c> for a slow answer that does eventually come.</remarks>
internal sealed class HangFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "hang";

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, [], Create);

    /// <inheritdoc />
    public async ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        await ConnectionWait.UntilCancelledAsync(context.Time, ct);
        return FaultOutcome.Continue;
    }

    /// <summary>Describes the fault for reports.</summary>
    public override string ToString() => "hang (accepted, never answered)";

    private static HangFault Create(FaultSettings settings)
    {
        settings.EnsureAllRead(Registration.Settings);
        return new HangFault();
    }
}
