using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;

namespace ChaosKit.Load.Scheduling;

/// <summary>
/// Starts each arrival of an open-model schedule on time, on the thread pool, without a thread per request.
/// An arrival that finds <c>maxConcurrency</c> iterations in flight is dropped and reported, not queued (k6 semantics):
/// queueing would hide the overload and delay every later arrival. With <see cref="OverloadPolicy.Grow"/> it starts
/// anyway (NBomber semantics) and is counted in <see cref="OverCapStarts"/>.
/// </summary>
internal sealed class OpenModelDispatcher : ILoadDispatcher
{
    private readonly IArrivalSchedule _schedule;
    private readonly RunClock _clock;
    private readonly int _maxConcurrency;
    private readonly OverloadPolicy _overload;
    private readonly IIterationExecutor _executor;
    private readonly Action<Arrival> _dropped;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _lateThresholdTicks = LoadConstants.DispatchDelayWarning.Ticks;

    // A clock that moved more than this while a timer was being created jumped (a fake clock) rather than flowed.
    private static readonly TimeSpan ClockJump = TimeSpan.FromMilliseconds(1);

    private int _inFlight;
    private long _arrived;
    private long _late;
    private long _maxLagTicks;
    private long _overCap;
    private int _peakInFlight;
    private bool _schedulingDone;

    /// <summary>Creates a dispatcher; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="schedule">When iterations start.</param>
    /// <param name="clock">The run clock; it must be started before <see cref="RunAsync"/>.</param>
    /// <param name="maxConcurrency">Cap on iterations in flight.</param>
    /// <param name="executor">Runs each started iteration.</param>
    /// <param name="dropped">Called, on the dispatcher's loop, for an arrival dropped at the cap.</param>
    /// <param name="overload">Drop arrivals at the cap (default) or let concurrency grow.</param>
    public OpenModelDispatcher(
        IArrivalSchedule schedule, RunClock clock, int maxConcurrency,
        IIterationExecutor executor, Action<Arrival> dropped, OverloadPolicy overload = OverloadPolicy.Drop)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _schedule = schedule;
        _clock = clock;
        _maxConcurrency = maxConcurrency;
        _executor = executor;
        _dropped = dropped;
        _overload = overload;
    }

    /// <summary>Arrivals started while <c>maxConcurrency</c> were already in flight (<see cref="OverloadPolicy.Grow"/> only).</summary>
    public long OverCapStarts => Interlocked.Read(ref _overCap);

    /// <inheritdoc />
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Arrivals handled so far, started or dropped.</summary>
    public long Arrived => Interlocked.Read(ref _arrived);

    /// <summary>Iterations running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Arrivals the loop reached later than the dispatch-delay warning threshold.</summary>
    public long LateArrivals => Interlocked.Read(ref _late);

    /// <summary>The most the loop ran behind the schedule.</summary>
    public TimeSpan MaxLag => TimeSpan.FromTicks(Interlocked.Read(ref _maxLagTicks));

    /// <summary>Completes once the schedule has ended (or stopped) and no iteration is in flight.</summary>
    public Task Drained => _drained.Task;

    /// <summary>
    /// Walks the schedule, waiting until each arrival is due and starting every arrival that is (several per wake-up
    /// when the loop ran late). On the system clock the loop has a thread of its own, sleeps precisely and starts each
    /// iteration inline up to its first await; on any other <see cref="TimeProvider"/> (tests' fake clocks) it waits on
    /// that provider's timers and hands iterations to the thread pool.
    /// </summary>
    /// <param name="cancellationToken">Stops scheduling; it is also handed to every iteration.</param>
    /// <returns><see langword="true"/> when the whole schedule was walked, <see langword="false"/> when cancelled.</returns>
    public Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (_clock.TimeProvider != TimeProvider.System) return RunOnTimersAsync(cancellationToken);

        // On the thread pool, the wake-up after each timer and the Task.Run hop would queue behind HTTP completions
        // and delay dispatch by milliseconds; a dedicated thread owes the pool nothing between arrivals
        // (docs/benchmarks.md#why-the-hot-paths-look-the-way-they-do).
        var walked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                walked.SetResult(RunOnOwnThread(cancellationToken));
            }
