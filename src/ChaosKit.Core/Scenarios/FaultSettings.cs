using System.Globalization;
using ChaosKit.Core.Loading;

namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The kind-specific settings of a fault, read by the fault type that owns the kind. Every getter reports a bad
/// value as a <see cref="ScenarioException"/> that points at the value in the file, and <see cref="EnsureAllRead"/>
/// reports keys that no getter asked for, with the nearest known key as a suggestion.
/// </summary>
public sealed class FaultSettings
{
    private readonly IReadOnlyDictionary<string, ScalarSetting> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>Creates settings from scalar values keyed by setting name.</summary>
    /// <param name="fieldPath">Dotted path of the fault in the scenario, used in error messages.</param>
    /// <param name="values">The raw scalar values.</param>
    /// <param name="location">Where the fault was declared, for errors about missing settings.</param>
    public FaultSettings(string fieldPath, IReadOnlyDictionary<string, ScalarSetting> values, SourceLocation location)
    {
        FieldPath = fieldPath;
        _values = values;
        Location = location;
    }

    /// <summary>Dotted path of the fault, e.g. <c>timeline[1].faults[0]</c>.</summary>
    public string FieldPath { get; }

    /// <summary>Where the fault was declared.</summary>
    public SourceLocation Location { get; }

    /// <summary>Settings with no values, for faults built in code.</summary>
    public static FaultSettings Empty { get; } = new("", new Dictionary<string, ScalarSetting>(), SourceLocation.None);

    /// <summary>Builds settings from plain strings, for faults built in code rather than read from a file.</summary>
    public static FaultSettings FromValues(IReadOnlyDictionary<string, string> values) =>
        new("", values.ToDictionary(kv => kv.Key, kv => new ScalarSetting(kv.Value, SourceLocation.None)), SourceLocation.None);

    /// <summary>Every setting as written in the scenario, in file order, for the result; <see cref="EnsureAllRead"/> does not count these as read.</summary>
    public IReadOnlyDictionary<string, string> Written => _values.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    /// <summary>True when the setting was written.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>Reads an integer setting, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string key, int fallback) => TryGet(key, out var s) ? ParseInt(key, s) : fallback;

    /// <summary>Reads a required integer setting.</summary>
    public int GetRequiredInt(string key) => ParseInt(key, Required(key));

    /// <summary>Reads a duration setting (<c>500ms</c>, <c>30s</c>, <c>2m</c>), or <paramref name="fallback"/> when absent.</summary>
    public TimeSpan GetDuration(string key, TimeSpan fallback) => TryGet(key, out var s) ? ParseDuration(key, s) : fallback;

    /// <summary>Reads an optional duration setting.</summary>
    public TimeSpan? GetOptionalDuration(string key) => TryGet(key, out var s) ? ParseDuration(key, s) : null;

    /// <summary>Reads a boolean setting, or <paramref name="fallback"/> when absent.</summary>
    public bool GetBool(string key, bool fallback)
    {
        if (!TryGet(key, out var s)) return fallback;
        return s.Value.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(key, s, $"expected true or false, got '{s.Value}'"),
        };
    }

    /// <summary>Reads a string setting, or <paramref name="fallback"/> when absent.</summary>
    public string GetString(string key, string fallback) => TryGet(key, out var s) ? s.Value : fallback;

    /// <summary>Builds the error a fault type raises for a setting whose value it rejects.</summary>
    public ScenarioException Invalid(string key, string problem) =>
        _values.TryGetValue(key, out var s) ? Error(key, s, problem) : new ScenarioException(Location, Path(key), problem);

    /// <summary>Fails on any setting that no getter read, suggesting the nearest of <paramref name="knownKeys"/>.</summary>
    public void EnsureAllRead(IReadOnlyCollection<string> knownKeys)
    {
        foreach (var (key, setting) in _values)
        {
            if (_read.Contains(key)) continue;
            var hint = NearMiss.Suggest(key, knownKeys);
            var known = string.Join(", ", knownKeys.Order(StringComparer.Ordinal));
            throw new ScenarioException(setting.Location, Path(key),
                hint is null ? $"unknown setting; this fault accepts: {known}" : $"unknown setting; did you mean '{hint}'?");
        }
    }

    private bool TryGet(string key, out ScalarSetting setting)
    {
        _read.Add(key);
        return _values.TryGetValue(key, out setting!);
    }

    private ScalarSetting Required(string key)
    {
        if (TryGet(key, out var s)) return s;
        // A required setting that is missing is most often a typo of it: point at the typo, not at the fault.
        foreach (var (written, setting) in _values)
        {
            if (NearMiss.Suggest(written, [key]) is not null)
                throw new ScenarioException(setting.Location, Path(written), $"unknown setting; did you mean '{key}'?");
        }
        throw new ScenarioException(Location, Path(key), "missing required setting");
    }

    private int ParseInt(string key, ScalarSetting s) =>
        int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Error(key, s, $"expected a whole number, got '{s.Value}'");

    private TimeSpan ParseDuration(string key, ScalarSetting s) =>
        DurationParser.TryParse(s.Value, out var d) ? d : throw Error(key, s, DurationParser.Explain(s.Value));

    private ScenarioException Error(string key, ScalarSetting s, string problem) => new(s.Location, Path(key), problem);

    private string Path(string key) => FieldPath.Length == 0 ? key : $"{FieldPath}.{key}";
}

/// <summary>A scalar value from the scenario file with its location.</summary>
/// <param name="Value">The value as written.</param>
/// <param name="Location">Where it was written.</param>
public sealed record ScalarSetting(string Value, SourceLocation Location);
