using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.OpenAi;

/// <summary>A request beyond its model's context window or output cap gets the API's 400, on OpenAI and Azure.</summary>
public sealed class ModelLimitsTests
{
    // 130,000 estimated tokens: past gpt-4o-mini's 128,000-token window, well within gpt-4.1's.
    private static readonly string LongPrompt = new('x', 520_000);

    private static async Task<(int Status, JsonElement Error)> PostAsync(FakeRun run, string path, string body, Action<HttpRequestHeaders> key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        key(request.Headers);
        using var response = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.TryGetProperty("error", out var error) ? error.Clone() : default);
    }

    private static Task<(int Status, JsonElement Error)> ChatAsync(FakeRun run, string body, string path = "v1/chat/completions") =>
        PostAsync(run, path, body, h => h.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey));

    private static string Chat(string model, string extra = "", string content = "Hi") =>
        "{\"model\":\"" + model + "\"," + extra + "\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";

    [Fact]
    public async Task A_token_limit_above_the_models_cap_is_too_large()
    {
        await using var run = await OpenAiRun.StartAsync();

        var (legacy, legacyError) = await ChatAsync(run, Chat("gpt-4o-mini", "\"max_tokens\":20000,"));
        var (current, currentError) = await ChatAsync(run, Chat("gpt-5", "\"max_completion_tokens\":200000,"));
        var (withinCap, _) = await ChatAsync(run, Chat("gpt-4.1", "\"max_tokens\":20000,"));

        Assert.Equal(400, legacy);
        Assert.Equal("max_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.",
            legacyError.GetProperty("message").GetString());
        Assert.Equal("max_tokens", legacyError.GetProperty("param").GetString());
        Assert.Equal("invalid_value", legacyError.GetProperty("code").GetString());
        Assert.Equal(400, current);
        Assert.StartsWith("max_completion_tokens is too large: 200000. This model supports at most 128000 completion tokens",
            currentError.GetProperty("message").GetString());
        Assert.Equal(200, withinCap);
    }

    [Fact]
    public async Task A_prompt_past_the_context_window_is_context_length_exceeded_on_chat_and_responses()
    {
        await using var run = await OpenAiRun.StartAsync();

        var (chat, chatError) = await ChatAsync(run, Chat("gpt-4o-mini", content: LongPrompt));
        var (responses, responsesError) = await ChatAsync(run, "{\"model\":\"gpt-4o\",\"input\":\"" + LongPrompt + "\"}", "v1/responses");
        var (bigWindow, _) = await ChatAsync(run, Chat("gpt-4.1", content: LongPrompt));

        Assert.Equal(400, chat);
        Assert.Equal("This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
            chatError.GetProperty("message").GetString());
        Assert.Equal("context_length_exceeded", chatError.GetProperty("code").GetString());
        Assert.Equal("messages", chatError.GetProperty("param").GetString());
        Assert.Equal(400, responses);
        Assert.Equal("input", responsesError.GetProperty("param").GetString());
        Assert.Equal("context_length_exceeded", responsesError.GetProperty("code").GetString());
        Assert.Equal(200, bigWindow);
    }

    [Fact]
    public async Task Azure_applies_the_limits_of_the_deployments_model()
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("azure_openai", "azure")]));

        var (status, error) = await PostAsync(run, "openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
            """{"max_tokens":20000,"messages":[{"role":"user","content":"Hi"}]}""", h => h.Add("api-key", "azure-key"));

        Assert.Equal(400, status);
        Assert.StartsWith("max_tokens is too large: 20000.", error.GetProperty("message").GetString());
    }
}