#pragma warning disable CA1031 // Handed to the awaiting caller, as an async loop would.
            catch (Exception error)
#pragma warning restore CA1031
            {
                walked.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "ChaosKit open-model dispatch",
        };
        thread.Start();
        return walked.Task;
    }

    private bool RunOnOwnThread(CancellationToken cancellationToken)
    {
        var completed = true;
        try
        {
            foreach (var arrival in _schedule.Arrivals())
            {
                if (!PreciseSleep.Until(_clock, arrival.Offset, cancellationToken)) { completed = false; break; }
                NoteLag(_clock.Elapsed - arrival.Offset);
                if (StartSlot(arrival)) _ = RunOneAsync(arrival, cancellationToken);
            }
        }
        finally
        {
            FinishScheduling();
        }
        return completed;
    }

    private async Task<bool> RunOnTimersAsync(CancellationToken cancellationToken)
    {
        var time = _clock.TimeProvider;
        var completed = true;
        try
        {
            foreach (var arrival in _schedule.Arrivals())
            {
                if (cancellationToken.IsCancellationRequested) { completed = false; break; }

                try
                {
                    await DelayUntilAsync(arrival.Offset, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    completed = false;
                    break;
                }
                NoteLag(_clock.Elapsed - arrival.Offset);
                // Task.Run keeps request rendering and the synchronous part of SendAsync off this loop, so it stays on time.
                if (StartSlot(arrival)) _ = Task.Run(() => RunOneAsync(arrival, cancellationToken), CancellationToken.None);
            }
        }
        finally
        {
            FinishScheduling();
        }
        return completed;
    }

    /// <summary>
    /// Waits on <paramref name="time"/>'s timers until the run clock reaches <paramref name="due"/>. A timer counts
    /// from when it is created, so if the clock jumps between reading it and creating the timer (a test's fake clock
    /// advancing on another thread) the timer would fire one jump late; the wait is then re-armed from the new time.
    /// </summary>
    private async Task DelayUntilAsync(TimeSpan due, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var before = _clock.Elapsed;
            var wait = due - before;
            if (wait <= TimeSpan.Zero) return;
            using var rearm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, time, rearm.Token);
            if (_clock.Elapsed - before > ClockJump)
            {
                await rearm.CancelAsync().ConfigureAwait(false);
                await delay.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .ConfigureAwait(false);
                continue;
            }
            await delay.ConfigureAwait(false);
            return;
        }
    }

    private void FinishScheduling()
    {
        Volatile.Write(ref _schedulingDone, true);
        if (Volatile.Read(ref _inFlight) == 0) _drained.TrySetResult();
    }

    private void NoteLag(TimeSpan lag)
    {
        if (lag.Ticks <= 0) return;
        if (lag.Ticks > _lateThresholdTicks) Interlocked.Increment(ref _late);
        // Only this loop writes the maximum, so a plain compare-and-write is enough.
        if (lag.Ticks > Interlocked.Read(ref _maxLagTicks)) Interlocked.Exchange(ref _maxLagTicks, lag.Ticks);
    }

    /// <summary>Takes an in-flight slot for <paramref name="arrival"/>, or drops it at the cap; false when dropped.</summary>
    private bool StartSlot(Arrival arrival)
    {
        Interlocked.Increment(ref _arrived);
        // Only this loop increments, so the check-then-increment cannot overshoot the cap.
        if (Volatile.Read(ref _inFlight) >= _maxConcurrency)
        {
            if (_overload == OverloadPolicy.Drop)
            {
                _dropped(arrival);
                return false;
            }
            Interlocked.Increment(ref _overCap);
        }
        var inFlight = Interlocked.Increment(ref _inFlight);
        // Only this loop raises the peak.
        if (inFlight > Volatile.Read(ref _peakInFlight)) Volatile.Write(ref _peakInFlight, inFlight);
        return true;
    }

    private async Task RunOneAsync(Arrival arrival, CancellationToken cancellationToken)
    {
        try
        {
            await _executor.ExecuteAsync(arrival, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The executor records its own failures; anything escaping must not take the process down.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone)) _drained.TrySetResult();
        }
    }
}
