using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>One of the <c>n</c> choices of a chat completion: its answer and, when it calls a tool, the call's id.</summary>
/// <param name="Answer">Generated text (or tool arguments) and how it ended.</param>
/// <param name="ToolCallId">The <c>id</c> of the tool call (<c>call_…</c>); empty when the answer is text.</param>
/// <remarks>A struct, held in the completion's array: every chat call makes one, and as a struct it leaves no garbage of its own.</remarks>
internal readonly record struct ChatChoice(Answer Answer, string ToolCallId)
{
    /// <summary>
    /// The <c>n</c> choices for <paramref name="request"/>, each within the token limit less the
    /// <paramref name="reasoning"/>: the first seeded by the request (the same answer as with <c>n: 1</c>), the others
    /// by the request and their index, so they differ from each other and repeat in a replay.
    /// </summary>
    public static ChatChoice[] For(ChatRequest request, int reasoning)
    {
        var choices = new ChatChoice[request.N];
        for (var i = 0; i < choices.Length; i++)
        {
            var seed = i == 0 ? request.ContentSeed : SeedOf(request.ContentSeed, i);
            // No limit is int.MaxValue: less the reasoning, it is still more than any answer runs to.
            var answer = Answer.For(seed, request.MaxTokens - reasoning, request.Stop, request.ForcedTool, request.Format);
            choices[i] = new ChatChoice(answer, answer.Tool is null ? "" : ToolCall.NewId("call_", 24, seed))
            {
                Logprobs = request.TopLogprobs is { } top && answer.Tool is null ? new TokenLogprobs(answer, seed, top) : null,
                NamedTool = request.NamedToolChoice,
            };
        }
        return choices;
    }

    /// <summary>The log probabilities of the answer's tokens, when the request asked for them (text answers only).</summary>
    public TokenLogprobs? Logprobs { get; init; }

    private static int SeedOf(int contentSeed, int index)
    {
        var hash = new StableHash();
        hash.Add(contentSeed);
        hash.Add("choice");
        hash.Add(index);
        return hash.FinishInt();
    }

    /// <summary>Whether the request's <c>tool_choice</c> named the function this choice calls.</summary>
    public bool NamedTool { get; init; }

    /// <summary>
    /// The <c>finish_reason</c>: <c>length</c> when cut by the token limit, <c>tool_calls</c> for a tool call (but
    /// <c>stop</c> when <c>tool_choice</c> named the function, as the API answers it, plain and streamed), else <c>stop</c>.
    /// </summary>
    public string FinishReason => Answer.End switch
    {
        AnswerEnd.MaxTokens => "length",
        AnswerEnd.ToolCall => NamedTool ? "stop" : "tool_calls",
        _ => "stop",
    };

    /// <summary>
    /// Appends the <c>"tool_calls":[…]</c> property of a streamed delta: the first (<paramref name="header"/>) with the call's id,
    /// type and name and empty arguments, the next ones with a piece of the <paramref name="arguments"/> each.
    /// </summary>
    public void WriteStreamedToolCall(ref JsonAppender json, ReadOnlySpan<char> arguments, bool header)
    {
        json.Raw("\"tool_calls\":[{\"index\":0,"u8);
        if (header)
        {
            json.Raw("\"id\":"u8);
            json.String(ToolCallId);
            json.Raw(",\"type\":\"function\",\"function\":{\"name\":"u8);
            json.String(Answer.Tool!.Name);
            json.Raw(","u8);
        }
        else
        {
            json.Raw("\"function\":{"u8);
        }
        json.Raw("\"arguments\":"u8);
        json.String(arguments);
        json.Raw("}}]"u8);
    }
}
