using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Gemini;

/// <summary>
/// <c>:embedContent</c> and <c>:batchEmbedContents</c>: one unit-length vector per content, seeded by its text (the
/// same vectors as the OpenAI fake's for the same text and length), <c>outputDimensionality</c> long when asked.
/// </summary>
internal static class GeminiEmbeddings
{
    /// <summary>One content to embed.</summary>
    /// <param name="Text">Its parts' text, joined.</param>
    /// <param name="Dimensions">Vector length.</param>
    internal readonly record struct Input(string Text, int Dimensions);

    /// <summary>The default vector length of <paramref name="model"/>: 3,072 for gemini-embedding-*, else 768.</summary>
    public static int DimensionsOf(string model) => model.StartsWith("gemini-embedding", StringComparison.Ordinal) ? 3072 : 768;

    /// <summary>Reads an <c>embedContent</c> body, or with <paramref name="batch"/> a <c>batchEmbedContents</c> one; returns the 400 message when refused.</summary>
    public static string? Read(JsonElement root, string model, bool batch, out List<Input> inputs)
    {
        inputs = [];
        if (root.ValueKind != JsonValueKind.Object) return "Invalid JSON payload received. Expected an object.";
        if (!batch) return ReadOne(root, model, "EmbedContentRequest", "", inputs);
        if (!root.TryGetProperty("requests"u8, out var requests) || requests.ValueKind != JsonValueKind.Array || requests.GetArrayLength() == 0)
            return "* BatchEmbedContentsRequest.requests: requests is not specified\n";
        var index = 0;
        foreach (var request in requests.EnumerateArray())
        {
            if (ReadOne(request, model, "BatchEmbedContentsRequest.requests[]", $"requests[{index++}].", inputs) is { } error) return error;
        }
        return null;
    }

    // where: the message's name for the request ("EmbedContentRequest"); field: the path to it in the body ("requests[2].").
    private static string? ReadOne(JsonElement request, string model, string where, string field, List<Input> inputs)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Object)
            return $"* {where}.content: content is not specified\n";
        var text = new StringBuilder();
        if (content.TryGetProperty("parts"u8, out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text"u8, out var t) && t.ValueKind == JsonValueKind.String)
                    text.Append(t.GetString());
            }
        }
        if (text.Length == 0) return $"* {where}.content.parts: contents.parts must not be empty.\n";
        var dimensions = DimensionsOf(model);
        if ((request.TryGetProperty("outputDimensionality"u8, out var size) || request.TryGetProperty("output_dimensionality"u8, out size))
            && size.ValueKind != JsonValueKind.Null)
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out var n) || n < 1)
                return $"Invalid value at '{field}output_dimensionality' (TYPE_INT32), {size.GetRawText()}";
            dimensions = Math.Min(n, DimensionsOf(model));
        }
        inputs.Add(new Input(text.ToString(), dimensions));
        return null;
    }

    /// <summary>Prompt tokens of all inputs, estimated as for every other call.</summary>
    public static int Tokens(List<Input> inputs) => inputs.Sum(i => Math.Max(1, FakeAnswer.Tokens(i.Text.Length)));

    /// <summary>Writes <c>{"embedding":{"values":[…]}}</c>, or for a batch <c>{"embeddings":[{"values":[…]},…]}</c>.</summary>
    public static void Write(Utf8JsonWriter json, (List<Input> Inputs, bool Batch, int Seed) state)
    {
        json.WriteStartObject();
        if (state.Batch) json.WriteStartArray("embeddings"u8);
        foreach (var input in state.Inputs)
        {
            var vector = new float[input.Dimensions];
            Embeddings.Fill(vector, state.Seed, input.Text);
            if (state.Batch) json.WriteStartObject();
            else json.WriteStartObject("embedding"u8);
            json.WriteStartArray("values"u8);
            foreach (var value in vector) json.WriteNumberValue(value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (state.Batch) json.WriteEndArray();
        json.WriteEndObject();
    }
}
