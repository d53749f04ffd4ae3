using System.Text;
using System.Text.Json;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// Reads the body of <c>POST /__chaoskit/faults</c>: one fault written as a timeline phase lists it, as JSON, e.g.
/// <c>{"kind":"error","provider":"claude","status":529,"rate":0.5}</c>, checked by the scenario loader exactly as a
/// file's faults are (<see cref="ScenarioLoader.ParseFault"/>), so a live fault can be nothing a scenario could not say.
/// </summary>
internal static class LiveFaultRequest
{
    /// <summary>The largest body taken, in bytes: a fault with a long custom message fits several times over.</summary>
    public const int MaxBytes = 4096;

    // Deeper than any fault (a rate ramp is two levels); JSON nested further is refused before it is read.
    private const int MaxDepth = 8;

    /// <summary>Parses <paramref name="json"/> (UTF-8) into a fault for <paramref name="scenario"/>'s providers.</summary>
    /// <exception cref="ScenarioException">Not a JSON object, or a fault the loader rejects (every problem listed).</exception>
    public static FaultSpec Parse(ReadOnlySpan<byte> json, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (json.IsEmpty) throw Invalid("", "no body; send a fault as JSON, e.g. {\"kind\":\"error\",\"status\":503}");
        string yaml;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid("", "expected a JSON object such as {\"kind\":\"error\",\"status\":503}");
            // JSON written as a YAML flow mapping: the loader reads it as it reads a phase's faults.
            var flow = new StringBuilder(json.Length + 16);
            AppendFlow(flow, document.RootElement);
            yaml = flow.ToString();
        }
        catch (JsonException e)
        {
            throw Invalid("", $"the body is not JSON: {e.Message.Split('\n')[0]}");
        }
        catch (InvalidOperationException)
        {
            // A string holding a lone surrogate escape, or bytes that are not UTF-8: text no fault can carry.
            throw Invalid("", "the body holds text that is not valid Unicode (invalid UTF-8, or a lone surrogate escape such as \\ud800)");
        }
        var fault = ScenarioLoader.ParseFault(yaml, "", scenario.Providers, ScenarioRunner.Catalogs);
        // Live faults hold their rate from the moment they are switched on (FaultSchedule); a timing would be ignored.
        if (!fault.Timing.IsSteady)
            throw Invalid(fault.Timing.FlapOn is null ? "ramp" : "flap",
                "a live fault holds its rate from the moment it is switched on; ramp and flap belong to a phase's faults");
        return fault;
    }

    /// <summary>The one line a refused body is answered with: each problem as <c>field: problem</c>, without the position in the body.</summary>
    public static string Describe(ScenarioException error) =>
        string.Join("; ", error.Problems.Select(p => p.Field.Length == 0 ? p.Problem : $"{p.Field}: {p.Problem}"));

    private static void AppendFlow(StringBuilder flow, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                flow.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first) flow.Append(", ");
                    first = false;
                    flow.Append(JsonSerializer.Serialize(property.Name)).Append(": ");
                    AppendFlow(flow, property.Value);
                }
                flow.Append('}');
                break;
            case JsonValueKind.Array:
                flow.Append('[');
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (index++ > 0) flow.Append(", ");
                    AppendFlow(flow, item);
                }
                flow.Append(']');
                break;
            case JsonValueKind.String:
                // Escaped as JSON (non-ASCII as \uXXXX): a YAML double-quoted scalar reads the same escapes.
                flow.Append(JsonSerializer.Serialize(value.GetString()));
                break;
            default:
                // Numbers, true, false and null are the same words in YAML.
                flow.Append(value.GetRawText());
                break;
        }
    }

    private static ScenarioException Invalid(string field, string problem) => new(SourceLocation.None, field, problem);
}
