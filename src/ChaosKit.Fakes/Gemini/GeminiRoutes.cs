namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// The Gemini API's routes under one API version, as the journal names them. The same methods are served under the
/// default <c>v1beta</c> and the stable <c>v1</c> (what the SDKs call with <c>apiVersion: 'v1'</c>).
/// </summary>
internal sealed class GeminiRoutes
{
    /// <summary>The routes under <c>/v1beta/</c>, the SDKs' default.</summary>
    public static readonly GeminiRoutes V1Beta = new("v1beta");

    /// <summary>The routes under <c>/v1/</c>.</summary>
    public static readonly GeminiRoutes V1 = new("v1");

    private GeminiRoutes(string version)
    {
        Models = $"/{version}/models";
        Prefix = Models + "/";
        Generate = $"POST {Prefix}{{model}}:generateContent";
        Stream = $"POST {Prefix}{{model}}:streamGenerateContent";
        Count = $"POST {Prefix}{{model}}:countTokens";
        Embed = $"POST {Prefix}{{model}}:embedContent";
        BatchEmbed = $"POST {Prefix}{{model}}:batchEmbedContents";
        List = $"GET {Models}";
        Get = $"GET {Prefix}{{model}}";
    }

    /// <summary><c>/{version}/models</c>.</summary>
    public string Models { get; }

    /// <summary><c>/{version}/models/</c>, which every model route starts with.</summary>
    public string Prefix { get; }

    /// <summary><c>POST …/{model}:generateContent</c>.</summary>
    public string Generate { get; }

    /// <summary><c>POST …/{model}:streamGenerateContent</c>.</summary>
    public string Stream { get; }

    /// <summary><c>POST …/{model}:countTokens</c>.</summary>
    public string Count { get; }

    /// <summary><c>POST …/{model}:embedContent</c>.</summary>
    public string Embed { get; }

    /// <summary><c>POST …/{model}:batchEmbedContents</c>.</summary>
    public string BatchEmbed { get; }

    /// <summary><c>GET /{version}/models</c>.</summary>
    public string List { get; }

    /// <summary><c>GET …/{model}</c>.</summary>
    public string Get { get; }

    /// <summary>The version whose models path <paramref name="path"/> is under, or null.</summary>
    public static GeminiRoutes? Of(string path) =>
        path.StartsWith(V1Beta.Models, StringComparison.Ordinal) ? V1Beta
        : path.StartsWith(V1.Models, StringComparison.Ordinal) ? V1
        : null;

    /// <summary>Whether <paramref name="route"/> generates content (plain or streamed) under either version.</summary>
    public static bool IsGeneration(string? route) =>
        route == V1Beta.Generate || route == V1Beta.Stream || route == V1.Generate || route == V1.Stream;
}
