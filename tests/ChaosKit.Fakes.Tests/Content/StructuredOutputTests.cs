using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;
using ChatResponseFormat = OpenAI.Chat.ChatResponseFormat;
using OpenAI.Responses;

namespace ChaosKit.Fakes.Tests.Content;

/// <summary>
/// Structured output: a request that asks for JSON (a schema or JSON mode) gets JSON that fits, in every protocol
/// that has it, so typed clients deserialise the answer instead of failing on lorem ipsum.
/// </summary>
public sealed class StructuredOutputTests
{
    // As .NET's schema exporter and zod write them: a shared type under $defs, a nullable field, formats.
    private const string BookingSchema = """
        {"type":"object","properties":{
          "guest":{"$ref":"#/$defs/person"},
          "nights":{"type":"integer","minimum":1,"maximum":14},
          "arrival":{"type":"string","format":"date-time"},
          "id":{"type":"string","format":"uuid"},
          "note":{"anyOf":[{"type":"null"},{"type":"string","minLength":12}]},
          "code":{"type":"string","maxLength":2}},
         "required":["guest","nights","arrival","id","note","code"],"additionalProperties":false,
         "$defs":{"person":{"type":"object","properties":{"name":{"type":"string"},"email":{"type":"string","format":"email"}},
           "required":["name","email"],"additionalProperties":false}}}
        """;

    [Fact]
    public void A_schema_sample_follows_refs_formats_nullable_options_and_lengths()
    {
        using var sample = JsonDocument.Parse(SchemaSample.Write(BookingSchema, 7));
        var root = sample.RootElement;

        Assert.Equal(JsonValueKind.String, root.GetProperty("guest").GetProperty("name").ValueKind);
        Assert.Matches("^[a-z]+@example\\.com$", root.GetProperty("guest").GetProperty("email").GetString());
        Assert.InRange(root.GetProperty("nights").GetInt32(), 1, 14);
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("arrival").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.True(Guid.TryParse(root.GetProperty("id").GetString(), out _));
        Assert.True(root.GetProperty("note").GetString()!.Length >= 12);
        Assert.True(root.GetProperty("code").GetString()!.Length <= 2);
        Assert.Equal(SchemaSample.Write(BookingSchema, 7), SchemaSample.Write(BookingSchema, 7));
    }

    [Fact]
    public void A_recursive_ref_stops_at_the_depth_bound()
    {
        const string tree = """{"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},"child":{"$ref":"#/$defs/node"}}}}}""";

        using var sample = JsonDocument.Parse(SchemaSample.Write(tree, 3));

        Assert.Equal(JsonValueKind.String, sample.RootElement.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Object, sample.RootElement.GetProperty("child").ValueKind);
    }

    private sealed record Booking(Person Guest, int Nights, DateTimeOffset Arrival, Guid Id, string? Note, string Code);

    private sealed record Person(string Name, string Email);

    [Fact]
    public async Task Openai_chat_json_schema_answer_deserialises_and_json_mode_is_an_object()
    {
        await using var run = await OpenAiRun.StartAsync();
        var chat = run.OpenAi().GetChatClient("gpt-4o-mini");

        ChatCompletion structured = await chat.CompleteChatAsync([new UserChatMessage("Book a room")], new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("booking", BinaryData.FromString(BookingSchema), jsonSchemaIsStrict: true),
        });
        ChatCompletion jsonMode = await chat.CompleteChatAsync([new UserChatMessage("Answer in JSON")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() });

