using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Anthropic;
using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.Tests.Anthropic;

public sealed class MessagesRequestTests
{
    private const string Question = """{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""";

    [Fact]
    public void The_content_seed_comes_from_the_same_parse_and_ignores_how_the_answer_is_delivered()
    {
        var plain = Parse(Question);
        var streamed = Parse("""{"stream":true,"model":"claude-sonnet-4-5","max_tokens":100,"stop_sequences":["x"],"messages":[{"role":"user","content":"Hi"}]}""");
        var other = Parse("""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"Hi!"}]}""");

        using var document = JsonDocument.Parse(Question);
        Assert.Equal(ContentSeed.Of(5, MessagesRequest.SeedPurpose, document.RootElement), plain.ContentSeed);
        Assert.NotEqual(plain.ContentSeed, Parse(Question, scenarioSeed: 6).ContentSeed);
        Assert.NotEqual(plain.ContentSeed, other.ContentSeed);
        // Delivery fields (stream, stop sequences) are left out: the same question gets the same answer, streamed or not.
        Assert.Equal(plain.ContentSeed, streamed.ContentSeed);
    }

    private static MessagesRequest Parse(string body, int scenarioSeed = 5)
    {
        var request = MessagesRequest.Parse(Encoding.UTF8.GetBytes(body), scenarioSeed, out var error);
        Assert.Null(error);
        return request!;
    }
}
