using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Tests.Support;

/// <summary>Builds scenarios in code, the way the YAML loader would.</summary>
internal static class TestScenarios
{
    public const string Provider = "claude";

    public static FaultSpec Fault(string kind, double rate = 1.0, string? provider = null, params (string Key, string Value)[] settings) =>
        new(kind, provider, rate, FaultSettings.FromValues(settings.ToDictionary(s => s.Key, s => s.Value)), SourceLocation.None);

    public static FaultSpec Error(int status, double rate = 1.0, params (string Key, string Value)[] more) =>
        Fault("error", rate, null, [("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. more]);

    public static FaultSpec Latency(string delay, double rate = 1.0) => Fault("latency", rate, null, ("delay", delay));

    public static PhaseSpec Phase(string name, TimeSpan duration, params FaultSpec[] faults) =>
        new(name, duration, faults, SourceLocation.None);

    public static ProviderSpec Anthropic(string name = Provider, int port = 0) =>
        new(name, "anthropic", port, SourceLocation.None);

    /// <summary>A fast pace so streaming tests take milliseconds: 5 ms to the first token, then 2,000 tokens a second.</summary>
    public static readonly StreamingSpec FastStreaming = new(TimeSpan.FromMilliseconds(5), 2_000, 0.2);

    public static ProviderSpec ProviderOf(string kind, string name, StreamingSpec? streaming = null, params string[] apiKeys) =>
        new(name, kind, 0, SourceLocation.None) { Streaming = streaming ?? FastStreaming, ApiKeys = apiKeys };

    public static Scenario Create(IReadOnlyList<PhaseSpec> phases, int seed = 42, IReadOnlyList<ProviderSpec>? providers = null) => new()
    {
        Name = "fakes-test",
        Seed = seed,
        Providers = providers ?? [Anthropic()],
        Timeline = phases,
        Target = new TargetSpec(new Uri("http://127.0.0.1:1/"), SourceLocation.None),
        Load = new LoadSpec(1, 1, TimeSpan.FromSeconds(10),
            new RequestTemplate("POST", "/chat", new Dictionary<string, string>(), null, SourceLocation.None), null, SourceLocation.None),
        Expectations = [],
    };
}
