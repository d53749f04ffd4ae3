using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;

namespace ChaosKit.Testing;

/// <summary>
/// A fault switched on while the fakes run (<see cref="ChaosFakes.SwitchOn"/>): it hits every call from the next one
/// on, in every phase, until switched off. Disposing it switches it off, so <c>using var _ = fakes.SwitchOn(...)</c>
/// scopes it to a block.
/// </summary>
public sealed class LiveFault : IDisposable
{
    private readonly LiveFaults _live;
    private readonly FaultSpec _spec;
    private readonly Action _switched;

    internal LiveFault(LiveFaults live, FaultSpec spec, ChaosFault fault, Action switched)
    {
        _live = live;
        _spec = spec;
        Fault = fault;
        _switched = switched;
    }

    /// <summary>The fault as it was given.</summary>
    public ChaosFault Fault { get; }

    /// <summary>True until switched off (by this handle, <see cref="ChaosFakes.SwitchOffAll"/> or <see cref="ChaosFakes.Reset"/>).</summary>
    public bool IsOn => _live.Active.Any(f => ReferenceEquals(f, _spec));

    /// <summary>Switches the fault off from the next call on; the other live faults stay on. Does nothing when already off.</summary>
    public void SwitchOff()
    {
        if (_live.SwitchOff(_spec)) _switched();
    }

    /// <summary>Switches the fault off.</summary>
    public void Dispose() => SwitchOff();
}
