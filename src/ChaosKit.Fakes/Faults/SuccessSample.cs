using System.Text.Json;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// A short success answer in a provider's own shape (a message, a chat completion, a candidate; or the first
/// events of their streams), for the malformed bodies to cut or break.
/// </summary>
/// <param name="Body">The whole answer.</param>
/// <param name="Broken">The same answer made invalid: one string value loses its quotes.</param>
/// <param name="ContentType">The content type the provider sends with it.</param>
internal sealed record SuccessSample(string Body, string Broken, string ContentType)
{
    private const string Text = "The capital of France is Paris. It has been the capital since the tenth century.";

    /// <summary>The sample for <paramref name="kind"/>; <paramref name="model"/> is named in it.</summary>
    public static SuccessSample For(ProviderKind kind, string? model, bool streaming)
    {
        model = JsonEncodedText.Encode(model ?? kind switch
        {
            ProviderKind.Anthropic => "claude-sonnet-4-5",
            ProviderKind.Gemini => "gemini-2.5-flash",
            _ => "gpt-4o-mini",
        }).ToString();
        var body = (kind, streaming) switch
        {
            (ProviderKind.Anthropic, false) => Message(model),
            (ProviderKind.Anthropic, true) =>
                $"event: message_start\ndata: {{\"type\":\"message_start\",\"message\":{{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{model}\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{{\"input_tokens\":14,\"output_tokens\":1}}}}}}\n\n" +
                $"event: content_block_start\ndata: {{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{{\"type\":\"text\",\"text\":\"\"}}}}\n\n" +
                $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{Text}\"}}}}\n\n",
            (ProviderKind.Gemini, false) => Candidate(model),
            (ProviderKind.Gemini, true) => $"data: {Candidate(model)}\r\n\r\n",
            (_, false) => Completion(model),
            (_, true) =>
                $"data: {{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"{model}\",\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n" +
                $"data: {{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"{model}\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{Text}\"}},\"logprobs\":null,\"finish_reason\":null}}]}}\n\n",
        };
        var broken = body.Replace("\"role\":\"assistant\"", "\"role\":assistant", StringComparison.Ordinal)
            .Replace("\"role\":\"model\"", "\"role\":model", StringComparison.Ordinal);
        var contentType = streaming
            ? kind == ProviderKind.Gemini ? "text/event-stream" : "text/event-stream; charset=utf-8"
            : kind == ProviderKind.Gemini ? "application/json; charset=UTF-8" : "application/json";
        return new SuccessSample(body, broken, contentType);
    }

    private static string Message(string model) =>
        $"{{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"{model}\"," +
        $"\"content\":[{{\"type\":\"text\",\"text\":\"{Text}\"}}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null," +
        "\"usage\":{\"input_tokens\":14,\"output_tokens\":19}}";

    private static string Completion(string model) =>
        $"{{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"{model}\"," +
        $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"{Text}\",\"refusal\":null,\"annotations\":[]}}," +
        "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":19,\"total_tokens\":33}}";

    private static string Candidate(string model) =>
        $"{{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":\"{Text}\"}}],\"role\":\"model\"}},\"finishReason\":\"STOP\"}}]," +
        $"\"modelVersion\":\"{model}\",\"responseId\":\"2j2taND9NLysz7IPw4em6A0\"," +
        "\"usageMetadata\":{\"promptTokenCount\":7,\"candidatesTokenCount\":19,\"totalTokenCount\":26}}";
}
