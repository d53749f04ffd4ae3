using System.Text.Json;

namespace ChaosKit.Fakes.Hosting;

/// <summary>Parses a request body as JSON without throwing on bad input.</summary>
internal static class JsonBody
{
    /// <summary>The parsed body, or <see langword="null"/> when it is empty or not JSON.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