        Assert.Equal(ChatFinishReason.Stop, structured.FinishReason);
        var booking = JsonSerializer.Deserialize<Booking>(structured.Content[0].Text, JsonSerializerOptions.Web)!;
        Assert.InRange(booking.Nights, 1, 14);
        Assert.NotEqual(Guid.Empty, booking.Id);
        using var any = JsonDocument.Parse(jsonMode.Content[0].Text);
        Assert.Equal(JsonValueKind.Object, any.RootElement.ValueKind);
    }

    private sealed record Forecast(string City, int Days, bool Rain);

    [Fact]
    public async Task Microsoft_extensions_ai_typed_response_deserialises()
    {
        await using var run = await OpenAiRun.StartAsync();
        IChatClient client = run.OpenAi().GetChatClient("gpt-4o-mini").AsIChatClient();

        var response = await client.GetResponseAsync<Forecast>("What is the weather in Paris?");

        Assert.True(response.TryGetResult(out var forecast), response.Text);
        Assert.False(string.IsNullOrEmpty(forecast.City));
    }

    [Fact]
    public async Task A_token_limit_cuts_structured_json_with_finish_reason_length()
    {
        await using var run = await OpenAiRun.StartAsync();

        ChatCompletion cut = await run.OpenAi().GetChatClient("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Book a room")],
            new ChatCompletionOptions
            {
                MaxOutputTokenCount = 5,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("booking", BinaryData.FromString(BookingSchema)),
            });

        Assert.Equal(ChatFinishReason.Length, cut.FinishReason);
        Assert.Equal(5, cut.Usage.OutputTokenCount);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Content[0].Text));
    }

#pragma warning disable OPENAI001 // the Responses client is marked experimental in OpenAI 2.x
    [Fact]
    public async Task Openai_responses_text_format_answer_deserialises_and_is_echoed()
    {
        await using var run = await OpenAiRun.StartAsync();
        var responses = run.OpenAi().GetResponsesClient();

        var result = await responses.CreateResponseAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem("Book a room")])
        {
            TextOptions = new ResponseTextOptions
            {
                TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("booking", BinaryData.FromString(BookingSchema), jsonSchemaIsStrict: true),
            },
        });

        var booking = JsonSerializer.Deserialize<Booking>(result.Value.GetOutputText(), JsonSerializerOptions.Web)!;
        Assert.InRange(booking.Nights, 1, 14);
        Assert.Equal(ResponseTextFormatKind.JsonSchema, result.Value.TextOptions.TextFormat.Kind);
    }
#pragma warning restore OPENAI001

    [Theory]
    [InlineData("output_config", false)]
    [InlineData("output_format", false)]
    [InlineData("output_config", true)]
    public async Task Anthropic_output_format_answer_is_json_that_fits(string field, bool stream)
    {
        await using var run = await FakeRun.StartAsync();
        var format = """{"type":"json_schema","schema":{"type":"object","properties":{"answer":{"type":"integer"}},"required":["answer"]}}""";
        var holder = field == "output_config" ? $$"""{"format":{{format}}}""" : format;
        var body = $$"""{"model":"claude-haiku-4-5","max_tokens":200,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"2+2?"}],"{{field}}":{{holder}}}""";

        using var response = await run.PostMessagesAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        var answer = stream
            ? string.Concat(text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l.Contains("text_delta", StringComparison.Ordinal))
                .Select(l => JsonDocument.Parse(l["data: ".Length..]).RootElement.GetProperty("delta").GetProperty("text").GetString()))
            : JsonDocument.Parse(text).RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        using var json = JsonDocument.Parse(answer);

        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("answer").ValueKind);
    }

    [Theory]
    [InlineData("responseJsonSchema", """{"type":"object","properties":{"name":{"type":"string"},"minutes":{"type":"integer"}},"required":["name","minutes"]}""")]
    [InlineData("responseSchema", """{"type":"OBJECT","properties":{"name":{"type":"STRING"},"minutes":{"type":"INTEGER"}},"required":["name","minutes"]}""")]
    [InlineData("response_schema", """{"type":"OBJECT","properties":{"name":{"type":"STRING"},"minutes":{"type":"INTEGER"}}}""")]
    public async Task Gemini_json_mode_with_a_schema_answers_json_that_fits(string field, string schema)
    {
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("gemini", "gemini")]));
        var body = $$$"""{"contents":[{"role":"user","parts":[{"text":"A recipe"}]}],"generationConfig":{"responseMimeType":"application/json","{{{field}}}":{{{schema}}}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1beta/models/gemini-2.5-flash:generateContent")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", "AIza-chaoskit-test");

        using var response = await run.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = json.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;
        using var recipe = JsonDocument.Parse(text);

        Assert.Equal(JsonValueKind.String, recipe.RootElement.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Number, recipe.RootElement.GetProperty("minutes").ValueKind);
    }
}
