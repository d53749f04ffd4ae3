using System.Text.Json;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The Responses API's answer to one accepted request, shared by OpenAI's <c>/v1/responses</c> and Azure's
/// <c>/openai/responses</c> and <c>/openai/v1/responses</c>, which answer with the same object and events.
/// </summary>
internal static class ResponsesAnswer
{
    /// <summary>
    /// The content seed of the request body <paramref name="root"/>, which seeds the answer and paces its stream
    /// (same body and scenario seed, same answer).
    /// </summary>
    public static int SeedOf(JsonElement root, int scenarioSeed) => ContentSeed.Of(scenarioSeed, ContentSeed.OpenAiPurpose, root);

    /// <summary>Builds the response object for <paramref name="request"/>, served by the snapshot <paramref name="served"/>.</summary>
    /// <param name="request">The parsed request.</param>
    /// <param name="seed">The body's content seed (<see cref="SeedOf"/>).</param>
    /// <param name="served">The resolved model snapshot.</param>
    /// <param name="ids">The fake's id source.</param>
    /// <param name="createdAt">Unix seconds of the answer.</param>
    public static ResponseObject Build(ResponsesRequest request, int seed, string served, OpenAiIds ids, long createdAt)
    {
        var limit = request.MaxOutputTokens ?? int.MaxValue;
        var reasons = Reasoning.Applies(served);
        var reasoning = reasons ? Reasoning.Tokens(request.ReasoningEffort, seed, limit) : 0;
        var answer = Answer.For(seed, limit - reasoning, [], request.ForcedTool, request.Format);
        var response = new ResponseObject(ids.NewResponseId(), ids.NewItemId(answer.Tool is null ? "msg_" : "fc_"),
            createdAt, served, answer, Math.Max(1, FakeAnswer.Tokens(request.PromptChars)), request)
        {
            CallId = answer.Tool is null ? "" : ToolCall.NewId("call_", 24, seed),
            ReasoningTokens = reasoning,
            ReasoningItemId = reasons ? ids.NewItemId("rs_") : null,
            ReasoningSummary = reasons && reasoning > 0 && request.ReasoningSummary is not null ? FakeAnswer.Summary(seed, reasoning) : null,
            Logprobs = request.IncludeLogprobs && answer.Tool is null ? new TokenLogprobs(answer, seed, request.TopLogprobs) : null,
        };
        return response;
    }
}
