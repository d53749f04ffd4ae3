using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChaosKit.SampleApp.Answers;

/// <summary>A user's question.</summary>
internal sealed record AskRequest(string? Question, string? User);

/// <summary>
/// The answer, which path produced it, and the id to read it back at <c>GET /api/history/{id}</c>.
/// </summary>
/// <param name="Answer">The answer's text.</param>
/// <param name="Source"><c>provider</c> for an AI answer, <c>fallback</c> for one from the knowledge base (as <c>X-Answer-Source</c>).</param>
/// <param name="ServedBy"><c>anthropic</c>, <c>openai</c> or <c>knowledge-base</c> (as <c>x-served-by</c>).</param>
/// <param name="Model">The model that answered, for an AI answer.</param>
/// <param name="Reason">Why the answer did not come from the primary provider, when it did not.</param>
/// <param name="Id">The answer's id.</param>
internal sealed record AskResponse(string Answer, string Source, string ServedBy, string? Model, string? Reason, string? Id = null)
{
    /// <summary>The knowledge-base article the answer comes from, if any.</summary>
    public string? Article { get; init; }

    /// <summary>For a streamed answer: the provider whose broken stream this one finished.</summary>
    public string? ContinuedFrom { get; init; }

    /// <summary>For a streamed answer: true when it broke off and nothing could finish it.</summary>
    public bool Cut { get; init; }
}

/// <summary>A support ticket to classify.</summary>
internal sealed record TriageRequest(string? Subject, string? Body, string? User);

/// <summary>A ticket's category and urgency, and which path classified it.</summary>
/// <param name="Category"><c>billing</c>, <c>technical</c>, <c>account</c> or <c>other</c>.</param>
/// <param name="Urgency"><c>low</c>, <c>normal</c>, <c>high</c> or <c>urgent</c>.</param>
/// <param name="Source"><c>provider</c> or <c>fallback</c>.</param>
/// <param name="ServedBy"><c>anthropic</c>, <c>openai</c> or <c>knowledge-base</c>.</param>
/// <param name="Model">The model that classified it, for an AI answer.</param>
/// <param name="Reason">Why the answer did not come from the primary provider, when it did not.</param>
internal sealed record TriageResponse(string Category, string Urgency, string Source, string ServedBy, string? Model, string? Reason);

/// <summary>A piece of a streamed answer (<c>event: delta</c>).</summary>
internal sealed record StreamDelta(string Text);

/// <summary>The end of a streamed answer (<c>event: done</c>).</summary>
/// <param name="Id">The answer's id.</param>
/// <param name="Source"><c>provider</c> or <c>fallback</c>, as the <c>X-Answer-Source</c> header said.</param>
/// <param name="ServedBy">The path that gave the end of the answer: <c>anthropic</c>, <c>openai</c> or <c>knowledge-base</c>.</param>
/// <param name="Cut">True when the answer broke off and nothing could finish it: what came is all there is.</param>
/// <param name="ContinuedFrom">The provider whose broken stream <paramref name="ServedBy"/> finished, if one did.</param>
/// <param name="Reason">What went wrong on the way, if anything.</param>
internal sealed record StreamDone(string Id, string Source, string ServedBy, bool Cut, string? ContinuedFrom, string? Reason);

/// <summary>What <c>/readyz</c> answers.</summary>
/// <param name="Status"><c>ready</c>, or <c>degraded</c> when a provider's circuit is not closed.</param>
/// <param name="Profile">The resilience profile.</param>
/// <param name="Providers">The providers the app calls, in order.</param>
internal sealed record Readiness(string Status, string Profile, IReadOnlyList<ProviderReadiness> Providers);

/// <summary>One provider in <see cref="Readiness"/>.</summary>
/// <param name="Name"><c>anthropic</c> or <c>openai</c>.</param>
/// <param name="BaseUrl">Where the app calls it.</param>
/// <param name="Model">The model asked.</param>
/// <param name="Circuit"><c>closed</c>, <c>open</c>, <c>half-open</c>, <c>isolated</c> or <c>slow</c> (passed over for missing its deadlines); <see langword="null"/> outside the <c>resilient</c> profile.</param>
/// <param name="StatusPage">What its status page last said, if one is read.</param>
internal sealed record ProviderReadiness(string Name, string BaseUrl, string Model, string? Circuit, string? StatusPage);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AskRequest))]
[JsonSerializable(typeof(AskResponse))]
[JsonSerializable(typeof(TriageRequest))]
[JsonSerializable(typeof(TriageResponse))]
[JsonSerializable(typeof(StreamDelta))]
[JsonSerializable(typeof(StreamDone))]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class SampleAppJsonContext : JsonSerializerContext;
