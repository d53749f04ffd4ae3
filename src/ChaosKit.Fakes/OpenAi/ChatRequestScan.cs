using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The fast path for the everyday chat completions body: one forward pass of a <see cref="Utf8JsonReader"/> that
/// reads the request and its content seed together, with no <see cref="JsonDocument"/>. It gives exactly what
/// <see cref="ChatRequest.Read"/> and <see cref="ContentSeed.Of(int, string, JsonElement)"/> give for the same body.
/// </summary>
/// <remarks>
/// Why a second reader: parsing the body into a document and then looking fields up one by one was the largest
/// share of the fake's own work per call in the non-streaming benchmark. It only takes bodies it fully
/// understands: string <c>model</c>, messages with string or null <c>content</c>, the token limits, <c>stream</c>,
/// <c>stream_options</c> and fields that only feed the seed. Anything else (tools, stop sequences, content parts,
/// escaped names, a field given twice, any value the real API would refuse) returns <see langword="false"/>, and the
/// caller takes the document path, which also words the 400s.
/// </remarks>
internal static class ChatRequestScan
{
    /// <summary>Reads <paramref name="body"/> when it has the everyday shape; otherwise returns <see langword="false"/>.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="seed">The scenario seed.</param>
    /// <param name="request">The request, when read.</param>
    /// <param name="contentSeed">The content seed, as <see cref="ContentSeed.Of(int, string, JsonElement)"/> with <see cref="ContentSeed.OpenAiPurpose"/>.</param>
    public static bool TryRead(ReadOnlySpan<byte> body, int seed, out ChatRequest? request, out int contentSeed)
    {
        request = null;
        contentSeed = 0;
        try
        {
            return TryReadCore(body, seed, out request, out contentSeed);
        }
        catch (JsonException)
        {
            return false; // not JSON at all: the document path answers with the API's own 400
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> body, int seed, out ChatRequest? request, out int contentSeed)
    {
        request = null;
        contentSeed = 0;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;

        var hash = new StableHash();
        hash.Add(seed);
        hash.Add(ContentSeed.OpenAiPurpose);
        string? model = null;
        int? maxCompletion = null, legacyMax = null;
        bool stream = false, includeUsage = false, sawStream = false, sawOptions = false, sawMessages = false;
        long promptChars = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            var name = reader.ValueSpan;
            if (!reader.Read()) return false;
            var start = (int)reader.TokenStartIndex;
            var delivery = false;
            if (name.SequenceEqual("model"u8))
            {
                if (model is not null || reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length == 0) return false;
                model = reader.GetString();
            }
            else if (name.SequenceEqual("messages"u8))
            {
                if (sawMessages || !TryReadMessages(ref reader, out promptChars)) return false;
                sawMessages = true;
            }
            else if (name.SequenceEqual("max_completion_tokens"u8))
            {
                if (maxCompletion is not null || !TryReadLimit(ref reader, out maxCompletion)) return false;
            }
            else if (name.SequenceEqual("max_tokens"u8))
            {
                if (legacyMax is not null || !TryReadLimit(ref reader, out legacyMax)) return false;
            }
            else if (name.SequenceEqual("stream"u8))
            {
                if (sawStream) return false;
                sawStream = delivery = true;
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False) stream = reader.GetBoolean();
                else if (reader.TokenType != JsonTokenType.Null) return false;
            }
            else if (name.SequenceEqual("stream_options"u8))
            {
                if (sawOptions || !TryReadStreamOptions(ref reader, out includeUsage)) return false;
                sawOptions = delivery = true;
            }
            else if (name.SequenceEqual("stop"u8) || name.SequenceEqual("stop_sequences"u8) || name.SequenceEqual("tools"u8) || name.SequenceEqual("tool_choice"u8))
            {
                return false;
            }
            else
            {
                reader.Skip(); // a field that only feeds the seed (temperature, user, …)
            }
            if (!delivery)
            {
                hash.Add(name);
                hash.Add(body[start..(int)reader.BytesConsumed]);
            }
        }
        // The loop ends at the closing brace; anything after it is not one JSON document (the reader throws).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
        if (model is null || !sawMessages || (includeUsage && !stream)) return false;

        contentSeed = hash.FinishInt();
        request = new ChatRequest(model, maxCompletion ?? legacyMax ?? int.MaxValue, stream, includeUsage, promptChars, []);
        return true;
    }

    // A non-empty array of objects, each with a string role and a string or null content (other fields skipped).
    private static bool TryReadMessages(ref Utf8JsonReader reader, out long promptChars)
    {
        promptChars = 0;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            bool sawRole = false, sawContent = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped) return false;
                var isRole = reader.ValueTextEquals("role"u8);
                var isContent = reader.ValueTextEquals("content"u8);
                if (!reader.Read()) return false;
                if (isRole)
                {
                    if (sawRole || reader.TokenType != JsonTokenType.String) return false;
                    sawRole = true;
                }
                else if (isContent)
                {
                    if (sawContent) return false;
                    sawContent = true;
                    if (reader.TokenType == JsonTokenType.String) promptChars += StringLength(ref reader);
                    else if (reader.TokenType != JsonTokenType.Null) return false; // content parts: the document path
                }
                else
                {
                    reader.Skip();
                }
            }
            if (!sawRole) return false;
            count++;
        }
        return count > 0;
    }

    // As OpenAiFields.OptionalInt accepts it: null (absent) or a whole number from 1 that fits an int.
    private static bool TryReadLimit(ref Utf8JsonReader reader, out int? limit)
    {
        limit = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number) || number < 1) return false;
        limit = number;
        return true;
    }

    // An object whose include_usage, if any, is a boolean; other fields are skipped, as ChatRequest.Read ignores them.
    private static bool TryReadStreamOptions(ref Utf8JsonReader reader, out bool includeUsage)
    {
        includeUsage = false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        var sawUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped) return false;
            var isUsage = reader.ValueTextEquals("include_usage"u8);
            if (!reader.Read()) return false;
            if (!isUsage)
            {
                reader.Skip();
                continue;
            }
            if (sawUsage) return false;
            sawUsage = true;
            includeUsage = reader.TokenType == JsonTokenType.True;
        }
        return true;
    }

    // UTF-16 length of the string token, as string.Length of its decoded value.
    private static int StringLength(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
}
