using System.Diagnostics;

namespace ChaosKit.Load.Measurement;

/// <summary>
/// The process's CPU time over a span of wall time, as a share of every core: near 1 means the generator itself
/// was CPU-bound, so the figures measure ChaosKit as much as the target.
/// </summary>
internal readonly struct CpuMeter
{
    private readonly TimeSpan _cpuAtStart;
    private readonly long _wallAtStart;

    private CpuMeter(TimeSpan cpu, long wall)
    {
        _cpuAtStart = cpu;
        _wallAtStart = wall;
    }

    /// <summary>Starts measuring now.</summary>
    public static CpuMeter Start() => new(Environment.CpuUsage.TotalTime, Stopwatch.GetTimestamp());

    /// <summary>CPU time used since <see cref="Start"/> ÷ (wall time × cores), between 0 and 1; 0 for a span too short to tell.</summary>
    public double Share()
    {
        var wall = Stopwatch.GetElapsedTime(_wallAtStart);
        if (wall < TimeSpan.FromSeconds(1)) return 0;
        var cpu = Environment.CpuUsage.TotalTime - _cpuAtStart;
        return Math.Clamp(cpu / (wall * Environment.ProcessorCount), 0, 1);
    }
}
