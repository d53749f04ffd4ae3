using System.Buffers.Binary;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// <c>POST /v1/embeddings</c> (docs/providers.md#openai-embeddings): one unit-length vector per input, seeded by the
/// input text so the same text always embeds the same way, as JSON floats or, for <c>encoding_format: base64</c> (the
/// .NET SDK's default), base64 of little-endian float32 values.
/// </summary>
internal static class Embeddings
{
    /// <summary>A parsed embeddings request.</summary>
    /// <param name="Model">Requested model.</param>
    /// <param name="Inputs">The texts (token-array inputs are rendered as their raw JSON).</param>
    /// <param name="Dimensions">Vector length.</param>
    /// <param name="Base64">Whether to encode as base64.</param>
    internal sealed record Request(string Model, IReadOnlyList<string> Inputs, int Dimensions, bool Base64)
    {
        /// <summary>Estimated prompt tokens of all inputs.</summary>
        public int PromptTokens => Inputs.Sum(i => Math.Max(1, FakeAnswer.Tokens(i.Length)));
    }

    /// <summary>Reads the body; returns the 400 to send when it is not acceptable.</summary>
    /// <param name="root">The body.</param>
    /// <param name="request">The request, when acceptable.</param>
    /// <param name="deployment">Azure's deployment, which names the model whatever the body says; null: <c>model</c> is required.</param>
    public static OpenAiError? Read(JsonElement root, out Request? request, string? deployment = null)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object)
            return new OpenAiError("Invalid type for request body: expected an object.", OpenAiError.InvalidRequest, null, "invalid_type");
        var model = deployment ?? "";
        if (deployment is null && OpenAiFields.Model(root, out model) is { } modelError) return modelError;
        if (!root.TryGetProperty("input"u8, out var input)) return OpenAiFields.Missing("input");
        List<string> inputs = input.ValueKind switch
        {
            JsonValueKind.String => [input.GetString()!],
            JsonValueKind.Array => [.. input.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText())],
            _ => [],
        };
        if (inputs.Count == 0 || inputs.Any(i => i.Length == 0))
            return new OpenAiError("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
                OpenAiError.InvalidRequest, null, null);
        int? dimensions = null;
        if (root.TryGetProperty("dimensions"u8, out var size) && size.ValueKind != JsonValueKind.Null)
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out var n)) return OpenAiFields.InvalidType("dimensions", "an integer");
            // The real wording for this one field (recorded): "-42 is less than the minimum of 1 - 'dimensions'".
            if (n < 1) return new OpenAiError($"{n} is less than the minimum of 1 - 'dimensions'", OpenAiError.InvalidRequest, null, null);
            dimensions = n;
        }
        var format = root.TryGetProperty("encoding_format"u8, out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : "float";
        if (format is not ("float" or "base64"))
            return new OpenAiError($"'{format}' is not one of ['float', 'base64'] - 'encoding_format'", OpenAiError.InvalidRequest, null, null);
        request = new Request(model, inputs, dimensions ?? OpenAiModels.DimensionsOf(model), format == "base64");
        return null;
    }

    /// <summary>Writes the response list for a request and the scenario seed.</summary>
    public static void Write(Utf8JsonWriter json, (Request Request, int Seed) state)
    {
        var (request, seed) = state;
        json.WriteStartObject();
        json.WriteString("object"u8, "list");
        json.WriteStartArray("data"u8);
        var vector = new float[request.Dimensions];
        var bytes = request.Base64 ? new byte[request.Dimensions * sizeof(float)] : [];
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            Fill(vector, seed, request.Inputs[i]);
            json.WriteStartObject();
            json.WriteString("object"u8, "embedding");
            json.WriteNumber("index"u8, i);
            if (request.Base64)
            {
                for (var d = 0; d < vector.Length; d++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), vector[d]);
                json.WriteBase64String("embedding"u8, bytes);
            }
            else
            {
                json.WriteStartArray("embedding"u8);
                foreach (var value in vector) json.WriteNumberValue(value);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("model"u8, request.Model);
        json.WriteStartObject("usage"u8);
        json.WriteNumber("prompt_tokens"u8, request.PromptTokens);
        json.WriteNumber("total_tokens"u8, request.PromptTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// Fills <paramref name="vector"/> with the embedding of <paramref name="text"/>: seeded by the text, scaled to
    /// unit length as real embeddings are (cosine similarity then equals the dot product). Gemini's fake uses it too.
    /// </summary>
    internal static void Fill(float[] vector, int seed, string text)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add(text);
        var random = new SplitMix64(hash.Finish());
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var value = (float)((random.Next() >> 11) * (2.0 / (1UL << 53)) - 1);
            vector[i] = value;
            norm += value * value;
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++) vector[i] *= scale;
    }
}
