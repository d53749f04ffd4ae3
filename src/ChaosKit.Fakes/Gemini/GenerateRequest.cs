using System.Text.Json;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Gemini;

/// <summary>The parts of a <c>generateContent</c> body the fake needs (PROVIDERS.md §3).</summary>
/// <param name="MaxOutputTokens"><c>generationConfig.maxOutputTokens</c>, else no limit.</param>
/// <param name="PromptChars">Characters of text in <c>contents</c> and <c>systemInstruction</c>.</param>
/// <param name="StopSequences"><c>generationConfig.stopSequences</c>.</param>
internal sealed record GenerateRequest(int MaxOutputTokens, long PromptChars, IReadOnlyList<string> StopSequences)
{
    /// <summary>Reads <paramref name="root"/>; returns the 400 message when it is not acceptable.</summary>
    public static string? Read(JsonElement root, bool countOnly, out GenerateRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object) return "Invalid JSON payload received. Expected an object.";
        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
            return "* GenerateContentRequest.contents: contents is not specified\n";
        var chars = OpenAiFields.TextLength(contents);
        if (root.TryGetProperty("systemInstruction", out var system)) chars += OpenAiFields.TextLength(system);
        var max = int.MaxValue;
        IReadOnlyList<string> stops = [];
        if (root.TryGetProperty("generationConfig", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            if (config.TryGetProperty("maxOutputTokens", out var m))
            {
                if (m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out max) || max < 1)
                    return $"Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), {m.GetRawText()}";
            }
            stops = OpenAiFields.StopSequences(config, "stopSequences");
        }
        request = new GenerateRequest(max, chars, stops);
        return null;
    }
}
