using System.Runtime.InteropServices;
using System.Text.Json;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Content;

/// <summary>
/// The seed of a generated answer: the scenario seed, the provider kind and every field of the request except the
/// ones that only change how the answer is delivered (<c>stream</c>, <c>stream_options</c>) or where it is cut
/// (stop sequences). The same question therefore gets the same answer streamed or not, in every replay, and a stop
/// sequence cuts the very text it was picked from.
/// </summary>
internal static class ContentSeed
{

    /// <summary>The seed for <paramref name="request"/>, a parsed JSON body.</summary>
    public static int Of(int seed, string purpose, JsonElement request)
    {
        var hash = Start(seed, purpose);
        if (request.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in request.EnumerateObject())
            {
                if (IsDeliveryField(field)) continue;
                // The raw UTF-8 bytes, as sent: no string copies on the hot path.
                AddField(ref hash, JsonMarshal.GetRawUtf8PropertyName(field), JsonMarshal.GetRawUtf8Value(field.Value));
            }
        }
        else
        {
            hash.Add(JsonMarshal.GetRawUtf8Value(request));
        }
        return hash.FinishInt();
    }

    // Compared as raw UTF-8: reading a property's name as a string allocates one per property per call.
    /// <summary>The purpose OpenAI and Azure OpenAI answers are seeded with (the same question gets the same answer from both).</summary>
    public const string OpenAiPurpose = "openai-content";

    private static bool IsDeliveryField(JsonProperty field) =>
        field.NameEquals("stream"u8) || field.NameEquals("stream_options"u8) || field.NameEquals("stop_sequences"u8) || field.NameEquals("stop"u8);

    /// <summary>
    /// Whether the property name <paramref name="reader"/> is on is left out of the seed, for requests read in one
    /// pass with a <see cref="Utf8JsonReader"/> (see <see cref="AddField"/>).
    /// </summary>
    public static bool IsDeliveryField(ref readonly Utf8JsonReader reader) =>
        reader.ValueTextEquals("stream"u8) || reader.ValueTextEquals("stream_options"u8) || reader.ValueTextEquals("stop_sequences"u8) || reader.ValueTextEquals("stop"u8);

    /// <summary>Starts the hash of a seed; the fields follow with <see cref="AddField"/>, in the body's order.</summary>
    public static StableHash Start(int seed, string purpose)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add(purpose);
        return hash;
    }

    /// <summary>
    /// Adds one field of the body: its name as sent (without quotes, escapes as they are) and its value's raw JSON.
    /// A reader that passes every field that is not a delivery field gets the same seed as <see cref="Of(int, string, JsonElement)"/>.
    /// </summary>
    public static void AddField(ref StableHash hash, ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawValue)
    {
        hash.Add(rawName);
        hash.Add(rawValue);
    }
}
