using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// Faults switched on by hand while the fakes run (<c>chaoskit serve</c>'s <c>POST /__chaoskit/faults</c>), on top
/// of the timeline's. They hold in every phase, and after the timeline ends, until <see cref="Clear"/>.
/// </summary>
public sealed class LiveFaults
{
    private readonly FaultCatalog _catalog;
    private readonly Lock _gate = new();
    private int _nextId;

    // Swapped as a whole, so a call reads one consistent list without taking the lock.
    private volatile ScheduledFault[] _active = [];

    /// <summary>Creates an empty set that builds faults from <paramref name="catalog"/>.</summary>
    public LiveFaults(FaultCatalog? catalog = null) => _catalog = catalog ?? FaultCatalog.Default;

    /// <summary>The faults switched on, oldest first.</summary>
    public IReadOnlyList<FaultSpec> Active => [.. _active.Select(f => f.Spec)];

    /// <summary>Switches <paramref name="fault"/> on for every call from now on.</summary>
    /// <exception cref="ScenarioException">The fault is not valid.</exception>
    public void SwitchOn(FaultSpec fault)
    {
        var built = _catalog.Create(fault);
        lock (_gate)
        {
            // The id keeps its dice apart from the other live faults' (see FaultSchedule).
            _active = [.. _active, new ScheduledFault(_nextId++, fault, built, IsLive: true)];
        }
    }

    /// <summary>Switches <paramref name="fault"/> off (the very instance given to <see cref="SwitchOn"/>), leaving the others on.</summary>
    /// <returns>False when it was not on.</returns>
    public bool SwitchOff(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            var index = Array.FindIndex(_active, f => ReferenceEquals(f.Spec, fault));
            if (index < 0) return false;
            _active = [.. _active[..index], .. _active[(index + 1)..]];
            return true;
        }
    }

    /// <summary>Switches every live fault off.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _active = [];
        }
    }

    /// <summary>The live faults now, for the <see cref="FaultSchedule"/>.</summary>
    internal IReadOnlyList<ScheduledFault> Snapshot => _active;
}
