namespace ChaosKit.Core.Timeline;

/// <summary>
/// The one clock a run is measured against. The fakes and the load engine share it, so a request the load engine
/// sends in second 12 meets the faults the timeline puts in second 12. Time comes from a <see cref="TimeProvider"/>
/// so tests can drive it.
/// </summary>
/// <remarks>
/// <c>chaoskit serve</c> may pause the clock and jump it to another phase. Both work through one controllable
/// offset added to the real elapsed time (and a frozen reading while paused), so every reader — phase lookup, fault
/// ramps, the load engine's <see cref="OffsetOf"/> — sees the same moved time. <c>chaoskit run</c> never moves it.
/// </remarks>
public sealed class RunClock
{
    private readonly TimeProvider _time;
    private readonly Lock _control = new();
    private long _startTimestamp = -1;

    // Replaced as a whole under _control and read without locking: readers always see a consistent pair.
    private volatile Adjustment _adjustment = Adjustment.None;

    /// <summary>Creates a clock over <paramref name="timeline"/>; it does not run until <see cref="Start"/>.</summary>
    public RunClock(RunTimeline timeline, TimeProvider? time = null)
    {
        Timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The phases this clock walks through.</summary>
    public RunTimeline Timeline { get; }

    /// <summary>The time source.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>True once <see cref="Start"/> has been called.</summary>
    public bool IsStarted => Volatile.Read(ref _startTimestamp) >= 0;

    /// <summary>True while <see cref="Pause"/> holds the clock still.</summary>
    public bool IsPaused => _adjustment.FrozenAt is not null;

    /// <summary>Wall-clock time of the start, for reports.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Starts the run clock now. Calling it twice is an error.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _startTimestamp, _time.GetTimestamp(), -1) != -1)
            throw new InvalidOperationException("The run clock has already started.");
        StartedAt = _time.GetUtcNow();
    }

    /// <summary>Run time since <see cref="Start"/> (moved by pauses and jumps); negative before it.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var start = Volatile.Read(ref _startTimestamp);
            if (start < 0) return TimeSpan.MinValue;
            var adjustment = _adjustment;
            return adjustment.FrozenAt ?? _time.GetElapsedTime(start) + adjustment.Shift;
        }
    }

    /// <summary>Converts a timestamp from <see cref="TimeProvider.GetTimestamp"/> into an offset on the run's time.</summary>
    /// <remarks>Applies the current shift; while paused, the clock's frozen reading.</remarks>
    public TimeSpan OffsetOf(long timestamp)
    {
        var start = Volatile.Read(ref _startTimestamp);
        if (start < 0) return TimeSpan.MinValue;
        var adjustment = _adjustment;
        return adjustment.FrozenAt ?? _time.GetElapsedTime(start, timestamp) + adjustment.Shift;
    }

    /// <summary>The timestamp (in <see cref="TimeProvider.GetTimestamp"/> units) at which the run's time reaches <paramref name="offset"/>, given the current shift.</summary>
    public long TimestampAt(TimeSpan offset)
    {
        var start = Volatile.Read(ref _startTimestamp);
        if (start < 0) throw new InvalidOperationException("The run clock has not started.");
        var real = offset - _adjustment.Shift;
        return start + (long)(real.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
    }

    /// <summary>The phase running now, or <see langword="null"/> before the start and after the end.</summary>
    public TimelinePhase? CurrentPhase => IsStarted ? Timeline.PhaseAt(Elapsed) : null;

    /// <summary>Holds the run's time where it is until <see cref="Resume"/>. Does nothing when already paused.</summary>
    /// <exception cref="InvalidOperationException">The clock has not started.</exception>
    public void Pause()
    {
        lock (_control)
        {
            var now = RequireStartedElapsed();
            if (_adjustment.FrozenAt is null) _adjustment = _adjustment with { FrozenAt = now };
        }
    }

    /// <summary>Lets the run's time run on from where <see cref="Pause"/> held it. Does nothing when not paused.</summary>
    /// <exception cref="InvalidOperationException">The clock has not started.</exception>
    public void Resume()
    {
        lock (_control)
        {
            var start = RequireStart();
            if (_adjustment.FrozenAt is not { } frozen) return;
            _adjustment = new Adjustment(frozen - _time.GetElapsedTime(start), null);
        }
    }

    /// <summary>Moves the run's time to <paramref name="offset"/>; a paused clock stays paused there.</summary>
    /// <exception cref="InvalidOperationException">The clock has not started.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
    public void JumpTo(TimeSpan offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, TimeSpan.Zero);
        lock (_control)
        {
            var start = RequireStart();
            _adjustment = _adjustment.FrozenAt is null
                ? new Adjustment(offset - _time.GetElapsedTime(start), null)
                : _adjustment with { FrozenAt = offset };
        }
    }

    /// <summary>Moves the run's time to the start of phase <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such phase.</exception>
    public void JumpToPhase(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Timeline.Phases.Count);
        JumpTo(Timeline.Phases[index].Start);
    }

    private long RequireStart()
    {
        var start = Volatile.Read(ref _startTimestamp);
        return start >= 0 ? start : throw new InvalidOperationException("The run clock has not started.");
    }

    private TimeSpan RequireStartedElapsed()
    {
        RequireStart();
        return Elapsed;
    }

    /// <summary>How far run time is moved from real time, and the reading it is held at while paused.</summary>
    private sealed record Adjustment(TimeSpan Shift, TimeSpan? FrozenAt)
    {
        public static Adjustment None { get; } = new(TimeSpan.Zero, null);
    }
}
