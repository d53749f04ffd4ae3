namespace ChaosKit.Load.Measurement;

/// <summary>
/// Keeps a few example requests of one phase, fixed in size however long the run: the slowest served ones and the
/// first failed ones (by iteration number), so a report can show what happened to them, call by call.
/// </summary>
/// <remarks>Not thread-safe: each aggregator shard keeps its own, under its lock, and the shards' are merged at the end.</remarks>
internal sealed class RequestSampler
{
    /// <summary>How many of each kind a phase keeps.</summary>
    public const int PerKind = 5;

    private readonly List<IterationSample> _slowest = new(PerKind);
    private readonly List<IterationSample> _failed = new(PerKind);

    // The fastest of the kept slowest, once there are PerKind of them: most samples are slower than nothing kept,
    // and this one comparison turns them away on the recording path.
    private TimeSpan _keptFastest = TimeSpan.MinValue;

    /// <summary>Offers a finished iteration; dropped arrivals never reached the app and are not kept.</summary>
    public void Offer(in IterationSample sample)
    {
        if (!sample.Started) return;
        if (sample.Served) KeepSlowest(sample);
        else KeepFirstFailed(sample);
    }

    private void KeepSlowest(in IterationSample sample)
    {
        if (_slowest.Count < PerKind)
        {
            _slowest.Add(sample);
            if (_slowest.Count == PerKind) _keptFastest = _slowest.Min(s => s.Latency);
            return;
        }
        if (sample.Latency <= _keptFastest) return;
        var fastest = 0;
        for (var i = 1; i < _slowest.Count; i++)
            if (_slowest[i].Latency < _slowest[fastest].Latency) fastest = i;
        _slowest[fastest] = sample;
        _keptFastest = _slowest.Min(s => s.Latency);
    }

    private void KeepFirstFailed(in IterationSample sample)
    {
        if (_failed.Count < PerKind)
        {
            _failed.Add(sample);
            return;
        }
        var last = 0;
        for (var i = 1; i < _failed.Count; i++)
            if (_failed[i].Iteration > _failed[last].Iteration) last = i;
        if (sample.Iteration < _failed[last].Iteration) _failed[last] = sample;
    }

    /// <summary>Adds <paramref name="other"/>'s examples, keeping the same bounds.</summary>
    public void Add(RequestSampler other)
    {
        foreach (var sample in other._slowest) KeepSlowest(sample);
        foreach (var sample in other._failed) KeepFirstFailed(sample);
    }

    /// <summary>The examples: the slowest served first (slowest on top), then the failed ones in iteration order.</summary>
    public IReadOnlyList<IterationSample> Examples() =>
        [.. _slowest.OrderByDescending(s => s.Latency).ThenBy(s => s.Iteration), .. _failed.OrderBy(s => s.Iteration)];
}
