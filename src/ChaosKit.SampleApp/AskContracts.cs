using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChaosKit.SampleApp;

/// <summary>A user's question.</summary>
internal sealed record AskRequest(string? Question, string? User);

/// <summary>The answer, which path produced it, and the id to read it back at <c>GET /api/history/{id}</c>.</summary>
internal sealed record AskResponse(string Answer, string Source, string? Model, string? Reason, string? Id = null);

/// <summary>A piece of a streamed answer (<c>event: delta</c>).</summary>
internal sealed record StreamDelta(string Text);

/// <summary>The end of a streamed answer (<c>event: done</c>): its id and which path produced it.</summary>
internal sealed record StreamDone(string Id, string Source, string? Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AskResponse))]
[JsonSerializable(typeof(StreamDelta))]
[JsonSerializable(typeof(StreamDone))]
internal sealed partial class SampleAppJsonContext : JsonSerializerContext;
