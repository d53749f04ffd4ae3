using ChaosKit.Core.Results;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Journal v1 of one fake: counters per timeline phase plus one bucket for calls outside the timeline (before the
/// clock starts or after the last phase). Memory stays fixed for the whole run; a later version also streams every
/// <see cref="CallRecord"/> to a file, through the same <see cref="Record"/> call.
/// </summary>
internal sealed class CallJournal
{
    private readonly PhaseCallCounters[] _phases;
    private readonly PhaseCallCounters _outside = new();
    private readonly Action<CallRecord>? _observer;
    private readonly IReadOnlyList<TimelinePhase> _timeline;
    private readonly string _genAiProvider;

    /// <summary>Creates the journal of one fake over the phases of <paramref name="timeline"/>.</summary>
    /// <param name="timeline">The run's phases, in order.</param>
    /// <param name="genAiProvider">The fake's provider as OpenTelemetry names it (<see cref="Hosting.IProviderDefinition.GenAiProviderName"/>), for the metrics.</param>
    /// <param name="observer">Sees every call as it is counted; <see langword="null"/> for none.</param>
    public CallJournal(IReadOnlyList<TimelinePhase> timeline, string genAiProvider, Action<CallRecord>? observer = null)
    {
        _phases = new PhaseCallCounters[timeline.Count];
        for (var i = 0; i < timeline.Count; i++) _phases[i] = new PhaseCallCounters();
        _timeline = timeline;
        _genAiProvider = genAiProvider;
        _observer = observer;
    }

    /// <summary>Number of phases the journal counts.</summary>
    public int PhaseCount => _phases.Length;

    /// <summary>Counts a finished call under the phase it arrived in, and in the fakes' metrics when they are listened to.</summary>
    public void Record(in CallRecord call)
    {
        var bucket = call.Phase is { } index && (uint)index < (uint)_phases.Length ? _phases[index] : _outside;
        bucket.Add(call);
        FakesTelemetry.CountCall(call, _genAiProvider, _timeline);
        _observer?.Invoke(call);
    }

    /// <summary>Calls that arrived during phase <paramref name="phaseIndex"/>.</summary>
    public ProviderCallStats InPhase(int phaseIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(phaseIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(phaseIndex, _phases.Length);
        return _phases[phaseIndex].Snapshot();
    }

    /// <summary>Calls that arrived before the clock started or after the timeline ended.</summary>
    public ProviderCallStats OutsideTimeline() => _outside.Snapshot();

    /// <summary>Every call, in or outside the timeline.</summary>
    public ProviderCallStats All() =>
        CallStatsMath.Sum(_phases.Select(p => p.Snapshot()).Append(_outside.Snapshot()));
}
