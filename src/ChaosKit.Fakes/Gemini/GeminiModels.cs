using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// The models the Gemini fake serves and lists on <c>GET /v1beta/models</c>, in the real API's shape: <c>name</c>
/// as <c>models/…</c>, token limits, <c>supportedGenerationMethods</c> and sampling defaults. Other names that look
/// like a Gemini model are served too (a listing-shaped entry is made up for them), so a scenario can name a model
/// newer than this list; anything else is the real 404.
/// </summary>
internal static partial class GeminiModels
{
    /// <summary>What a chat model supports (the real list's methods; streaming is covered by <c>generateContent</c>).</summary>
    private static readonly string[] ChatMethods = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"];

    private static readonly string[] EmbeddingMethods = ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"];

    /// <summary>A model as listed.</summary>
    /// <param name="Id">The name without <c>models/</c>.</param>
    /// <param name="Version">The <c>version</c>.</param>
    /// <param name="DisplayName">The <c>displayName</c>.</param>
    /// <param name="Description">The <c>description</c>.</param>
    /// <param name="InputTokenLimit">The <c>inputTokenLimit</c>.</param>
    /// <param name="OutputTokenLimit">The <c>outputTokenLimit</c>.</param>
    /// <param name="Methods">The <c>supportedGenerationMethods</c>.</param>
    /// <param name="TopK">The default <c>topK</c>; 0: none listed (embedding models).</param>
    /// <param name="Thinking">How the model thinks (listed as <c>thinking: true</c>); <see langword="null"/> when it does not.</param>
    internal sealed record Model(
        string Id, string Version, string DisplayName, string Description, int InputTokenLimit, int OutputTokenLimit,
        IReadOnlyList<string> Methods, int TopK, GeminiThinkingRange? Thinking)
    {
        /// <summary>Whether <paramref name="method"/> (e.g. <c>generateContent</c>) is supported.</summary>
        public bool Supports(string method) => Methods.Contains(method, StringComparer.Ordinal);
    }

    // The budgets Google documents for each model: 2.5 Pro cannot stop thinking, 2.5 Flash-Lite thinks only when asked.
    private static readonly GeminiThinkingRange ProThinking = new(128, 32_768, CanTurnOff: false, OnByDefault: true);
    private static readonly GeminiThinkingRange FlashThinking = new(1, 24_576, CanTurnOff: true, OnByDefault: true);
    private static readonly GeminiThinkingRange FlashLiteThinking = new(512, 24_576, CanTurnOff: true, OnByDefault: false);
    // A newer model than this list knows: thinking on, any budget the known models take.
    private static readonly GeminiThinkingRange NewerThinking = new(1, 32_768, CanTurnOff: true, OnByDefault: true);

    private static readonly Model[] Known =
    [
        new("gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro",
            1_048_576, 65_536, ChatMethods, 64, ProThinking),
        new("gemini-2.5-flash", "001", "Gemini 2.5 Flash",
            "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.",
            1_048_576, 65_536, ChatMethods, 64, FlashThinking),
        new("gemini-2.5-flash-lite", "001", "Gemini 2.5 Flash-Lite", "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025",
            1_048_576, 65_536, ChatMethods, 64, FlashLiteThinking),
        new("gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", 1_048_576, 8_192, ChatMethods, 40, null),
        new("gemini-2.0-flash-001", "2.0", "Gemini 2.0 Flash 001",
            "Stable version of Gemini 2.0 Flash, our fast and versatile multimodal model for scaling across diverse tasks, released in January of 2025.",
            1_048_576, 8_192, ChatMethods, 40, null),
        new("gemini-2.0-flash-lite", "2.0", "Gemini 2.0 Flash-Lite", "Gemini 2.0 Flash-Lite", 1_048_576, 8_192, ChatMethods, 40, null),
        new("gemini-embedding-001", "001", "Gemini Embedding 001", "Obtain a distributed representation of a text.",
            2_048, 1, EmbeddingMethods, 0, null),
        new("text-embedding-004", "004", "Text Embedding 004", "Obtain a distributed representation of a text.",
            2_048, 1, ["embedContent"], 0, null),
    ];

    private static readonly Dictionary<string, Model> ById = Known.ToDictionary(m => m.Id, StringComparer.Ordinal);

