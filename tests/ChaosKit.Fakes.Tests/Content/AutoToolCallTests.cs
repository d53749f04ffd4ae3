using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Content;

/// <summary>
/// <c>tool_calls: auto</c>: with tools offered and the choice left to the model, each provider's fake calls the first
/// tool on a user turn and answers in text once the conversation ends with the tool's results; without the setting,
/// only a forced choice calls a tool.
/// </summary>
public sealed class AutoToolCallTests
{
    private static Task<FakeRun> StartAsync(string kind, bool auto) =>
        FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf(kind, "p") with { AutoToolCalls = auto }]));

    private static async Task<JsonElement> PostAsync(FakeRun run, string path, string body, string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        switch (kind)
        {
            case "anthropic":
                request.Headers.Add("x-api-key", "sk-ant-test");
                request.Headers.Add("anthropic-version", "2023-06-01");
                break;
            case "gemini":
                request.Headers.Add("x-goog-api-key", "AIza-test");
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiRun.ApiKey);
                break;
        }
        using var response = await run.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private const string AnthropicTools = """
        "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"get_time","input_schema":{"type":"object","properties":{}}}]
        """;

    [Theory]
    [InlineData(true, "tool_use")]
    [InlineData(false, "end_turn")]
    public async Task Anthropic_calls_the_first_tool_on_a_user_turn_only_when_auto(bool auto, string stopReason)
    {
        await using var run = await StartAsync("anthropic", auto);

        var first = await PostAsync(run, "v1/messages",
            """{"model":"claude-sonnet-4-5","max_tokens":512,@0@,"messages":[{"role":"user","content":"Weather in Paris?"}]}""".Replace("@0@", AnthropicTools), "anthropic");

        Assert.Equal(stopReason, first.GetProperty("stop_reason").GetString());
        if (!auto) return;
        var call = first.GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, call.GetProperty("input").GetProperty("city").ValueKind);

        var answer = await PostAsync(run, "v1/messages", """
            {"model":"claude-sonnet-4-5","max_tokens":512,@0@,"messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{"type":"tool_use","id":"@1@","name":"get_weather","input":{"city":"Paris"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"@1@","content":"18C, sunny"}]}]}
            """.Replace("@0@", AnthropicTools).Replace("@1@", call.GetProperty("id").GetString()), "anthropic");
        var none = await PostAsync(run, "v1/messages",
            """{"model":"claude-sonnet-4-5","max_tokens":512,@0@,"tool_choice":{"type":"none"},"messages":[{"role":"user","content":"Hi"}]}""".Replace("@0@", AnthropicTools), "anthropic");

        Assert.Equal("end_turn", answer.GetProperty("stop_reason").GetString());
        Assert.Equal("text", answer.GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("end_turn", none.GetProperty("stop_reason").GetString());
    }

    private const string ChatTools = """
        "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}}]
        """;

    [Theory]
    [InlineData("openai", "v1/chat/completions")]
    [InlineData("azure_openai", "openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21")]
    public async Task Chat_calls_a_tool_with_auto_and_answers_after_the_tool_message(string kind, string path)
    {
        await using var run = await StartAsync(kind, auto: true);

        var first = await PostAsync(run, path, """{"model":"gpt-4o-mini",@0@,"messages":[{"role":"user","content":"Find x"}]}""".Replace("@0@", ChatTools), kind);
        var explicitAuto = await PostAsync(run, path, """{"model":"gpt-4o-mini",@0@,"tool_choice":"auto","messages":[{"role":"user","content":"Find x"}]}""".Replace("@0@", ChatTools), kind);
        var none = await PostAsync(run, path, """{"model":"gpt-4o-mini",@0@,"tool_choice":"none","messages":[{"role":"user","content":"Find x"}]}""".Replace("@0@", ChatTools), kind);
        var call = first.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0];
        var answer = await PostAsync(run, path, """
            {"model":"gpt-4o-mini",@0@,"messages":[{"role":"user","content":"Find x"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"@1@","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"x\"}"}}]},
              {"role":"tool","tool_call_id":"@1@","content":"x is 42"}]}
            """.Replace("@0@", ChatTools).Replace("@1@", call.GetProperty("id").GetString()), kind);

        Assert.Equal("tool_calls", first.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("lookup", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool_calls", explicitAuto.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("stop", none.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("stop", answer.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Responses_calls_a_function_with_auto_and_answers_after_its_output()
    {
        await using var run = await StartAsync("openai", auto: true);
        const string tools = """ "tools":[{"type":"function","name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}}] """;

        var first = await PostAsync(run, "v1/responses", """{"model":"gpt-4o-mini",@0@,"input":"Find x"}""".Replace("@0@", tools), "openai");
        var call = first.GetProperty("output").EnumerateArray().Single(i => i.GetProperty("type").GetString() == "function_call");
        var answer = await PostAsync(run, "v1/responses", """
            {"model":"gpt-4o-mini",@0@,"input":[{"role":"user","content":"Find x"},
              {"type":"function_call","call_id":"@1@","name":"lookup","arguments":"{\"q\":\"x\"}"},
              {"type":"function_call_output","call_id":"@1@","output":"42"}]}
            """.Replace("@0@", tools).Replace("@1@", call.GetProperty("call_id").GetString()), "openai");

        Assert.Equal("lookup", call.GetProperty("name").GetString());
        Assert.Equal("message", answer.GetProperty("output")[0].GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(true, "functionCall")]
    [InlineData(false, "text")]
    public async Task Gemini_calls_the_first_declaration_with_auto_and_answers_after_the_function_response(bool auto, string firstPart)
    {
        await using var run = await StartAsync("gemini", auto);
        const string tools = """ "tools":[{"functionDeclarations":[{"name":"lookup","parameters":{"type":"OBJECT","properties":{"q":{"type":"STRING"}},"required":["q"]}}]}] """;

        var first = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent",
            """{@0@,"contents":[{"role":"user","parts":[{"text":"Find x"}]}]}""".Replace("@0@", tools), "gemini");
        var answer = await PostAsync(run, "v1beta/models/gemini-2.0-flash:generateContent", """
            {@0@,"contents":[{"role":"user","parts":[{"text":"Find x"}]},
              {"role":"model","parts":[{"functionCall":{"name":"lookup","args":{"q":"x"}}}]},
              {"role":"user","parts":[{"functionResponse":{"name":"lookup","response":{"result":"42"}}}]}]}
            """.Replace("@0@", tools), "gemini");

        Assert.True(first.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].TryGetProperty(firstPart, out _));
        Assert.True(answer.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].TryGetProperty("text", out _));
    }
}
