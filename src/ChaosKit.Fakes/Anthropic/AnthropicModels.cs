using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChaosKit.Fakes.Anthropic;

/// <summary>
/// Model names the fake accepts. Aliases resolve to their dated snapshot, as the real API reports the snapshot
/// that served the call (request <c>claude-sonnet-4-5</c>, answer <c>claude-sonnet-4-5-20250929</c>); other names
/// that look like a Claude model are echoed, anything else is the real 404 <c>model: &lt;name&gt;</c>.
/// </summary>
internal static partial class AnthropicModels
{
    /// <summary>A model the fake lists.</summary>
    /// <param name="Alias">The undated name.</param>
    /// <param name="Snapshot">The dated snapshot it resolves to.</param>
    /// <param name="DisplayName">Name shown in <c>GET /v1/models</c>.</param>
    /// <param name="CreatedAt">Release date, RFC 3339.</param>
    internal sealed record Model(string Alias, string Snapshot, string DisplayName, string CreatedAt);

    // Newest first, as GET /v1/models lists them. Snapshots as in the official SDK's model list.
    private static readonly Model[] Known =
    [
        new("claude-opus-4-5", "claude-opus-4-5-20251101", "Claude Opus 4.5", "2025-11-01T00:00:00Z"),
        new("claude-haiku-4-5", "claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-01T00:00:00Z"),
        new("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"),
        new("claude-opus-4-1", "claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z"),
        new("claude-opus-4-0", "claude-opus-4-20250514", "Claude Opus 4", "2025-05-14T00:00:00Z"),
        new("claude-sonnet-4-0", "claude-sonnet-4-20250514", "Claude Sonnet 4", "2025-05-14T00:00:00Z"),
        new("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219", "Claude Sonnet 3.7", "2025-02-19T00:00:00Z"),
        new("claude-3-5-haiku-latest", "claude-3-5-haiku-20241022", "Claude Haiku 3.5", "2024-10-22T00:00:00Z"),
    ];

    private static readonly Dictionary<string, string> SnapshotOf = Known.ToDictionary(m => m.Alias, m => m.Snapshot, StringComparer.Ordinal);

    [GeneratedRegex("^claude-[a-z0-9][a-z0-9.@-]{0,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex Plausible();

    /// <summary>The model name to report for <paramref name="requested"/>, or false when no such model exists.</summary>
    public static bool TryResolve(string requested, out string served)
    {
        if (SnapshotOf.TryGetValue(requested, out var snapshot))
        {
            served = snapshot;
            return true;
        }
        served = requested;
        return Plausible().IsMatch(requested);
    }

    /// <summary>Writes the <c>GET /v1/models</c> page: every known snapshot, newest first.</summary>
    public static void WriteList(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("data"u8);
        foreach (var model in Known)
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "model");
            json.WriteString("id"u8, model.Snapshot);
            json.WriteString("display_name"u8, model.DisplayName);
            json.WriteString("created_at"u8, model.CreatedAt);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("has_more"u8, false);
        json.WriteString("first_id"u8, Known[0].Snapshot);
        json.WriteString("last_id"u8, Known[^1].Snapshot);
        json.WriteEndObject();
    }
}
