using ChaosKit.Core.Timeline;
using System.Runtime.InteropServices;

namespace ChaosKit.Load.Scheduling;

/// <summary>
/// Blocks the calling thread until a moment on the system clock, to within about a tenth of a millisecond on Linux.
/// Only the open-model dispatch loop uses it, on its own thread: .NET's waits take whole milliseconds
/// (<see cref="Thread.Sleep(int)"/>, <see cref="WaitHandle.WaitOne(int)"/>) and timers fire on the thread pool,
/// so at thousands of arrivals per second either the wake-up is rounded or it queues behind HTTP completions.
/// </summary>
internal static class PreciseSleep
{
    // Cancellation is checked between slices, so a stop is noticed within this.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(20);

    /// <summary>Sleeps until <paramref name="clock"/> reaches <paramref name="due"/>, or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="clock">The run clock (on the system time provider), read afresh after every slice.</param>
    /// <param name="due">The offset on the run clock to wake at.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns><see langword="false"/> when cancelled.</returns>
    public static bool Until(RunClock clock, TimeSpan due, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (cancellationToken.IsCancellationRequested) return false;
            var left = due - clock.Elapsed;
            if (left <= TimeSpan.Zero) return true;
            var step = left < Slice ? left : Slice;
            if (OperatingSystem.IsLinux()) Nanosleep(step);
            // Elsewhere the whole-millisecond wait, rounded up: late by under a millisecond, never early.
            else cancellationToken.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(Math.Ceiling(step.TotalMilliseconds)));
        }
    }

    private static void Nanosleep(TimeSpan span)
    {
        var ticks = span.Ticks;
        var request = new Timespec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        // An interrupted sleep (EINTR) simply returns early; the caller's loop re-reads the time left.
        _ = nanosleep(ref request, IntPtr.Zero);
    }

    // DllImport rather than LibraryImport: the generated stub needs unsafe code, and this signature needs no marshalling.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
