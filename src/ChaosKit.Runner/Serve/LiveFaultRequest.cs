using System.Globalization;
using System.Text.Json;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// Reads the body of <c>POST /__chaoskit/faults</c>: one fault written as in a scenario, as JSON, e.g.
/// <c>{"kind":"error","provider":"claude","status":529,"rate":0.5}</c>.
/// </summary>
internal static class LiveFaultRequest
{
    /// <summary>Parses <paramref name="json"/> into a fault; the catalog validates its settings later.</summary>
    /// <exception cref="ScenarioException">Not a JSON object, no <c>kind</c>, or a value that is not a scalar.</exception>
    public static FaultSpec Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
            throw Invalid("", "expected a JSON object such as {\"kind\":\"error\",\"status\":529}");
        string? kind = null;
        string? provider = null;
        var rate = 1.0;
        var settings = new Dictionary<string, ScalarSetting>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            switch (property.Name)
            {
                case "kind":
                    kind = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : throw Invalid("kind", "expected a string");
                    break;
                case "provider":
                    provider = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : throw Invalid("provider", "expected a string");
                    break;
                case "rate":
                    // The rate is the wrapper's to check, as the scenario loader does for a file's faults.
                    rate = property.Value.ValueKind == JsonValueKind.Number && property.Value.GetDouble() is var r and >= 0 and <= 1
                        ? r
                        : throw Invalid("rate", "expected a number from 0 to 1");
                    break;
                default:
                    settings[property.Name] = new ScalarSetting(Scalar(property), SourceLocation.None);
                    break;
            }
        }
        if (string.IsNullOrEmpty(kind)) throw Invalid("kind", "missing; e.g. \"kind\":\"error\"");
        return new FaultSpec(kind, provider, rate, new FaultSettings("", settings, SourceLocation.None), SourceLocation.None);
    }

    private static string Scalar(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.String => property.Value.GetString()!,
        JsonValueKind.Number => property.Value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw Invalid(property.Name, string.Create(CultureInfo.InvariantCulture, $"expected a string, number or boolean, got {property.Value.ValueKind}")),
    };

    private static ScenarioException Invalid(string field, string problem) => new(SourceLocation.None, field, problem);
}
