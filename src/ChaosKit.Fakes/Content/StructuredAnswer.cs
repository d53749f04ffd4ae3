namespace ChaosKit.Fakes.Content;

/// <summary>
/// Answers for structured output (OpenAI's <c>response_format</c> / <c>text.format</c> <c>json_schema</c> and
/// <c>json_object</c>, Anthropic's <c>output_config.format</c>, Gemini's <c>responseMimeType: application/json</c>): JSON text instead of lorem, so an SDK's
/// typed parse (<c>chat.completions.parse</c>, <c>GetResponseAsync&lt;T&gt;</c>) gets a value it can read.
/// </summary>
internal static class StructuredAnswer
{
    // JSON mode without a schema: the real APIs only promise a JSON object.
    private const string AnyObjectSchema = """{"type":"object","properties":{"answer":{"type":"string"}}}""";

    /// <summary>
    /// JSON fitting <paramref name="format"/>'s schema (any JSON object without one), seeded by <paramref name="seed"/>;
    /// cut at <paramref name="maxTokens"/> like any answer, which leaves invalid JSON as the real APIs do.
    /// </summary>
    public static Answer Write(StructuredFormat format, int seed, int maxTokens)
    {
        var text = SchemaSample.Write(format.Schema ?? AnyObjectSchema, seed);
        var tokens = FakeAnswer.Tokens(text.Length);
        if (tokens <= maxTokens) return new Answer(text, tokens, AnswerEnd.Natural, null);
        var chars = (int)Math.Min(text.Length, (long)maxTokens * FakeAnswer.CharsPerToken);
        return new Answer(text[..chars], maxTokens, AnswerEnd.MaxTokens, null);
    }
}
