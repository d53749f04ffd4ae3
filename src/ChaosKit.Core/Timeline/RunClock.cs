namespace ChaosKit.Core.Timeline;

/// <summary>
/// The one clock a run is measured against. The fakes and the load engine share it, so a request the load engine
/// sends in second 12 meets the faults the timeline puts in second 12. Time comes from a <see cref="TimeProvider"/>
/// so tests can drive it.
/// </summary>
public sealed class RunClock
{
    private readonly TimeProvider _time;
    private long _startTimestamp = -1;

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

    /// <summary>Wall-clock time of the start, for reports.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Starts the run clock now. Calling it twice is an error.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _startTimestamp, _time.GetTimestamp(), -1) != -1)
            throw new InvalidOperationException("The run clock has already started.");
        StartedAt = _time.GetUtcNow();
    }

    /// <summary>Time since <see cref="Start"/>; negative before it.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            var start = Volatile.Read(ref _startTimestamp);
            return start < 0 ? TimeSpan.MinValue : _time.GetElapsedTime(start);
        }
    }

    /// <summary>Converts a timestamp from <see cref="TimeProvider.GetTimestamp"/> into an offset from the run start.</summary>
    public TimeSpan OffsetOf(long timestamp)
    {
        var start = Volatile.Read(ref _startTimestamp);
        return start < 0 ? TimeSpan.MinValue : _time.GetElapsedTime(start, timestamp);
    }

    /// <summary>The timestamp (in <see cref="TimeProvider.GetTimestamp"/> units) of an offset from the run start.</summary>
    public long TimestampAt(TimeSpan offset)
    {
        var start = Volatile.Read(ref _startTimestamp);
        if (start < 0) throw new InvalidOperationException("The run clock has not started.");
        return start + (long)(offset.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
    }

    /// <summary>The phase running now, or <see langword="null"/> before the start and after the end.</summary>
    public TimelinePhase? CurrentPhase => IsStarted ? Timeline.PhaseAt(Elapsed) : null;
}
