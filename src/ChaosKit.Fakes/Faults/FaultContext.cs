using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>Everything a fault may look at: the call, the phase it arrived in, and the run's time.</summary>
/// <param name="Exchange">The call being answered.</param>
/// <param name="Phase">The phase the call arrived in; <see langword="null"/> for a live fault outside the timeline.</param>
/// <param name="Timeline">The run's timeline, for <see cref="RunTimeline.Scale"/>.</param>
/// <param name="Provider">The provider answering, which says what each failure looks like on its wire (statuses, hints, bodies).</param>
internal sealed record FaultContext(FakeExchange Exchange, TimelinePhase? Phase, RunTimeline Timeline, IProviderDefinition Provider)
{
    /// <summary>The run's time source; delays wait on it so tests can drive them.</summary>
    public TimeProvider Time => Exchange.Time;
}
