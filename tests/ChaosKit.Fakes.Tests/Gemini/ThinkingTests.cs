using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Gemini;

/// <summary>
/// Gemini 2.5 thinking (<c>thinkingConfig</c>), raw HTTP as in <see cref="GenerateContentTests"/>; the official JS SDK
/// checks the same from the client's side (<c>JsSdks/gemini.mjs</c>).
/// </summary>
public sealed class ThinkingTests
{
    private const string Key = "AIza-chaoskit-test";

    private static async Task<(int Status, JsonElement Json, string Body)> PostAsync(FakeRun run, string model, string config, string action = "generateContent")
    {
        var body = """{"contents":[{"parts":[{"text":"Why is the sky blue?"}],"role":"user"}]""" + (config.Length > 0 ? "," + config : "") + "}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/{model}:{action}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", Key);
        using var response = await run.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, action == "generateContent" ? JsonDocument.Parse(text).RootElement.Clone() : default, text);
    }

    private static int? Thoughts(JsonElement response) =>
        response.GetProperty("usageMetadata").TryGetProperty("thoughtsTokenCount", out var count) ? count.GetInt32() : null;

    [Fact]
    public async Task Thinking_models_bill_thoughts_beside_the_answer_and_older_models_do_not_think()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        var (_, flash, _) = await PostAsync(run, "gemini-2.5-flash", "");
        var (_, older, _) = await PostAsync(run, "gemini-2.0-flash", "");
        var (_, lite, _) = await PostAsync(run, "gemini-2.5-flash-lite", "");
        var (_, liteAsked, _) = await PostAsync(run, "gemini-2.5-flash-lite", """ "generationConfig":{"thinkingConfig":{"thinkingBudget":1024}}""");
        var (_, off, _) = await PostAsync(run, "gemini-2.5-flash", """ "generationConfig":{"thinkingConfig":{"thinkingBudget":0}}""");

        var usage = flash.GetProperty("usageMetadata");
        Assert.InRange(Thoughts(flash)!.Value, 128, 1024);
        Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32() + usage.GetProperty("candidatesTokenCount").GetInt32() + Thoughts(flash)!.Value,
            usage.GetProperty("totalTokenCount").GetInt32());
        Assert.Null(Thoughts(older));
        Assert.Null(Thoughts(lite));
        Assert.InRange(Thoughts(liteAsked)!.Value, 512, 1024);
        Assert.Null(Thoughts(off));
        // Without includeThoughts the parts hold only the answer.
        Assert.Equal(1, flash.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").GetArrayLength());
    }

    [Fact]
    public async Task Thinking_spends_max_output_tokens_first_leaving_an_empty_answer_cut_at_max_tokens()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        var (_, starved, _) = await PostAsync(run, "gemini-2.5-flash", """ "generationConfig":{"maxOutputTokens":40,"thinkingConfig":{"thinkingBudget":2000}}""");
        var (_, roomy, _) = await PostAsync(run, "gemini-2.5-flash", """ "generationConfig":{"maxOutputTokens":3000,"thinkingConfig":{"thinkingBudget":200}}""");

        var candidate = starved.GetProperty("candidates")[0];
        Assert.Equal("MAX_TOKENS", candidate.GetProperty("finishReason").GetString());
        Assert.Equal("", candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(40, Thoughts(starved));
        Assert.Equal(0, starved.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
        Assert.InRange(Thoughts(roomy)!.Value, 100, 200);
        Assert.Equal("STOP", roomy.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task Include_thoughts_puts_a_thought_summary_part_first_plain_and_streamed()
    {
        await using var run = await FakeRun.StartGeminiAsync();
        const string config = """ "generationConfig":{"thinkingConfig":{"includeThoughts":true}}""";

        var (_, plain, _) = await PostAsync(run, "gemini-2.5-flash", config);
        var (_, _, streamed) = await PostAsync(run, "gemini-2.5-flash", config, "streamGenerateContent?alt=sse");

        var parts = plain.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts");
        Assert.True(parts[0].GetProperty("thought").GetBoolean());
        Assert.False(parts[1].TryGetProperty("thought", out _));
        var chunks = streamed.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0])
            .ToList();
        var thoughtChunks = chunks.TakeWhile(p => p.TryGetProperty("thought", out _)).ToList();
        Assert.NotEmpty(thoughtChunks);
        Assert.Equal(parts[0].GetProperty("text").GetString(), string.Concat(thoughtChunks.Select(p => p.GetProperty("text").GetString())));
        Assert.Equal(parts[1].GetProperty("text").GetString(), string.Concat(chunks.Skip(thoughtChunks.Count).Select(p => p.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task A_budget_the_model_does_not_take_is_the_real_400()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        var (proOff, pro, _) = await PostAsync(run, "gemini-2.5-pro", """ "generationConfig":{"thinkingConfig":{"thinkingBudget":0}}""");
        var (tooBig, big, _) = await PostAsync(run, "gemini-2.5-pro", """ "generation_config":{"thinking_config":{"thinking_budget":52428}}""");
        var (liteLow, _, _) = await PostAsync(run, "gemini-2.5-flash-lite", """ "generationConfig":{"thinkingConfig":{"thinkingBudget":100}}""");
        var (dynamic, _, _) = await PostAsync(run, "gemini-2.5-pro", """ "generationConfig":{"thinkingConfig":{"thinkingBudget":-1}}""");

        Assert.Equal(400, proOff);
        Assert.Equal("Budget 0 is invalid. This model only works in thinking mode.", pro.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("INVALID_ARGUMENT", pro.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal(400, tooBig);
        Assert.Equal("The thinking budget (52428) is invalid.", big.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(400, liteLow);
        Assert.Equal(200, dynamic);
    }

    [Fact]
    public async Task A_function_call_after_thinking_carries_a_thought_signature()
    {
        await using var run = await FakeRun.StartGeminiAsync();
        const string tools = """
            "tools":[{"functionDeclarations":[{"name":"get_weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}}}}]}],
            "toolConfig":{"functionCallingConfig":{"mode":"ANY"}}
            """;

        var (_, thinking, _) = await PostAsync(run, "gemini-2.5-flash", tools);
        var (_, older, _) = await PostAsync(run, "gemini-2.0-flash", tools);

        var part = thinking.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        Assert.Equal("get_weather", part.GetProperty("functionCall").GetProperty("name").GetString());
        Assert.True(Convert.FromBase64String(part.GetProperty("thoughtSignature").GetString()!).Length > 0);
        Assert.False(older.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].TryGetProperty("thoughtSignature", out _));
    }
}
