namespace ChaosKit.Load.Measurement;

/// <summary>
/// Completions of the last few seconds, by the second they <em>ended</em> in, for the live console:
/// a small ring of per-second histograms reused as time moves on. Not thread-safe: the owner synchronises.
/// </summary>
internal sealed class LiveWindow
{
    private readonly Slot[] _slots;
    private readonly LatencyRecorder _merged = new(compact: true);

    /// <summary>Creates a window of <paramref name="seconds"/> seconds plus the current one.</summary>
    public LiveWindow(int seconds = LoadConstants.LiveWindowSeconds)
    {
        _slots = new Slot[seconds + 1];
        for (var i = 0; i < _slots.Length; i++) _slots[i] = new Slot();
    }

    /// <summary>Adds a started iteration that ended in <paramref name="second"/>.</summary>
    public void Record(long second, TimeSpan latency)
    {
        var slot = second < 0 ? null : SlotFor(second);
        if (slot is null) return;
        slot.Count++;
        slot.Latency.Record(latency);
    }

    /// <summary>Started iterations that ended during <paramref name="second"/>, if it is still in the window.</summary>
    public long CompletedInSecond(long second)
    {
        if (second < 0) return 0;
        var slot = _slots[second % _slots.Length];
        return slot.Second == second ? slot.Count : 0;
    }

    /// <summary>The 95th percentile of scheduled-start latency over the window ending at <paramref name="nowSecond"/>, in ms.</summary>
    public double P95Ms(long nowSecond)
    {
        var merged = _merged;
        merged.Reset();
        AddWindowTo(merged, nowSecond);
        return merged.PercentileMs(95);
    }

    /// <summary>Adds the latencies of the window ending at <paramref name="nowSecond"/> to <paramref name="target"/>.</summary>
    public void AddWindowTo(LatencyRecorder target, long nowSecond)
    {
        foreach (var slot in _slots)
        {
            if (slot.Second >= 0 && slot.Second <= nowSecond && slot.Second > nowSecond - _slots.Length)
                target.Add(slot.Latency);
        }
    }

    private Slot? SlotFor(long second)
    {
        var slot = _slots[second % _slots.Length];
        if (slot.Second != second)
        {
            if (slot.Second > second) return null; // a straggler for a second already out of the window
            slot.Second = second;
            slot.Count = 0;
            slot.Latency.Reset();
        }
        return slot;
    }

    private sealed class Slot
    {
        public long Second = -1;
        public long Count;
        public readonly LatencyRecorder Latency = new(compact: true);
    }
}
