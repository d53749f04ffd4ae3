using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Chat;

namespace ChaosKit.Fakes.Tests.Content;

public sealed class ToolCallTests
{
    private const string Schema = """
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit","days"]}
        """;

    [Fact]
    public async Task Openai_sdk_gets_a_forced_tool_call_plain_and_streamed()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather forecast", BinaryData.FromString(Schema)) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather"),
        };

        ChatCompletion plain = await chat.CompleteChatAsync([new UserChatMessage("Weather in Paris?")], options);
        var streamed = new StringBuilder();
        string? name = null;
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name ??= call.FunctionName;
                streamed.Append(call.FunctionArgumentsUpdate.ToString());
            }
            finish ??= update.FinishReason;
        }

        // A tool_choice naming the function ends the call with "stop", plain and streamed, as the API answers it;
        // "required" (and a call the model chose) ends with "tool_calls".
        Assert.Equal(ChatFinishReason.Stop, plain.FinishReason);
        ChatCompletion required = await chat.CompleteChatAsync([new UserChatMessage("Weather in Paris?")],
            new ChatCompletionOptions { Tools = { options.Tools[0] }, ToolChoice = ChatToolChoice.CreateRequiredChoice() });
        Assert.Equal(ChatFinishReason.ToolCalls, required.FinishReason);
        var toolCall = Assert.Single(plain.ToolCalls);
        Assert.Equal("get_weather", toolCall.FunctionName);
        Assert.Matches("^call_[0-9A-Za-z]{24}$", toolCall.Id);
        using var arguments = JsonDocument.Parse(toolCall.FunctionArguments);
        Assert.False(string.IsNullOrEmpty(arguments.RootElement.GetProperty("city").GetString()));
        Assert.Contains(arguments.RootElement.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        Assert.InRange(arguments.RootElement.GetProperty("days").GetInt32(), 1, 7);
        Assert.Equal("get_weather", name);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal(toolCall.FunctionArguments.ToString(), streamed.ToString());
    }

    [Fact]
    public async Task Anthropic_forced_tool_is_a_tool_use_block_plain_and_streamed()
    {
        await using var run = await FakeRun.StartAsync();
        var body = $$$"""
            {"model":"claude-sonnet-4-5","max_tokens":200,"messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"name":"get_weather","description":"Weather forecast","input_schema":{{{Schema}}}}],
             "tool_choice":{"type":"tool","name":"get_weather"}}
            """;

        using var plain = await run.PostMessagesAsync(body);
        using var plainJson = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());
        using var stream = await run.PostMessagesAsync(body.Replace("\"max_tokens\":200", "\"max_tokens\":200,\"stream\":true", StringComparison.Ordinal));
        var events = (await stream.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e.Split('\n')[1]["data: ".Length..]).RootElement).ToList();

        var block = plainJson.RootElement.GetProperty("content")[0];
        Assert.Equal("tool_use", block.GetProperty("type").GetString());
        Assert.Equal("get_weather", block.GetProperty("name").GetString());
        Assert.Matches("^toolu_01[0-9A-Za-z]{22}$", block.GetProperty("id").GetString());
        Assert.Equal("tool_use", plainJson.RootElement.GetProperty("stop_reason").GetString());
        Assert.InRange(block.GetProperty("input").GetProperty("days").GetInt32(), 1, 7);
        var partial = string.Concat(events.Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("partial_json").GetString()));
        Assert.Equal(block.GetProperty("input").GetRawText(), partial);
        Assert.Equal("tool_use", events.Single(e => e.GetProperty("type").GetString() == "content_block_start")
            .GetProperty("content_block").GetProperty("type").GetString());
    }
}