    [GeneratedRegex("^gemini-[a-z0-9][a-z0-9.-]{0,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex Plausible();

    // Gemini 2.5 and every generation since think.
    [GeneratedRegex(@"^gemini-(2\.5|[3-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Thinks();

    /// <summary>The listed model, a made-up entry for a plausible Gemini name, or <see langword="null"/> (404).</summary>
    public static Model? Find(string id)
    {
        if (ById.TryGetValue(id, out var model)) return model;
        if (!Plausible().IsMatch(id)) return null;
        var display = string.Join(' ', id.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return new Model(id, "001", display, display, 1_048_576, 65_536, ChatMethods, 64, Thinks().IsMatch(id) ? NewerThinking : null);
    }

    /// <summary>
    /// The 404 message for <paramref name="id"/> on <paramref name="method"/>: the recorded generateContent wording
    /// (docs/providers.md#gemini-errors), naming whichever method was called.
    /// </summary>
    public static string NotFoundMessage(string id, string method) =>
        $"models/{id} is not found for API version v1beta, or is not supported for {method}. " +
        "Call ListModels to see the list of available models and their supported methods.";

    /// <summary>
    /// The 400 message for a prompt longer than <paramref name="model"/>'s <c>inputTokenLimit</c> (by the fake's
    /// estimate), worded as the real API's captured in public bug reports; <see langword="null"/> when it fits.
    /// </summary>
    public static string? InputRefusal(Model model, GenerateRequest request) =>
        Content.FakeAnswer.Tokens(request.PromptChars) is var tokens && tokens > model.InputTokenLimit
            ? $"The input token count ({tokens}) exceeds the maximum number of tokens allowed ({model.InputTokenLimit})."
            : null;

    /// <summary>Largest and default <c>pageSize</c> of the list, as the real API documents them.</summary>
    public const int MaxPageSize = 1000, DefaultPageSize = 50;

    /// <summary>
    /// The page starting at <paramref name="pageToken"/> (an opaque token from a previous page; empty: the first),
    /// and the token of the next page, or null on the last. False when the token is not one this fake issued.
    /// </summary>
    public static bool TryPage(string pageToken, int pageSize, out ArraySegment<Model> page, out string? nextPageToken)
    {
        page = default;
        nextPageToken = null;
        var start = 0;
        if (pageToken.Length > 0)
        {
            // The token names the first model of the page, base64-encoded, so it looks as opaque as Google's.
            try
            {
                var id = Encoding.UTF8.GetString(Convert.FromBase64String(pageToken));
                start = Array.FindIndex(Known, m => m.Id == id);
            }
            catch (FormatException)
            {
                start = -1;
            }
            if (start < 0) return false;
        }
        var count = Math.Min(pageSize, Known.Length - start);
        page = new ArraySegment<Model>(Known, start, count);
        if (start + count < Known.Length) nextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(Known[start + count].Id));
        return true;
    }

    /// <summary>Writes one model object.</summary>
    public static void WriteModel(Utf8JsonWriter json, Model model)
    {
        json.WriteStartObject();
        json.WriteString("name"u8, "models/" + model.Id);
        json.WriteString("version"u8, model.Version);
        json.WriteString("displayName"u8, model.DisplayName);
        json.WriteString("description"u8, model.Description);
        json.WriteNumber("inputTokenLimit"u8, model.InputTokenLimit);
        json.WriteNumber("outputTokenLimit"u8, model.OutputTokenLimit);
        json.WriteStartArray("supportedGenerationMethods"u8);
        foreach (var method in model.Methods) json.WriteStringValue(method);
        json.WriteEndArray();
        if (model.TopK > 0)
        {
            json.WriteNumber("temperature"u8, 1);
            json.WriteNumber("topP"u8, 0.95);
            json.WriteNumber("topK"u8, model.TopK);
            json.WriteNumber("maxTemperature"u8, 2);
        }
        if (model.Thinking is not null) json.WriteBoolean("thinking"u8, true);
        json.WriteEndObject();
    }

    /// <summary>Writes a <c>ListModelsResponse</c>: <c>models</c>, and <c>nextPageToken</c> when more follow.</summary>
    public static void WriteList(Utf8JsonWriter json, (ArraySegment<Model> Page, string? NextPageToken) list)
    {
        json.WriteStartObject();
        json.WriteStartArray("models"u8);
        foreach (var model in list.Page) WriteModel(json, model);
        json.WriteEndArray();
        if (list.NextPageToken is { } token) json.WriteString("nextPageToken"u8, token);
        json.WriteEndObject();
    }
}
