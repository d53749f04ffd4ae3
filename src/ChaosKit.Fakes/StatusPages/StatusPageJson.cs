using System.Globalization;
using System.Text.Json;

namespace ChaosKit.Fakes.StatusPages;

/// <summary>
/// Writes the Atlassian Statuspage documents (<c>/api/v2/status.json</c>, <c>summary.json</c>,
/// <c>incidents/unresolved.json</c>) in the shapes of docs/providers.md#status-page-documents, for one provider's page.
/// </summary>
internal static class StatusPageJson
{
    /// <summary>The documents served, by path under the page.</summary>
    public static readonly string[] Paths = ["api/v2/status.json", "api/v2/summary.json", "api/v2/incidents/unresolved.json"];

    /// <summary>Writes the document at <paramref name="path"/>; false for an unknown path.</summary>
    public static bool TryWrite(Utf8JsonWriter json, string path, StatusPageIdentity page, StatusPageState state, DateTimeOffset now)
    {
        switch (path)
        {
            case "api/v2/status.json":
                json.WriteStartObject();
                WritePage(json, page, now);
                WriteStatus(json, state);
                json.WriteEndObject();
                return true;
            case "api/v2/summary.json":
                json.WriteStartObject();
                WritePage(json, page, now);
                WriteStatus(json, state);
                json.WriteStartArray("components"u8);
                WriteComponent(json, page, state, now);
                json.WriteEndArray();
                WriteIncidents(json, page, state, now);
                json.WriteStartArray("scheduled_maintenances"u8);
                json.WriteEndArray();
                json.WriteEndObject();
                return true;
            case "api/v2/incidents/unresolved.json":
                json.WriteStartObject();
                WritePage(json, page, now);
                WriteIncidents(json, page, state, now);
                json.WriteEndObject();
                return true;
            default:
                return false;
        }
    }

    private static void WritePage(Utf8JsonWriter json, StatusPageIdentity page, DateTimeOffset now)
    {
        json.WriteStartObject("page"u8);
        json.WriteString("id"u8, page.Id);
        json.WriteString("name"u8, page.Name);
        json.WriteString("url"u8, page.Url);
        json.WriteString("time_zone"u8, "Etc/UTC");
        json.WriteString("updated_at"u8, Time(now));
        json.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter json, StatusPageState state)
    {
        json.WriteStartObject("status"u8);
        json.WriteString("indicator"u8, state.Indicator);
        json.WriteString("description"u8, state.Description);
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, StatusPageIdentity page, StatusPageState state, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, page.ComponentId);
        json.WriteString("name"u8, page.ComponentName);
        json.WriteString("status"u8, state.ComponentStatus);
        json.WriteString("created_at"u8, "2023-01-01T00:00:00.000Z");
        json.WriteString("updated_at"u8, Time(state.Incident is null ? now : state.IncidentStart));
        json.WriteNumber("position"u8, 1);
        json.WriteNull("description"u8);
        json.WriteBoolean("showcase"u8, true);
        json.WriteNull("start_date"u8);
        json.WriteNull("group_id"u8);
        json.WriteString("page_id"u8, page.Id);
        json.WriteBoolean("group"u8, false);
        json.WriteBoolean("only_show_if_degraded"u8, false);
        json.WriteEndObject();
    }

    private static void WriteIncidents(Utf8JsonWriter json, StatusPageIdentity page, StatusPageState state, DateTimeOffset now)
    {
        json.WriteStartArray("incidents"u8);
        if (state.Incident is { } phase)
        {
            var id = "ck" + phase.Index.ToString("D10", CultureInfo.InvariantCulture);
            var started = Time(state.IncidentStart);
            var degraded = state.ComponentStatus == "degraded_performance";
            json.WriteStartObject();
            json.WriteString("id"u8, id);
            json.WriteString("name"u8, degraded ? $"Elevated latency on {page.ComponentName}" : $"Elevated errors on {page.ComponentName}");
            json.WriteString("status"u8, "investigating");
            json.WriteString("impact"u8, state.Indicator);
            json.WriteString("created_at"u8, started);
            json.WriteString("updated_at"u8, started);
            json.WriteNull("monitoring_at"u8);
            json.WriteNull("resolved_at"u8);
            json.WriteString("started_at"u8, started);
            json.WriteString("shortlink"u8, $"https://stspg.io/{id}");
            json.WriteString("page_id"u8, page.Id);
            json.WriteStartArray("incident_updates"u8);
            json.WriteStartObject();
            json.WriteString("id"u8, id + "u");
            json.WriteString("status"u8, "investigating");
            json.WriteString("body"u8, "We are currently investigating this issue.");
            json.WriteString("incident_id"u8, id);
            json.WriteString("created_at"u8, started);
            json.WriteString("updated_at"u8, started);
            json.WriteString("display_at"u8, started);
            json.WriteStartArray("affected_components"u8);
            json.WriteStartObject();
            json.WriteString("code"u8, page.ComponentId);
            json.WriteString("name"u8, page.ComponentName);
            json.WriteString("old_status"u8, "operational");
            json.WriteString("new_status"u8, state.ComponentStatus);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteBoolean("deliver_notifications"u8, true);
            json.WriteNull("custom_tweet"u8);
            json.WriteNull("tweet_id"u8);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("components"u8);
            WriteComponent(json, page, state, now);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
