using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// How fast one provider has been answering, in the <c>resilient</c> profile: when to hedge a call to it, and whether
/// to pass it over while it is too slow to be worth a user's wait.
/// </summary>
/// <remarks>
/// <para>
/// The hedge comes at four times the median of its recent answers in time, within
/// <see cref="ResilientSettings.MinHedgeAfter"/> and <see cref="ResilientSettings.HedgeAfter"/>: a request outstanding
/// well past what the provider usually takes gets a second copy, at a point learnt from the provider rather than
/// guessed for it. The median, not the p95, so that the few answers a slowing provider still gives in time do not
/// move the hedge after them.
/// </para>
/// <para>
/// Hedging caps what a slow provider costs one user; it does not stop every user paying it. A provider that misses
/// <see cref="ResilientSettings.SlowStrikes"/> deadlines in a row (a hedge, or a stream's first token while another
/// provider follows) with no answer in time between is passed over for <see cref="ResilientSettings.SlowPassOver"/>.
/// Then one call goes to it as a trial while the others still pass it over; each trial it fails doubles the wait, up
/// to <see cref="ResilientSettings.SlowPassOverMax"/>, and an answer in time ends it. This is outlier ejection (as
/// Envoy does for errors) by latency: the breaker counts failed calls, and a stalled provider fails none, because
/// its calls are cancelled when the hedge wins.
/// </para>
/// </remarks>
internal sealed class ProviderPace(ResilientSettings settings)
{
    private const int Window = 128;
    private const int MinimumAnswers = 10;

    private readonly Lock _lock = new();
    private readonly double[] _answerMs = new double[Window];
    private int _answers; // in the window, up to Window
    private int _next;    // where the next answer goes, oldest first once the window is full
    private int _slowInARow;
    private int _passOvers;
    private bool _trialOut;
    private DateTimeOffset _passedOverUntil;

    /// <summary>How long a whole answer from this provider is waited for before the next provider is asked too.</summary>
    public TimeSpan HedgeDelay()
    {
        double[] recent;
        lock (_lock)
        {
            if (_answers < MinimumAnswers) return settings.HedgeAfter;
            recent = _answerMs[.._answers];
        }
        Array.Sort(recent);
        var hedge = TimeSpan.FromMilliseconds(4 * recent[recent.Length / 2]);
        var soonest = settings.MinHedgeAfter < settings.HedgeAfter ? settings.MinHedgeAfter : settings.HedgeAfter;
        return hedge < soonest ? soonest : hedge > settings.HedgeAfter ? settings.HedgeAfter : hedge;
    }

    /// <summary>A whole answer came in time, after <paramref name="elapsed"/>: it counts toward the hedge delay, and ends any pass-over.</summary>
    public void Answered(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _answerMs[_next] = elapsed.TotalMilliseconds;
            _next = (_next + 1) % Window;
            if (_answers < Window) _answers++;
            OnTimeLocked();
        }
    }

    /// <summary>A stream's first token came within <see cref="ResilientSettings.MinHedgeAfter"/>: it ends any pass-over.</summary>
    public void OnTime()
    {
        lock (_lock) OnTimeLocked();
    }

    /// <summary>A call missed its deadline while another provider could answer.</summary>
    /// <returns>Whether the provider is now passed over (for the log: only when that is new).</returns>
    public bool Slow(DateTimeOffset now)
    {
        lock (_lock)
        {
            _slowInARow++;
            if (_slowInARow < settings.SlowStrikes) return false;
            // Only the strike that starts a pass-over, or a failed trial's, sets the wait: calls already under way when
            // the provider was passed over miss their deadlines too, and say nothing new.
            if (_passOvers == 0 || _trialOut) _passOvers++;
            else if (_passedOverUntil > now) return false;
            _trialOut = false;
            var wait = settings.SlowPassOver * Math.Pow(2, _passOvers - 1);
            _passedOverUntil = now + (wait > settings.SlowPassOverMax ? settings.SlowPassOverMax : wait);
            return true;
        }
    }

    /// <summary>
    /// How much longer the provider is passed over at <paramref name="now"/>, or <see langword="null"/> when a call may
    /// go: it is not passed over, or this call is the trial (the calls after it keep passing it over until the trial
    /// has answered, missed its deadline, or taken <see cref="ResilientSettings.SlowPassOver"/>).
    /// </summary>
    public TimeSpan? PassedOverFor(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_slowInARow < settings.SlowStrikes) return null;
            if (_passedOverUntil > now) return _passedOverUntil - now;
            _trialOut = true;
            _passedOverUntil = now + settings.SlowPassOver;
            return null;
        }
    }

    /// <summary>Whether the provider is passed over for slowness (for <c>/readyz</c>).</summary>
    public bool IsPassedOver(DateTimeOffset now)
    {
        lock (_lock) return _slowInARow >= settings.SlowStrikes && _passedOverUntil > now;
    }

    private void OnTimeLocked()
    {
        _slowInARow = 0;
        _passOvers = 0;
        _trialOut = false;
        _passedOverUntil = default;
    }
}
