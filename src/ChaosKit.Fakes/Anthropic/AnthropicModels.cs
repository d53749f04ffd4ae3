using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

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

    /// <summary>The model <c>GET /v1/models/{id}</c> describes: by snapshot or alias; null when unknown.</summary>
    public static Model? Find(string id) =>
        Array.Find(Known, m => m.Snapshot == id) ?? Array.Find(Known, m => m.Alias == id);

    /// <summary>
    /// Reads <c>GET /v1/models</c>' paging (<c>limit</c> 1-1,000, default 20; <c>after_id</c> or <c>before_id</c>);
    /// returns the 400 message when a value is not acceptable.
    /// </summary>
    public static string? ReadPage(IQueryCollection query, out ModelPage page)
    {
        page = new ModelPage(20, null, null);
        var limit = 20;
        if (query.TryGetValue("limit", out var text) && text.Count > 0)
        {
            if (!int.TryParse(text[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit))
                return "limit: Input should be a valid integer, unable to parse string as an integer";
            if (limit < 1) return "limit: Input should be greater than or equal to 1";
            if (limit > 1000) return "limit: Input should be less than or equal to 1000";
        }
        page = new ModelPage(limit, NonEmpty(query["after_id"]), NonEmpty(query["before_id"]));
        return null;
    }

    private static string? NonEmpty(StringValues value) => value.Count > 0 && value[0] is { Length: > 0 } text ? text : null;

    /// <summary>One page of <c>GET /v1/models</c>.</summary>
    /// <param name="Limit">Most models on the page.</param>
    /// <param name="AfterId">The page starts after this id (the next page).</param>
    /// <param name="BeforeId">The page ends before this id (the previous page).</param>
    internal readonly record struct ModelPage(int Limit, string? AfterId, string? BeforeId);

    /// <summary>Writes a page of <c>GET /v1/models</c>, newest first, with <c>has_more</c>, <c>first_id</c> and <c>last_id</c>.</summary>
    public static void WriteList(Utf8JsonWriter json, ModelPage page)
    {
        int start = 0, end = Known.Length;
        if (page.AfterId is { } after) start = Array.FindIndex(Known, m => m.Snapshot == after) + 1;
        if (page.BeforeId is { } before) end = Math.Max(0, Array.FindIndex(Known, m => m.Snapshot == before));
        // An unknown cursor leaves nothing after (or before) it, as an id from another list would.
        if (page.AfterId is not null && start == 0) start = Known.Length;
        // A page back (before_id) ends at its cursor; any other page starts at its cursor.
        var hasMore = end - start > page.Limit;
        if (page.BeforeId is not null) start = Math.Max(start, end - page.Limit);
        else end = Math.Min(end, start + page.Limit);
        var models = start < end ? Known[start..end] : [];

        json.WriteStartObject();
        json.WriteStartArray("data"u8);
        foreach (var model in models) Write(json, model);
        json.WriteEndArray();
        json.WriteBoolean("has_more"u8, hasMore);
        if (models.Length > 0) json.WriteString("first_id"u8, models[0].Snapshot);
        else json.WriteNull("first_id"u8);
        if (models.Length > 0) json.WriteString("last_id"u8, models[^1].Snapshot);
        else json.WriteNull("last_id"u8);
        json.WriteEndObject();
    }

    /// <summary>Writes one model object, as <c>GET /v1/models/{id}</c> answers and the list holds.</summary>
    public static void Write(Utf8JsonWriter json, Model model)
    {
        json.WriteStartObject();
        json.WriteString("type"u8, "model");
        json.WriteString("id"u8, model.Snapshot);
        json.WriteString("display_name"u8, model.DisplayName);
        json.WriteString("created_at"u8, model.CreatedAt);
        json.WriteEndObject();
    }
}
