using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;
using OpenAI.Responses;

namespace ChaosKit.Fakes.Tests.Content;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK; the API itself is GA
public sealed class ResponsesToolCallTests
{
    private const string Schema = """
        {"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},
         "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","unit","days"],"additionalProperties":false}
        """;

    private static CreateResponseOptions Options(ResponseToolChoice choice) =>
        new("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Weather in Paris?")])
        {
            Tools =
            {
                ResponseTool.CreateFunctionTool("get_time", BinaryData.FromString("""{"type":"object","properties":{}}"""), false, "Time"),
                ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString(Schema), true, "Weather forecast"),
            },
            ToolChoice = choice,
        };

    [Fact]
    public async Task Forced_function_is_a_function_call_item_plain_and_streamed()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetResponsesClient();
        var options = Options(ResponseToolChoice.CreateFunctionChoice("get_weather"));

        ResponseResult plain = await client.CreateResponseAsync(options);
        options.StreamingEnabled = true;
        var deltas = new StringBuilder();
        string? argumentsDone = null;
        FunctionCallResponseItem? added = null, done = null;
        ResponseResult? completed = null;
        var sequence = new List<int>();
        await foreach (var update in await client.CreateResponseStreamingAsync(options))
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputItemAddedUpdate { Item: FunctionCallResponseItem item }: added = item; break;
                case StreamingResponseFunctionCallArgumentsDeltaUpdate delta: deltas.Append(delta.Delta.ToString()); break;
                case StreamingResponseFunctionCallArgumentsDoneUpdate argumentsUpdate: argumentsDone = argumentsUpdate.FunctionArguments.ToString(); break;
                case StreamingResponseOutputItemDoneUpdate { Item: FunctionCallResponseItem item }: done = item; break;
                case StreamingResponseCompletedUpdate finished: completed = finished.Response; break;
            }
        }

        Assert.Equal(ResponseStatus.Completed, plain.Status);
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(plain.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Matches("^fc_[0-9a-f]{48}$", call.Id);
        Assert.Matches("^call_[0-9A-Za-z]{24}$", call.CallId);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.False(string.IsNullOrEmpty(arguments.RootElement.GetProperty("city").GetString()));
        Assert.Contains(arguments.RootElement.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        Assert.InRange(arguments.RootElement.GetProperty("days").GetInt32(), 1, 7);
        Assert.Equal(2, plain.Tools.Count);
        Assert.True(plain.Usage.OutputTokenCount > 0);

        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        Assert.Equal("get_weather", added!.FunctionName);
        Assert.Equal(call.FunctionArguments.ToString(), deltas.ToString());
        Assert.Equal(call.FunctionArguments.ToString(), argumentsDone);
        Assert.Equal(call.FunctionArguments.ToString(), done!.FunctionArguments.ToString());
        Assert.Equal(call.CallId, done.CallId);
        Assert.IsType<FunctionCallResponseItem>(Assert.Single(completed!.OutputItems));
        Assert.Equal(plain.Usage.OutputTokenCount, completed.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task Required_choice_calls_the_first_function_and_auto_answers_with_text()
    {
        await using var run = await OpenAiRun.StartAsync();
        var client = run.OpenAi().GetResponsesClient();

        ResponseResult required = await client.CreateResponseAsync(Options(ResponseToolChoice.CreateRequiredChoice()));
        ResponseResult auto = await client.CreateResponseAsync(Options(ResponseToolChoice.CreateAutoChoice()));

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(required.OutputItems));
        Assert.Equal("get_time", call.FunctionName);
        Assert.Equal("{}", call.FunctionArguments.ToString());
        Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(auto.OutputItems));
        Assert.False(string.IsNullOrEmpty(auto.GetOutputText()));
    }

    [Fact]
    public async Task Raw_function_call_stream_has_the_recorded_event_order()
    {
        await using var run = await OpenAiRun.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/responses")
        {
            Content = new StringContent($$"""
                {"model":"gpt-4o-mini","input":"Weather?","stream":true,"tool_choice":"required",
                 "tools":[{"type":"function","name":"get_weather","parameters":{{Schema}},"strict":true}]}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", OpenAiRun.ApiKey);

        using var response = await run.Http.SendAsync(request);
        var names = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('\n')[0]["event: ".Length..]).ToList();

        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added"], names.Take(3));
        Assert.Equal(["response.function_call_arguments.done", "response.output_item.done", "response.completed"], names.TakeLast(3));
        Assert.All(names.Skip(3).SkipLast(3), n => Assert.Equal("response.function_call_arguments.delta", n));
        Assert.DoesNotContain("response.content_part.added", names);
    }
}
