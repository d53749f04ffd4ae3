namespace ChaosKit.Fakes.Hosting;

/// <summary>
/// The environment variables a provider's official SDKs read to find the API, e.g. <c>ANTHROPIC_BASE_URL</c> and
/// <c>ANTHROPIC_API_KEY</c>. A key is always given, as SDKs refuse to send without one.
/// </summary>
/// <param name="BaseUrlVariable">The variable that carries the base URL.</param>
/// <param name="BaseUrlSuffix">What the SDKs expect after the fake's address, e.g. <c>/v1</c> (the OpenAI SDKs append <c>chat/completions</c> to it).</param>
/// <param name="KeyVariable">The variable that carries the API key.</param>
/// <param name="DummyKey">The key given when the fake accepts any non-empty key.</param>
internal sealed record SdkEnvironment(string BaseUrlVariable, string BaseUrlSuffix, string KeyVariable, string DummyKey)
{
    /// <summary>The variables for a fake at <paramref name="baseUrl"/> that accepts <paramref name="apiKey"/> (<see langword="null"/>: any key).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> For(Uri baseUrl, string? apiKey) =>
    [
        // SDKs append their own paths (/v1/messages); a trailing slash would double it.
        new(BaseUrlVariable, baseUrl.ToString().TrimEnd('/') + BaseUrlSuffix),
        new(KeyVariable, apiKey ?? DummyKey),
    ];
}
