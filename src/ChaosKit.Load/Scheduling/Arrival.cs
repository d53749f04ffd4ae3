namespace ChaosKit.Load.Scheduling;

/// <summary>One planned iteration: its number and when, from the run start, it should begin.</summary>
/// <param name="Iteration">0-based iteration number; also seeds the iteration's request data and trace id.</param>
/// <param name="Offset">Scheduled start, as an offset from the run clock's start.</param>
internal readonly record struct Arrival(long Iteration, TimeSpan Offset);
