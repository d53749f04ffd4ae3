using System.Globalization;
using System.Text.Json;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.StatusPages;

/// <summary>
/// Writes the Atlassian Statuspage documents (<c>/api/v2/status.json</c>, <c>summary.json</c>,
/// <c>incidents/unresolved.json</c>) in the shapes of PROVIDERS.md §5, for one provider's page.
/// </summary>
internal static class StatusPageJson
{
    /// <summary>The documents served, by path under the page.</summary>
    public static readonly string[] Paths = ["api/v2/status.json", "api/v2/summary.json", "api/v2/incidents/unresolved.json"];

    /// <summary>Writes the document at <paramref name="path"/>; false for an unknown path.</summary>
    public static bool TryWrite(Utf8JsonWriter json, string path, ProviderKind kind, StatusPageState state, DateTimeOffset now)
    {
        var page = PageOf(kind);
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
                json.WriteStartArray("components");
                WriteComponent(json, page, state, now);
                json.WriteEndArray();
                WriteIncidents(json, page, state, now);
                json.WriteStartArray("scheduled_maintenances");
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

    private sealed record Page(string Id, string Name, string Url, string ComponentId, string ComponentName);

    private static Page PageOf(ProviderKind kind) => kind switch
    {
        ProviderKind.Anthropic => new("tymt9n04zgry", "Claude", "https://status.claude.com", "k8w3r06qmzrp", "Claude API (api.anthropic.com)"),
        ProviderKind.OpenAi => new("chaoskitopenai", "OpenAI", "https://status.openai.com", "chaoskitapi01", "API"),
        ProviderKind.Gemini => new("chaoskitgemini", "Gemini API", "https://aistudio.google.com/status", "chaoskitgem01", "Gemini API"),
        _ => new("chaoskitazure", "Azure OpenAI", "https://azure.status.microsoft", "chaoskitaoai01", "Azure OpenAI Service"),
    };

    private static void WritePage(Utf8JsonWriter json, Page page, DateTimeOffset now)
    {
        json.WriteStartObject("page");
        json.WriteString("id", page.Id);
        json.WriteString("name", page.Name);
        json.WriteString("url", page.Url);
        json.WriteString("time_zone", "Etc/UTC");
        json.WriteString("updated_at", Time(now));
        json.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter json, StatusPageState state)
    {
        json.WriteStartObject("status");
        json.WriteString("indicator", state.Indicator);
        json.WriteString("description", state.Description);
        json.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter json, Page page, StatusPageState state, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("id", page.ComponentId);
        json.WriteString("name", page.ComponentName);
        json.WriteString("status", state.ComponentStatus);
        json.WriteString("created_at", "2023-01-01T00:00:00.000Z");
        json.WriteString("updated_at", Time(state.Incident is null ? now : state.IncidentStart));
        json.WriteNumber("position", 1);
        json.WriteNull("description");
        json.WriteBoolean("showcase", true);
        json.WriteNull("start_date");
        json.WriteNull("group_id");
        json.WriteString("page_id", page.Id);
        json.WriteBoolean("group", false);
        json.WriteBoolean("only_show_if_degraded", false);
        json.WriteEndObject();
    }

    private static void WriteIncidents(Utf8JsonWriter json, Page page, StatusPageState state, DateTimeOffset now)
    {
        json.WriteStartArray("incidents");
        if (state.Incident is { } phase)
        {
            var id = "ck" + phase.Index.ToString("D10", CultureInfo.InvariantCulture);
            var started = Time(state.IncidentStart);
            var degraded = state.ComponentStatus == "degraded_performance";
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("name", degraded ? $"Elevated latency on {page.ComponentName}" : $"Elevated errors on {page.ComponentName}");
            json.WriteString("status", "investigating");
            json.WriteString("impact", state.Indicator);
            json.WriteString("created_at", started);
            json.WriteString("updated_at", started);
            json.WriteNull("monitoring_at");
            json.WriteNull("resolved_at");
            json.WriteString("started_at", started);
            json.WriteString("shortlink", $"https://stspg.io/{id}");
            json.WriteString("page_id", page.Id);
            json.WriteStartArray("incident_updates");
            json.WriteStartObject();
            json.WriteString("id", id + "u");
            json.WriteString("status", "investigating");
            json.WriteString("body", "We are currently investigating this issue.");
            json.WriteString("incident_id", id);
            json.WriteString("created_at", started);
            json.WriteString("updated_at", started);
            json.WriteString("display_at", started);
            json.WriteStartArray("affected_components");
            json.WriteStartObject();
            json.WriteString("code", page.ComponentId);
            json.WriteString("name", page.ComponentName);
            json.WriteString("old_status", "operational");
            json.WriteString("new_status", state.ComponentStatus);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteBoolean("deliver_notifications", true);
            json.WriteNull("custom_tweet");
            json.WriteNull("tweet_id");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("components");
            WriteComponent(json, page, state, now);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
