using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Answers;

/// <summary>
/// The headers that say which path served a response: <c>x-served-by</c> (<c>anthropic</c>, <c>openai</c>,
/// <c>knowledge-base</c> or <c>none</c>) and the older <c>X-Answer-Source</c> (<c>provider</c> or <c>fallback</c>),
/// which scenarios read to count degraded answers.
/// </summary>
internal static class AnswerHeaders
{
    /// <summary>The path that served the response.</summary>
    public const string ServedByHeader = "x-served-by";

    /// <summary><c>provider</c> or <c>fallback</c>; not sent with an error.</summary>
    public const string SourceHeader = "X-Answer-Source";

    /// <summary>Served from the app's own knowledge base.</summary>
    public const string KnowledgeBase = "knowledge-base";

    /// <summary>Nothing served it: an error.</summary>
    public const string None = "none";

    /// <summary>An AI provider's answer.</summary>
    public const string ProviderSource = "provider";

    /// <summary>A stored answer.</summary>
    public const string FallbackSource = "fallback";

    /// <summary>The <c>x-served-by</c> value of <paramref name="provider"/>.</summary>
    public static string Of(AiProvider provider) => AiProviders.NameOf(provider);

    /// <summary>Sets both headers; <paramref name="source"/> is left out for an error.</summary>
    public static void Set(HttpResponse response, string servedBy, string? source)
    {
        response.Headers[ServedByHeader] = servedBy;
        if (source is not null) response.Headers[SourceHeader] = source;
    }
}
