using ChaosKit.Core.Results;

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

    /// <summary>Creates a journal for a timeline of <paramref name="phaseCount"/> phases.</summary>
    public CallJournal(int phaseCount, Action<CallRecord>? observer = null)
    {
        _phases = new PhaseCallCounters[phaseCount];
        for (var i = 0; i < phaseCount; i++) _phases[i] = new PhaseCallCounters();
        _observer = observer;
    }

    /// <summary>Number of phases the journal counts.</summary>
    public int PhaseCount => _phases.Length;

    /// <summary>Counts a finished call under the phase it arrived in.</summary>
    public void Record(in CallRecord call)
    {
        var bucket = call.Phase is { } index && (uint)index < (uint)_phases.Length ? _phases[index] : _outside;
        bucket.Add(call);
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
