using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChaosKit.SampleApp;

/// <summary>A user's question.</summary>
internal sealed record AskRequest(string? Question, string? User);

/// <summary>The answer, and which path produced it.</summary>
internal sealed record AskResponse(string Answer, string Source, string? Model, string? Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AskResponse))]
internal sealed partial class SampleAppJsonContext : JsonSerializerContext;
