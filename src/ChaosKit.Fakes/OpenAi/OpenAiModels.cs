using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// Model names the OpenAI fake accepts. Aliases resolve to their dated snapshot, as the real API reports it
/// (<c>gpt-4o-mini</c> is served as <c>gpt-4o-mini-2024-07-18</c>); other names that look like an OpenAI model are
/// echoed; anything else is the real 404 <c>model_not_found</c>.
/// </summary>
internal static partial class OpenAiModels
{
    /// <summary>A model the fake lists.</summary>
    /// <param name="Id">The name clients ask for.</param>
    /// <param name="Snapshot">What answers report in <c>model</c>.</param>
    /// <param name="Created">Unix seconds, as listed.</param>
    /// <param name="OwnedBy">The <c>owned_by</c> value.</param>
    /// <param name="Dimensions">Embedding size for embedding models; 0 for chat models.</param>
    internal sealed record Model(string Id, string Snapshot, long Created, string OwnedBy, int Dimensions = 0);

    private static readonly Model[] Known =
    [
        new("gpt-5", "gpt-5-2025-08-07", 1754425777, "system"),
        new("gpt-5-mini", "gpt-5-mini-2025-08-07", 1754425867, "system"),
        new("gpt-4.1", "gpt-4.1-2025-04-14", 1744316542, "system"),
        new("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", 1744318173, "system"),
        new("gpt-4o", "gpt-4o-2024-08-06", 1715367049, "system"),
        new("gpt-4o-mini", "gpt-4o-mini-2024-07-18", 1721172741, "system"),
        new("o3-mini", "o3-mini-2025-01-31", 1737146383, "system"),
        new("gpt-4-0613", "gpt-4-0613", 1686588896, "openai"),
        new("text-embedding-3-small", "text-embedding-3-small", 1705948997, "system", 1536),
        new("text-embedding-3-large", "text-embedding-3-large", 1705953180, "system", 3072),
        new("text-embedding-ada-002", "text-embedding-ada-002", 1671217299, "openai-internal", 1536),
    ];

    private static readonly Dictionary<string, Model> ById = Known
        .SelectMany(m => new[] { (m.Id, m), (m.Snapshot, m) })
        .DistinctBy(p => p.Item1)
        .ToDictionary(p => p.Item1, p => p.m, StringComparer.Ordinal);

    [GeneratedRegex(@"^(gpt-|o[1-9]|chatgpt-|ft:|text-embedding-)[A-Za-z0-9.:_-]{0,120}$", RegexOptions.CultureInvariant)]
    private static partial Regex Plausible();

    /// <summary>The model name answers report for <paramref name="requested"/>, or false when no such model exists.</summary>
    public static bool TryResolve(string requested, out string served)
    {
        if (ById.TryGetValue(requested, out var model))
        {
            served = model.Snapshot;
            return true;
        }
        served = requested;
        return Plausible().IsMatch(requested);
    }

    /// <summary>The listed model named <paramref name="id"/>, or <see langword="null"/>.</summary>
    public static Model? Find(string id) => ById.GetValueOrDefault(id);

    /// <summary>Embedding size of <paramref name="model"/>: its own, or 1536 for an unknown embedding model.</summary>
    public static int DimensionsOf(string model) => Find(model) is { Dimensions: > 0 } m ? m.Dimensions : 1536;

    /// <summary>Writes one model object.</summary>
    public static void WriteModel(Utf8JsonWriter json, Model model)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, model.Id);
        json.WriteString("object"u8, "model");
        json.WriteNumber("created"u8, model.Created);
        json.WriteString("owned_by"u8, model.OwnedBy);
        json.WriteEndObject();
    }

    /// <summary>Writes the <c>GET /v1/models</c> list.</summary>
    public static void WriteList(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("object"u8, "list");
        json.WriteStartArray("data"u8);
        foreach (var model in Known) WriteModel(json, model);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
