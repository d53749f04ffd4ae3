namespace ChaosKit.Load.Scheduling;

/// <summary>Starts iterations for one load model (open or closed) and tells the runner how it kept up.</summary>
internal interface ILoadDispatcher
{
    /// <summary>Iterations started or dropped so far.</summary>
    long Arrived { get; }

    /// <summary>Iterations running now.</summary>
    int InFlight { get; }

    /// <summary>The most iterations that ran at once.</summary>
    int PeakInFlight { get; }

    /// <summary>Arrivals started later than the dispatch-delay warning threshold.</summary>
    long LateArrivals { get; }

    /// <summary>The most the dispatcher ran behind its plan.</summary>
    TimeSpan MaxLag { get; }

    /// <summary>Open-model arrivals started over the concurrency cap (<c>overload: grow</c>); 0 for the closed model.</summary>
    long OverCapStarts { get; }

    /// <summary>Completes once the plan has ended (or stopped) and no iteration is in flight.</summary>
    Task Drained { get; }

    /// <summary>Runs the plan; <see langword="true"/> when it ran to its end, <see langword="false"/> when cancelled.</summary>
    Task<bool> RunAsync(CancellationToken cancellationToken);
}
