using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Tests.OpenAi;

public sealed class ChatRequestTests
{
    private const int Seed = 1234;

    [Theory]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{ "messages" : [ {"role":"user","content":"Hi"} ] ,"model" :  "gpt-4o-mini" , "temperature": 0.5 }""")]
    [InlineData("""{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"stop":["x"],"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("{\n\t\"model\":\"gpt-4o\",\r\n\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\\u00e9\"}]}],\"metadata\":{\"k\":[1,2,{\"x\":null}]}}")]
    [InlineData("""{"mod\u0065l":"gpt-4o","messages":[{"role":"user","content":"caf\u00e9"}],"user":"x","n":1,"seed":7}""")]
    [InlineData("""{"model":"gpt-4o","model":"gpt-4o-mini","messages":[{"role":"user","content":"dup"}]}""")]
    public void The_content_seed_is_the_one_the_parsed_document_gives(string body)
    {
        Assert.True(ChatRequest.TryRead(Encoding.UTF8.GetBytes(body), Seed, null, out var request, out var invalid));
        Assert.Null(invalid);

        using var document = JsonDocument.Parse(body);
        Assert.Equal(ContentSeed.Of(Seed, ContentSeed.OpenAiPurpose, document.RootElement), request!.ContentSeed);
    }

    [Fact]
    public void Delivery_fields_leave_the_seed_alone_and_the_question_moves_it()
    {
        var plain = SeedOf("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(plain, SeedOf("""{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"stop":"x","messages":[{"role":"user","content":"Hi"}]}"""));
        Assert.NotEqual(plain, SeedOf("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi!"}]}"""));
        Assert.NotEqual(plain, SeedOf("""{"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}"""));
    }

    [Fact]
    public void Fields_are_read_with_their_defaults_and_precedence()
    {
        var request = Read("""
            {"model":"gpt-4o","max_tokens":50,"max_completion_tokens":20,"stream":true,"stream_options":{"include_usage":true},
             "stop":["END","",7,"STOP"],
             "messages":[{"role":"system","content":"ab"},{"role":"user","content":[{"type":"text","text":"c\u00e9"},{"type":"image_url","image_url":{"url":"u"}}]},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"x"}]}]}
            """);

        Assert.Equal("gpt-4o", request.Model);
        Assert.Equal(20, request.MaxTokens);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(["END", "", "STOP"], request.Stop);
        Assert.Equal(2 + 2, request.PromptChars);
        Assert.Null(request.ForcedTool);

        var bare = Read("""{"model":"gpt-4o","stream":null,"max_tokens":null,"stop":"x","messages":[{"role":"user","content":"\t\u00e9"}]}""");
        Assert.Equal(int.MaxValue, bare.MaxTokens);
        Assert.False(bare.Stream);
        Assert.False(bare.IncludeUsage);
        Assert.Equal(["x"], bare.Stop);
        Assert.Equal(2, bare.PromptChars);
    }

    [Fact]
    public void A_forced_tool_brings_its_name_and_schema()
    {
        const string Tools = """[{"type":"function","function":{"name":"a","parameters":{"type":"object"}}},{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}]""";

        var named = Read($$$"""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","function":{"name":"lookup"}},"tools":{{{Tools}}}}""");
        var required = Read($$$"""{"model":"gpt-4o","tools":{{{Tools}}},"tool_choice":"required","messages":[{"role":"user","content":"x"}]}""");
        var auto = Read($$$"""{"model":"gpt-4o","tools":{{{Tools}}},"tool_choice":"auto","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal("lookup", named.ForcedTool!.Value.Name);
        Assert.Equal("""{"type":"object","properties":{"q":{"type":"string"}}}""", named.ForcedTool.Value.Schema);
        Assert.Equal("a", required.ForcedTool!.Value.Name);
        Assert.Null(auto.ForcedTool);
    }

    [Theory]
    [InlineData("[1,2]", "Invalid type for request body: expected an object.", null, "invalid_type")]
    [InlineData("""{"messages":[]}""", "you must provide a model parameter", null, null)]
    [InlineData("""{"model":"","messages":[{"role":"user"}]}""", "you must provide a model parameter", null, null)]
    [InlineData("""{"model":4,"messages":"x"}""", "you must provide a model parameter", null, null)]
    [InlineData("""{"max_tokens":0,"model":"gpt-4o"}""", "Missing required parameter: 'messages'.", "messages", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":{"role":"user"}}""", "Invalid type for 'messages': expected an array.", "messages", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[]}""",
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"},{"content":"x"},"y"],"max_tokens":0}""",
        "Missing required parameter: 'messages[1].role'.", "messages[1].role", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"},{"role":3}]}""",
        "Missing required parameter: 'messages[1].role'.", "messages[1].role", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"max_tokens":"5","max_completion_tokens":0}""",
        "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.", "max_completion_tokens", "integer_below_min_value")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"max_tokens":1.5,"stream":"yes"}""",
        "Invalid type for 'max_tokens': expected an integer.", "max_tokens", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"max_tokens":99999999999}""",
        "Invalid type for 'max_tokens': expected an integer.", "max_tokens", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"n":0}""",
        "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.", "n", "integer_below_min_value")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"n":"2"}""", "Invalid type for 'n': expected an integer.", "n", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"stream":"yes"}""",
        "Invalid type for 'stream': expected a boolean.", "stream", "invalid_type")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user"}],"stream_options":{"include_usage":true}}""",
        "The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", null)]
    public void Refusals_come_in_the_real_apis_order(string body, string message, string? param, string? code)
    {
        Assert.True(ChatRequest.TryRead(Encoding.UTF8.GetBytes(body), Seed, null, out var request, out var invalid));

        Assert.Null(request);
        Assert.Equal(new OpenAiError(message, OpenAiError.InvalidRequest, param, code), invalid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]} x""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}{}""")]
    [InlineData("""{"model":4,"messages":[{"role":"user","content":"Hi",}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"metadata":{"a":tru}}""")]
    [InlineData("""{"model":"gpt-4o", /* note */ "messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("[1,2")]
    public void A_body_that_is_not_json_is_told_apart_from_a_refused_one_wherever_it_breaks(string body)
    {
        Assert.False(ChatRequest.TryRead(Encoding.UTF8.GetBytes(body), Seed, null, out var request, out var invalid));
        Assert.Null(request);
        Assert.Null(invalid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"model\":\"gpt-4o\",")]
    [InlineData("\"model\":\"\",")]
    [InlineData("\"model\":null,")]
    public void A_default_model_stands_in_for_whatever_the_body_says(string modelField)
    {
        // Azure serves the deployment in the URL; the OpenAI JavaScript SDK's Azure client sends "model": "".
        var body = Encoding.UTF8.GetBytes($$"""{{{modelField}}"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.True(ChatRequest.TryRead(body, Seed, "my-deployment", out var request, out var invalid));
        Assert.Null(invalid);
        Assert.Equal("my-deployment", request!.Model);
    }

    [Fact]
    public void Without_a_default_a_null_model_is_refused()
    {
        Assert.True(ChatRequest.TryRead("""{"model":null,"messages":[{"role":"user","content":"Hi"}]}"""u8, Seed, null, out var request, out var invalid));
        Assert.Null(request);
        Assert.Equal("you must provide a model parameter", invalid!.Message);
    }

    private static int SeedOf(string body) => Read(body).ContentSeed;

    private static ChatRequest Read(string body)
    {
        Assert.True(ChatRequest.TryRead(Encoding.UTF8.GetBytes(body), Seed, null, out var request, out var invalid));
        Assert.Null(invalid);
        return request!;
    }
}
