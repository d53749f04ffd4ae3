using System.Buffers;
using System.Text.Json;

namespace ChaosKit.SampleApp.Providers;

/// <summary>
/// The one tool triage forces the model to call: its name, what it is for, and the JSON schema of its arguments
/// (a category and an urgency, each from a closed list), shared by both providers' tool formats.
/// </summary>
internal static class TriageTool
{
    /// <summary>The tool's name.</summary>
    public const string Name = "classify_ticket";

    /// <summary>What the model is told the tool does.</summary>
    public const string Description = "Record the category and urgency of a customer support ticket.";

    /// <summary>The categories a ticket may get.</summary>
    public static readonly string[] Categories = ["billing", "technical", "account", "other"];

    /// <summary>The urgencies a ticket may get.</summary>
    public static readonly string[] Urgencies = ["low", "normal", "high", "urgent"];

    /// <summary>The arguments' JSON schema.</summary>
    public static readonly JsonElement Schema = BuildSchema();

    /// <summary>The instruction sent with the ticket.</summary>
    public static string Prompt(string ticket) => $"Classify this support ticket with the {Name} tool.\n\n{ticket}";

    private static JsonElement BuildSchema()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            WriteChoice(json, "category", Categories);
            WriteChoice(json, "urgency", Urgencies);
            json.WriteEndObject();
            json.WriteStartArray("required");
            json.WriteStringValue("category");
            json.WriteStringValue("urgency");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteChoice(Utf8JsonWriter json, string name, string[] choices)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "string");
        json.WriteStartArray("enum");
        foreach (var choice in choices) json.WriteStringValue(choice);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
