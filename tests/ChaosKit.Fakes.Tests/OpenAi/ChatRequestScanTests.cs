using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Tests.OpenAi;

/// <summary>The one-pass reader must agree with the document path on every body it takes, and leave the rest to it.</summary>
public sealed class ChatRequestScanTests
{
    public static TheoryData<string> Everyday => new()
    {
        """{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""",
        // The OpenAI .NET SDK's own order and fields, streamed with usage.
        """{"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Line 1\nLine 2 \"quoted\" \u00e9 😀"}],"model":"gpt-4o","max_completion_tokens":100,"temperature":0.7,"stream":true,"stream_options":{"include_usage":true}}""",
        // Fields that only feed the seed, nested values, whitespace.
        """
        {
          "model" : "gpt-4.1",
          "messages" : [ { "role" : "user", "content" : "Hi", "name" : "ada" } ],
          "response_format" : { "type" : "json_object" },
          "metadata" : { "team" : "a", "tags" : [ 1, 2.5, true, null ] },
          "user" : "u-1", "n" : 1, "seed" : 42
        }
        """,
        // An assistant turn with null content and tool calls, then a tool result.
        """{"model":"gpt-4o","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"42"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":null,"stream":false,"stream_options":null}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":false,"other":1}}""",
    };

    [Theory]
    [MemberData(nameof(Everyday))]
    public void Everyday_bodies_read_as_the_document_path_reads_them(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var document = JsonDocument.Parse(bytes);
        Assert.Null(ChatRequest.Read(document.RootElement, out var expected));

        Assert.True(ChatRequestScan.TryRead(bytes, 7, out var scanned, out var seed));

        Assert.Equal(ContentSeed.Of(7, ContentSeed.OpenAiPurpose, document.RootElement), seed);
        Assert.Equal(
            (expected!.Model, expected.MaxTokens, expected.Stream, expected.IncludeUsage, expected.PromptChars, expected.Stop.Count, expected.ForcedTool),
            (scanned!.Model, scanned.MaxTokens, scanned.Stream, scanned.IncludeUsage, scanned.PromptChars, scanned.Stop.Count, scanned.ForcedTool));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"required"}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stop":["."]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":"x"}]}]}""")]
    [InlineData("""{"mod\u0065l":"gpt-4o","messages":[{"role":"user","content":"x"}]}""")]
    [InlineData("""{"model":"gpt-4o","model":"gpt-4.1","messages":[{"role":"user","content":"x"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[]}""")]
    [InlineData("""{"model":"","messages":[{"role":"user","content":"x"}]}""")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"content":"x"}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":0}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"max_tokens":"5"}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true}}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]} trailing""")]
    [InlineData("""[{"model":"gpt-4o"}]""")]
    [InlineData("not json")]
    [InlineData("")]
    public void Anything_else_is_left_to_the_document_path(string body)
    {
        Assert.False(ChatRequestScan.TryRead(Encoding.UTF8.GetBytes(body), 7, out _, out _));
    }
}
