using ChaosKit.Core.Timeline;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Scheduling;

/// <summary>
/// Runs a closed-model plan: copy <c>w</c> is an async loop that starts its next iteration as soon as the last one
/// ends, for as long as the plan asks for more than <c>w</c> copies. A control loop on the run clock starts copies
/// when the plan rises; copies above a falling plan retire after their current iteration, as in NBomber. No thread
/// is held per copy.
/// </summary>
internal sealed class ClosedModelDispatcher : ILoadDispatcher
{
    /// <summary>How often the control loop re-reads the plan; a ramp moves in steps no longer than this.</summary>
    internal static readonly TimeSpan ControlTick = TimeSpan.FromMilliseconds(100);

    private readonly ClosedPlan _plan;
    private readonly RunClock _clock;
    private readonly IIterationExecutor _executor;
    private readonly int[] _running;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _target;
    private int _workers;
    private int _inFlight;
    private int _peakInFlight;
    private int _stopping;
    private long _next;
    private long _taken;

    /// <summary>Creates a dispatcher; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="plan">How many copies when.</param>
    /// <param name="clock">The run clock; it must be started before <see cref="RunAsync"/>.</param>
    /// <param name="executor">Runs each iteration.</param>
    public ClosedModelDispatcher(ClosedPlan plan, RunClock clock, IIterationExecutor executor)
    {
        _plan = plan;
        _clock = clock;
        _executor = executor;
        _running = new int[Math.Max(1, plan.MaxCopies)];
    }

    /// <inheritdoc />
    public long Arrived => Interlocked.Read(ref _next);

    /// <inheritdoc />
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <inheritdoc />
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Copies the plan asks for now.</summary>
    public int TargetCopies => Volatile.Read(ref _target);

    /// <inheritdoc />
    public long LateArrivals => 0; // a closed model has no schedule to be late for

    /// <inheritdoc />
    public TimeSpan MaxLag => TimeSpan.Zero;

    /// <inheritdoc />
    public long OverCapStarts => 0; // copies are the cap: a closed model never starts over it

    /// <inheritdoc />
    public Task Drained => _drained.Task;

    /// <inheritdoc />
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var time = _clock.TimeProvider;
        var completed = true;
        try
        {
            while (true)
            {
                if (cancellationToken.IsCancellationRequested) { completed = false; break; }
                var now = _clock.Elapsed;
                if (now >= _plan.Duration || BudgetSpent) break;

                var target = _plan.CopiesAt(now);
                Volatile.Write(ref _target, target);
                for (var w = 0; w < target; w++)
                {
                    if (Interlocked.CompareExchange(ref _running[w], 1, 0) != 0) continue;
                    Interlocked.Increment(ref _workers);
                    var copy = w;
                    _ = Task.Run(() => CopyAsync(copy, cancellationToken), CancellationToken.None);
                }

                // Wake on the next tick boundary of the run clock, not a tick from now, so the ramp never drifts.
                var nextTick = TimeSpan.FromTicks((now.Ticks / ControlTick.Ticks + 1) * ControlTick.Ticks);
                var wake = nextTick < _plan.Duration ? nextTick : _plan.Duration;
                var wait = wake - _clock.Elapsed;
                try
                {
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    completed = false;
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _target, 0);
            // A full fence between raising the flag and reading the count pairs with the copies' decrement-then-read.
            Interlocked.Exchange(ref _stopping, 1);
            if (Volatile.Read(ref _workers) == 0) _drained.TrySetResult();
        }
        return completed;
    }

    private bool BudgetSpent => _plan.IterationBudget is { } budget && Interlocked.Read(ref _taken) >= budget;

    private async Task CopyAsync(int copy, CancellationToken cancellationToken)
    {
        try
        {
            // The plan's end is checked here too, not only by the control loop: that loop may wake late (its timer
            // goes through the thread pool), and a copy must not start an iteration after the plan has ended.
            while (!cancellationToken.IsCancellationRequested && copy < Volatile.Read(ref _target) && _clock.Elapsed < _plan.Duration)
            {
                if (_plan.IterationBudget is { } budget && Interlocked.Increment(ref _taken) > budget) break;
                var iteration = Interlocked.Increment(ref _next) - 1;
                var inFlight = Interlocked.Increment(ref _inFlight);
                RaisePeak(inFlight);
                try
                {
                    await _executor.ExecuteAsync(new Arrival(iteration, _clock.Elapsed), cancellationToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The executor records its own failures; anything escaping must not take the process down.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running[copy], 0);
            if (Interlocked.Decrement(ref _workers) == 0 && Volatile.Read(ref _stopping) == 1) _drained.TrySetResult();
        }
    }

    private void RaisePeak(int value)
    {
        var peak = Volatile.Read(ref _peakInFlight);
        while (value > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakInFlight, value, peak);
            if (seen == peak) return;
            peak = seen;
        }
    }
}
