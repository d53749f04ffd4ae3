using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// How fast one fake streams: the scenario's <see cref="StreamingSpec"/> with the run's time scale applied. Each
/// stream gets its own seeded <see cref="StreamSchedule"/>, so a replay paces every answer the same way.
/// </summary>
internal sealed class StreamPacing
{
    private readonly TimeSpan _firstToken;
    private readonly TimeSpan _perToken;
    private readonly double _jitter;

    /// <summary>Applies <paramref name="timeline"/>'s scale to <paramref name="spec"/>.</summary>
    public StreamPacing(StreamingSpec spec, RunTimeline timeline)
    {
        _firstToken = timeline.Scale(spec.TimeToFirstToken);
        _perToken = timeline.Scale(TimeSpan.FromSeconds(1 / spec.TokensPerSecond));
        _jitter = spec.Jitter;
    }

    /// <summary>The schedule of one stream, determined by <paramref name="seed"/>.</summary>
    public StreamSchedule For(int seed) => new(_firstToken, _perToken, _jitter, (ulong)seed);
}

/// <summary>
/// When each token of one stream is due, as offsets from the start of the answer. Offsets accumulate, so waits are
/// computed against the schedule rather than chained (a late timer does not push every later token back).
/// </summary>
internal struct StreamSchedule(TimeSpan firstToken, TimeSpan perToken, double jitter, ulong seed)
{
    private SplitMix64 _random = new(seed);
    private TimeSpan _due = TimeSpan.Zero;
    private bool _started;

    /// <summary>Advances past <paramref name="tokens"/> tokens and returns when the last of them is due.</summary>
    public TimeSpan Advance(int tokens)
    {
        for (var i = 0; i < tokens; i++)
        {
            _due += Jittered(_started ? perToken : firstToken);
            _started = true;
        }
        return _due;
    }

    // Each gap is mean × (1 ± jitter), uniform; the mean is kept, so the total duration stays as configured.
    private TimeSpan Jittered(TimeSpan mean)
    {
        var unit = (_random.Next() >> 11) * (1.0 / (1UL << 53));
        return TimeSpan.FromTicks((long)(mean.Ticks * (1 + jitter * (2 * unit - 1))));
    }
}
