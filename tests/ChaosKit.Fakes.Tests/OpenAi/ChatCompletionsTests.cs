using System.ClientModel;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace ChaosKit.Fakes.Tests.OpenAi;

public sealed class ChatCompletionsTests
{
    [Fact]
    public async Task Sdk_gets_text_snapshot_usage_and_stop()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello, how are you today?")]);

        Assert.Matches("^chatcmpl-[0-9A-Za-z]{29}$", completion.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", completion.Model);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        var text = completion.Content[0].Text;
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Equal((int)Math.Ceiling(text.Length / 4.0), completion.Usage.OutputTokenCount);
        Assert.Equal((int)Math.Ceiling("Hello, how are you today?".Length / 4.0), completion.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Raw_answer_has_the_recorded_fields_in_order_plain_and_with_a_tool_call()
    {
        // docs/providers.md#openai-chat-completions records the plain answer; a whole tool call carries id, type and
        // function, no index.
        await using var run = await OpenAiRun.StartAsync();
        var plain = await PostAsync(run, """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""");
        var tool = await PostAsync(run, """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "tool_choice":"required"}
            """);

        Assert.Equal(["id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint"], Names(plain));
        var choice = plain.GetProperty("choices")[0];
        Assert.Equal(["index", "message", "logprobs", "finish_reason"], Names(choice));
        Assert.Equal(["role", "content", "refusal", "annotations"], Names(choice.GetProperty("message")));
        Assert.Equal("chat.completion", plain.GetProperty("object").GetString());
        Assert.Equal(["prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details", "completion_tokens_details"],
            Names(plain.GetProperty("usage")));
        var usage = plain.GetProperty("usage");
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());

        var message = tool.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(["role", "content", "tool_calls", "refusal", "annotations"], Names(message));
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(["id", "type", "function"], Names(call));
        Assert.Equal(["name", "arguments"], Names(call.GetProperty("function")));
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        using var arguments = JsonDocument.Parse(call.GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal(JsonValueKind.String, arguments.RootElement.GetProperty("city").ValueKind);
        Assert.Equal("tool_calls", tool.GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public async Task A_body_sent_in_chunked_pieces_gets_the_same_answer_as_one_with_a_length()
    {
        // The fake reads a body with a Content-Length in one read of that length, and one without (chunked) until it
        // ends: both must be read whole, in pieces or far larger than one read from the socket.
        await using var run = await OpenAiRun.StartAsync();
        var prompt = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 5_000));
        var body = $$"""{"model":"gpt-4o-mini","max_tokens":40,"messages":[{"role":"user","content":"{{prompt}}"}]}""";

        var whole = await PostAsync(run, body);
        var pieces = await PostAsync(run, new PiecesContent(Encoding.UTF8.GetBytes(body), pieces: 7));

        var text = whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.False(string.IsNullOrEmpty(text));
        Assert.Equal(text, pieces.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        // About 4 characters a token: the whole 225,000-character prompt was counted, not its first segment.
        Assert.Equal((prompt.Length + 3) / 4, whole.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(whole.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(),
            pieces.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    public async Task Rate_limit_headers_count_this_calls_tokens(int maxTokens)
    {
        // docs/providers.md#openai-headers: the remaining token budget is the limit minus this call's prompt and
        // completion tokens.
        await using var run = await OpenAiRun.StartAsync();
        for (var call = 0; call < 2; call++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent($$"""{"model":"gpt-4o-mini","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"Hi {{call}}"}]}""",
                    Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);
            using var response = await run.Http.SendAsync(request);
            var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("usage");

            Assert.Equal("150000000", Header(response, "x-ratelimit-limit-tokens"));
            Assert.Equal("30000", Header(response, "x-ratelimit-limit-requests"));
            Assert.Equal("29999", Header(response, "x-ratelimit-remaining-requests"));
            Assert.Equal((150_000_000 - usage.GetProperty("total_tokens").GetInt32()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Header(response, "x-ratelimit-remaining-tokens"));
        }

        static string Header(HttpResponseMessage response, string name) => Assert.Single(response.Headers.GetValues(name));
    }

    // Sends its bytes in pieces with a flush and a pause between them, and no length: chunked transfer encoding.
    private sealed class PiecesContent(byte[] bytes, int pieces) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var size = (bytes.Length + pieces - 1) / pieces;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
                await stream.FlushAsync();
                await Task.Delay(20);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static Task<JsonElement> PostAsync(FakeRun run, string body) =>
        PostAsync(run, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> PostAsync(FakeRun run, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = content };
        request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);
        using var response = await run.Http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Max_completion_tokens_cuts_with_finish_reason_length()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Sdk_reads_token_log_probabilities_plain_and_streamed()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 16, IncludeLogProbabilities = true, TopLogProbabilityCount = 2 };

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello")], options);
        var streamed = new List<ChatTokenLogProbabilityDetails>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello")], options))
            streamed.AddRange(update.ContentTokenLogProbabilities);

        var tokens = completion.ContentTokenLogProbabilities;
        Assert.Equal(16, tokens.Count);
        Assert.Equal(completion.Content[0].Text, string.Concat(tokens.Select(t => t.Token)));
        Assert.All(tokens, t =>
        {
            Assert.InRange(t.LogProbability, -3f, 0f);
            Assert.Equal(t.Token, Encoding.UTF8.GetString(t.Utf8Bytes!.Value.Span));
            Assert.Equal(2, t.TopLogProbabilities.Count);
            Assert.Equal(t.Token, t.TopLogProbabilities[0].Token);
        });
        Assert.Equal(tokens.Select(t => (t.Token, t.LogProbability)), streamed.Select(t => (t.Token, t.LogProbability)));
    }

    [Fact]
    public async Task Sdk_streams_the_same_text_with_a_final_usage_chunk()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");
        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Tell me a story")]);

        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Tell me a story")]))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(plain.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(plain.Usage.OutputTokenCount, usage!.OutputTokenCount);
    }

    [Fact]
    public async Task Raw_stream_has_usage_null_a_usage_chunk_and_done()
    {
        await using var run = await OpenAiRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent(
                """{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"max_tokens":6,"messages":[{"role":"user","content":"Hi"}]}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("length", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(6, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        // docs/providers.md#openai-chat-streaming: every chunk's fields in the recorded order, padding last; the finish
        // chunk's delta is empty.
        Assert.All(chunks, c => Assert.Equal(
            ["id", "object", "created", "model", "service_tier", "system_fingerprint", "choices", "usage", "obfuscation"], c.EnumerateObject().Select(p => p.Name)));
        Assert.All(chunks, c => Assert.Matches("^[0-9A-Za-z]{1,15}$", c.GetProperty("obfuscation").GetString()));
        Assert.True(chunks.Select(c => c.GetProperty("obfuscation").GetString()!.Length).Distinct().Count() > 1, "the padding's length varies");
        Assert.Equal(["role", "content", "refusal"], chunks[0].GetProperty("choices")[0].GetProperty("delta").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["index", "delta", "logprobs", "finish_reason"], chunks[1].GetProperty("choices")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, chunks[1].GetProperty("choices")[0].GetProperty("finish_reason").ValueKind);
        Assert.Empty(chunks[^2].GetProperty("choices")[0].GetProperty("delta").EnumerateObject());
        Assert.Equal(chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32(), chunks.Count - 3);
        Assert.Equal("chat.completion.chunk", chunks[1].GetProperty("object").GetString());
        Assert.Matches("^req_[0-9a-f]{32}$", response.Headers.GetValues("x-request-id").Single());
        Assert.Matches("^[0-9]+(ms|s)$", response.Headers.GetValues("x-ratelimit-reset-requests").Single());
    }

    [Fact]
    public async Task Include_obfuscation_false_leaves_the_padding_out_and_a_replay_pads_alike()
    {
        async Task<string[]> StreamAsync(FakeRun run, string options)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent(
                    "{\"model\":\"gpt-4o-mini\",\"stream\":true," + options + "\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                    Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);
            using var response = await run.Http.SendAsync(request);
            return (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[..^1];
        }
        await using var first = await OpenAiRun.StartAsync();
        await using var replay = await OpenAiRun.StartAsync();

        static IEnumerable<string?> Paddings(string[] events) => events.Select(e =>
            JsonDocument.Parse(e["data: ".Length..]).RootElement.TryGetProperty("obfuscation", out var padding) ? padding.GetString() : null);

        var off = await StreamAsync(first, "\"stream_options\":{\"include_obfuscation\":false},");
        var on = await StreamAsync(first, "");
        // The replay's second stream: the same place in the run, so the same id and the same paddings.
        await StreamAsync(replay, "\"stream_options\":{\"include_obfuscation\":false},");
        var onAgain = await StreamAsync(replay, "");

        Assert.All(Paddings(off), Assert.Null);
        Assert.All(Paddings(on), Assert.NotNull);
        Assert.Equal(Paddings(on), Paddings(onAgain));
    }

    [Fact]
    public async Task Unknown_model_is_the_exact_404()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("llama-3");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(404, error.Status);
        using var json = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        var inner = json.RootElement.GetProperty("error");
        Assert.Equal("The model `llama-3` does not exist or you do not have access to it.", inner.GetProperty("message").GetString());
        Assert.Equal("model_not_found", inner.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Wrong_key_is_401_invalid_api_key_when_keys_are_listed()
    {
        await using var run = await OpenAiRun.StartAsync(null, OpenAiRun.ApiKey);
        var chat = run.OpenAi("sk-wrong-key-00000000000000").GetChatClient("gpt-4o-mini");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-00000000000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_fault_has_the_openai_envelope_and_retry_after()
    {
        await using var run = await OpenAiRun.StartAsync(TestScenarios.Error(429, 1.0, ("retry_after", "2s")));
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("Hi")]));

        Assert.Equal(429, error.Status);
        var raw = error.GetRawResponse()!;
        Assert.True(raw.Headers.TryGetValue("retry-after", out var retryAfter));
        Assert.Equal("2", retryAfter);
        using var json = JsonDocument.Parse(raw.Content.ToString());
        Assert.Equal("rate_limit_exceeded", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("tokens", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Microsoft_extensions_ai_chat_client_works_plain_and_streaming()
    {
        await using var run = await OpenAiRun.StartAsync();
        IChatClient client = run.OpenAi().GetChatClient("gpt-4o-mini").AsIChatClient();

        var response = await client.GetResponseAsync([new AiChatMessage(AiChatRole.User, "Hello")]);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync([new AiChatMessage(AiChatRole.User, "Hello")]))
            streamed.Append(update.Text);

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(response.Text, streamed.ToString());
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Stop, response.FinishReason);
        Assert.True(response.Usage!.OutputTokenCount > 0);
    }
}
