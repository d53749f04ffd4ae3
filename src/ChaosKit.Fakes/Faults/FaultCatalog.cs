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
        ErrorFault.Registration, LatencyFault.Registration, NoAnswerFault.Reset, NoAnswerFault.Hang,
        StreamCutFault.Registration, StreamStallFault.Registration, StreamSlowFault.Registration, QuotaFault.Registration,
        ErrorPresetFault.RateLimit, ErrorPresetFault.Overloaded, ErrorPresetFault.QuotaExhausted, ErrorPresetFault.ContextLength,
        ErrorPresetFault.ServerError, ErrorPresetFault.BadGateway, ErrorPresetFault.GatewayTimeout, ErrorPresetFault.Unauthorized,
        ErrorPresetFault.PermissionDenied, ErrorPresetFault.ModelNotFound, ContentFilterFault.Registration, MalformedFault.Registration,
        ConnectionRefusedFault.Registration, ResetOnAcceptFault.Registration, HangOnAcceptFault.Registration,
    ]);

    /// <summary>This catalog and <paramref name="more"/> kinds (for tests).</summary>
    internal FaultCatalog With(params FaultRegistration[] more) => new([.. _kinds.Values, .. more]);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Kinds => _kinds.Keys;

    /// <summary>The settings a fault kind accepts, or an empty list for an unknown kind.</summary>
    public IReadOnlyCollection<string> SettingsOf(string kind) =>
        _kinds.TryGetValue(kind, out var registration) ? registration.Settings : [];

    /// <inheritdoc />
    public void Validate(FaultSpec fault) => Create(fault);

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
        fault.Settings.EnsureAllRead(registration.Settings);
        if (built is IConnectionFault connectionFault) ConnectionFaultRules.Check(fault, connectionFault);
        return built;
    }

    private static string FieldOf(FaultSpec fault, string key) =>
        fault.Settings.FieldPath.Length == 0 ? key : $"{fault.Settings.FieldPath}.{key}";
}
