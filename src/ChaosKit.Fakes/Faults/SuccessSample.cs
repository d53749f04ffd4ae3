using System.Text.Json;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// A short success answer in a provider's own shape (a message, a chat completion, a candidate; or the first
/// events of their streams), for the malformed bodies to cut or break
/// (<see cref="Hosting.IProviderDefinition.SuccessSampleOf"/>).
/// </summary>
/// <param name="Body">The whole answer.</param>
/// <param name="Broken">The same answer made invalid: one string value loses its quotes.</param>
/// <param name="ContentType">The content type the provider sends with it.</param>
internal sealed record SuccessSample(string Body, string Broken, string ContentType)
{
    /// <summary>The answer's text, the same for every provider.</summary>
    public const string Text = "The capital of France is Paris. It has been the capital since the tenth century.";

    /// <summary>
    /// The sample of <paramref name="body"/>, broken by taking the quotes off every <c>"role":"<paramref name="role"/>"</c>.
    /// </summary>
    public static SuccessSample Of(string body, string contentType, string role) =>
        new(body, body.Replace($"\"role\":\"{role}\"", $"\"role\":{role}", StringComparison.Ordinal), contentType);

    /// <summary><paramref name="model"/> as it stands inside a JSON string, or <paramref name="fallback"/> when the call named none.</summary>
    public static string ModelText(string? model, string fallback) => JsonEncodedText.Encode(model ?? fallback).ToString();
}
