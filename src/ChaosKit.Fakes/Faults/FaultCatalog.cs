using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// The fault kinds the fakes can inject, keyed by the name scenarios use (<c>error</c>, <c>latency</c>). The scenario
/// loader asks it to check every fault, so a typo such as <c>staus</c> fails validation with "did you mean 'status'?"
/// before anything starts.
/// </summary>
public sealed class FaultCatalog : IFaultCatalog
{
    private readonly Dictionary<string, FaultRegistration> _kinds;

    private FaultCatalog(IEnumerable<FaultRegistration> registrations)
    {
        _kinds = new Dictionary<string, FaultRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            // Two kinds with one name would make scenarios ambiguous; fail at start-up, as k6 does.
            if (!_kinds.TryAdd(registration.Kind, registration))
                throw new InvalidOperationException($"Fault kind '{registration.Kind}' is registered twice.");
        }
    }

    /// <summary>Every built-in fault kind.</summary>
    public static FaultCatalog Default { get; } = new(
    [
        ErrorFault.Registration, LatencyFault.Registration, ResetFault.Registration, HangFault.Registration,
        StreamCutFault.Registration, StreamStallFault.Registration, StreamSlowFault.Registration, QuotaFault.Registration,
        ErrorPresetFault.RateLimit, ErrorPresetFault.Overloaded, ErrorPresetFault.QuotaExhausted, ErrorPresetFault.ContextLength,
        ErrorPresetFault.ServerError, ErrorPresetFault.BadGateway, ErrorPresetFault.GatewayTimeout, ErrorPresetFault.Unauthorized,
        ErrorPresetFault.PermissionDenied, ErrorPresetFault.ModelNotFound, ContentFilterFault.Registration, MalformedFault.Registration,
        ConnectionRefusedFault.Registration, ResetOnAcceptFault.Registration, HangOnAcceptFault.Registration,
    ]);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Kinds => _kinds.Keys;

    /// <summary>The settings a fault kind accepts, or an empty list for an unknown kind.</summary>
    public IReadOnlyCollection<string> SettingsOf(string kind) =>
        _kinds.TryGetValue(kind, out var registration) ? registration.Settings : [];

    /// <inheritdoc />
    public void Validate(FaultSpec fault) => Create(fault);

    /// <summary>
    /// Describes <paramref name="fault"/> for reports and consoles, e.g. <c>error 529 on claude, 50% of calls</c>.
    /// </summary>
    /// <exception cref="ScenarioException">The fault is not valid.</exception>
    public string Describe(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var target = fault.Provider ?? "every provider";
        if (fault.Route is { } route) target += $" {route}";
        if (fault.Model is { } model) target += $" (model {model})";
        return $"{Create(fault)} on {target}, {DescribeRate(fault)}";
    }

    private static string DescribeRate(FaultSpec fault)
    {
        var timing = fault.Timing;
        var rate = timing.RampFrom is { } from
            ? $"{Percent(from)}→{Percent(fault.Rate)} of calls over {(timing.RampOver is { } over ? DurationParser.Format(over) : "the phase")}"
            : $"{Percent(fault.Rate)} of calls";
        return timing is { FlapOn: { } on, FlapOff: { } off }
            ? $"{rate}, flapping {DurationParser.Format(on)} on / {DurationParser.Format(off)} off"
            : rate;
    }

    private static string Percent(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Builds a fresh fault from its declaration.</summary>
    /// <remarks>The shared keys (rate, ramp, flap) are the scenario loader's to check; this reads the kind's own settings.</remarks>
    /// <exception cref="ScenarioException">Unknown kind, or a bad or unknown setting.</exception>
    internal IFault Create(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!_kinds.TryGetValue(fault.Kind, out var registration))
        {
            var hint = NearMiss.Suggest(fault.Kind, _kinds.Keys);
            var known = string.Join(", ", _kinds.Keys.Order(StringComparer.Ordinal));
            throw new ScenarioException(fault.Location, FieldOf(fault, "kind"), hint is null
                ? $"unknown fault kind '{fault.Kind}'; known kinds: {known}"
                : $"unknown fault kind '{fault.Kind}'; did you mean '{hint}'?");
        }
        var built = registration.Create(fault.Settings);
        if (built is IConnectionFault connectionFault) ConnectionFaultRules.Check(fault, connectionFault);
        return built;
    }

    private static string FieldOf(FaultSpec fault, string key) =>
        fault.Settings.FieldPath.Length == 0 ? key : $"{fault.Settings.FieldPath}.{key}";
}
