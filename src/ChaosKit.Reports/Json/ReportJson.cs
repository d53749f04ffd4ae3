using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChaosKit.Reports.Json.Dto;

namespace ChaosKit.Reports.Json;

/// <summary>Serializer settings for the result file, shared by every exporter that writes result JSON and by its reader.</summary>
internal static class ReportJson
{
    /// <summary>
    /// For <c>result.json</c>: indented, and non-ASCII text (scenario names, the "–" in explanations) kept
    /// readable rather than <c>\uXXXX</c>-escaped.
    /// </summary>
    public static JsonTypeInfo<RunResultDto> File { get; } = Create(indented: true, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>
    /// For a <c>&lt;script type="application/json"&gt;</c> block: compact, and with the default encoder, which
    /// escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as <c>\u003C</c> etc. so user text can never close the
    /// script element (<c>&lt;/script&gt;</c>) or open a comment; <c>JSON.parse</c> reads the escapes back.
    /// </summary>
    public static JsonTypeInfo<RunResultDto> HtmlEmbedded { get; } = Create(indented: false, JavaScriptEncoder.Default);

    /// <summary>
    /// For reading a <c>result.json</c> back: strict about what the schema requires, so a field that is missing or
    /// null where a value belongs fails with its path rather than turning into a zero; a field it does not know (one
    /// a newer version of the same schema adds) is skipped.
    /// </summary>
    public static JsonTypeInfo<RunResultDto> Reading { get; } = (JsonTypeInfo<RunResultDto>)new JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        RespectNullableAnnotations = true,
        MaxDepth = 64,
        TypeInfoResolver = ReportJsonContext.Default.WithAddedModifier(RequireWhatCannotBeNull),
    }.GetTypeInfo(typeof(RunResultDto));

    // A constructor parameter that cannot be null must be in the file; one that can, and every init-only member (how a
    // field is added within a schema version), may be missing, so a file written before it was added still reads.
    private static void RequireWhatCannotBeNull(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is not { IsMemberInitializer: false } parameter) continue;
            var valueType = parameter.ParameterType.IsValueType;
            property.IsRequired = !parameter.HasDefaultValue &&
                (valueType ? Nullable.GetUnderlyingType(parameter.ParameterType) is null : !parameter.IsNullable);
        }
    }

    private static JsonTypeInfo<RunResultDto> Create(bool indented, JavaScriptEncoder encoder) =>
        new ReportJsonContext(new JsonSerializerOptions(ReportJsonContext.Default.Options)
        {
            WriteIndented = indented,
            Encoder = encoder,
        }).RunResultDto;
}

/// <summary>
/// Source-generated metadata: no reflection at run time, so the exporter stays trimming and AOT friendly.
/// NaN or infinity (a broken upstream computation) is written as a string rather than failing the export.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunResultDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
