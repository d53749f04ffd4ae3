using ChaosKit.Core.Loading;

namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The settings under one simulation's key (<c>{ rate: 10, interval: 1s, during: 30s }</c>), read by the simulation
/// kind that owns them. Unknown keys were already rejected. A bad or missing value is recorded against the scenario,
/// pointing at it with its dotted field path, and the getter returns a placeholder (0) so reading goes on; the loader
/// then leaves that simulation's own checks out, as their problems would only echo the first.
/// </summary>
public sealed class SimulationSettings
{
    private readonly YamlMap _map;

    internal SimulationSettings(YamlMap map, SourceLocation location)
    {
        _map = map;
        Location = location;
    }

    /// <summary>Where the simulation was declared (its list item), for the simulation to carry.</summary>
    public SourceLocation Location { get; }

    /// <summary>A required arrival rate: a number from 0 to <see cref="LoadSimulations.MaxRatePerSecond"/> an hour's worth.</summary>
    public double Rate(string key) => _map.RequiredDouble(key, 0, LoadSimulations.MaxRatePerSecond * 3600) ?? 0;

    /// <summary>A required duration (<c>500ms</c>, <c>30s</c>, <c>2m</c>).</summary>
    public TimeSpan Duration(string key) => _map.RequiredDuration(key) ?? TimeSpan.Zero;

    /// <summary>A duration, or <paramref name="fallback"/> when absent.</summary>
    public TimeSpan Duration(string key, TimeSpan fallback) => _map.OptionalDuration(key, fallback);

    /// <summary>A required whole number.</summary>
    public int Int(string key) => _map.RequiredInt(key) ?? 0;
}
