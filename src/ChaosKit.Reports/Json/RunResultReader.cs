using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Json.Dto;

namespace ChaosKit.Reports.Json;

/// <summary>
/// Reads a <c>result.json</c> back into the <see cref="RunResult"/> every report renders from, so a run can be
/// rendered again (<c>chaoskit report</c>) or compared with another (<c>chaoskit compare</c>) from its file alone. It
/// reads the schema versions from <see cref="OldestSchemaVersion"/> to <see cref="NewestSchemaVersion"/>; every problem
/// is a <see cref="ResultFileException"/> whose one-line message names the file and, for a problem in its text, the line.
/// </summary>
/// <remarks>
/// What the file does not keep is not read back: a latency's full percentile curve (only the fixed percentiles are in
/// the file), and anything a newer version adds. Writing a result that was read gives the file again, byte for byte,
/// for the current schema version.
/// </remarks>
public static partial class RunResultReader
{
    /// <summary>The result's file name in a run folder.</summary>
    public const string FileName = "result.json";

    /// <summary>The oldest schema version this ChaosKit reads (version 3 only added fields to it).</summary>
    public const int OldestSchemaVersion = 2;

    /// <summary>The newest schema version this ChaosKit reads: the one it writes.</summary>
    public static int NewestSchemaVersion => RunResultDto.CurrentSchemaVersion;

    /// <summary>The largest file it reads, 256 MiB: far above a day-long run's result, far below what would exhaust memory.</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>
    /// The result file <paramref name="path"/> stands for: <paramref name="path"/> itself when it is a file, its
    /// <see cref="FileName"/> when it is a run folder.
    /// </summary>
    /// <exception cref="ResultFileException">Nothing is there, or the folder holds no <see cref="FileName"/>.</exception>
    public static string Locate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path)) return path;
        if (!Directory.Exists(path)) throw new ResultFileException($"{path}: no such file or folder; give a run folder or its {FileName}");
        var file = Path.Combine(path, FileName);
        return File.Exists(file) ? file : throw new ResultFileException($"{path}: no {FileName} in this folder; give a run folder or a {FileName} file");
    }

    /// <summary>Reads the result at <paramref name="path"/> (a run folder or a <c>result.json</c>, see <see cref="Locate"/>).</summary>
    /// <exception cref="ResultFileException">The file is missing, unreadable, not JSON, not a ChaosKit result, of a schema version this ChaosKit does not read, or not of the schema's shape.</exception>
    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Locate(path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > MaxBytes)
                throw new ResultFileException(string.Create(CultureInfo.InvariantCulture, $"{file}: {length:N0} bytes, more than any {FileName} ChaosKit writes (at most {MaxBytes:N0})"));
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultFileException($"{file}: cannot read it ({e.Message.Split(" : '", 2)[0].TrimEnd('.')})");
        }
        return Read(bytes, file);
    }

    /// <summary>Reads a result from the UTF-8 text <paramref name="utf8"/>; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ResultFileException">See <see cref="ReadAsync"/>.</exception>
    public static RunResult Read(ReadOnlySpan<byte> utf8, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // The version first, from the parsed document: a file of another version may not have this version's shape,
        // and its version explains the problem better than the first field that does not fit.
        var version = SchemaVersionOf(utf8, name);
        if (version < OldestSchemaVersion)
        {
            throw new ResultFileException(
                $"{name}: schemaVersion {version} is older than this ChaosKit reads ({Versions}); run the scenario again with this ChaosKit for a result it reads");
        }
        if (version > NewestSchemaVersion)
            throw new ResultFileException($"{name}: schemaVersion {version} is newer than this ChaosKit reads ({Versions}); read it with the ChaosKit that wrote it, or a newer one");

        RunResultDto dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8, ReportJson.Reading)
                ?? throw new ResultFileException($"{name}: holds null, not a ChaosKit result");
        }
        catch (JsonException e)
        {
            throw new ResultFileException($"{At(name, e)}: {(e.Path is { Length: > 1 } field ? field + ": " : "")}{Cause(e)}", e);
        }
        try
        {
            return dto.ToResult();
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            // A number the file may hold but a run cannot have, e.g. a duration of 1e300 seconds.
            throw new ResultFileException($"{name}: a value is out of range for a run ({e.Message})");
        }
    }

    private static string Versions => OldestSchemaVersion == NewestSchemaVersion
        ? $"schemaVersion {NewestSchemaVersion}"
        : $"schemaVersion {OldestSchemaVersion} to {NewestSchemaVersion}";

    private static int SchemaVersionOf(ReadOnlySpan<byte> utf8, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read()) throw new ResultFileException($"{name}: more text after the result's closing brace");
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ResultFileException($"{name}: holds a JSON {Kind(document.RootElement.ValueKind)}, not a ChaosKit result (an object with a schemaVersion)");
            if (!document.RootElement.TryGetProperty("schemaVersion", out var version))
                throw new ResultFileException($"{name}: has no schemaVersion, so it is not a ChaosKit result");
            return version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number)
                ? number
                : throw new ResultFileException($"{name}: schemaVersion is {version.GetRawText()}, not a version number");
        }
        catch (JsonException e)
        {
            throw new ResultFileException($"{At(name, e)}: not valid JSON: {Cause(e)}");
        }
    }

    // file:line:column, as the scenario loader names places; the reader's line and byte are 0-based.
    private static string At(string name, JsonException e) => e.LineNumber is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"{name}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}")
        : name;

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>What went wrong, in the file's terms rather than .NET's: the serializer names C# types and appends its own position.</summary>
    private static string Cause(JsonException e)
    {
        var message = e.Message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0].Trim().TrimEnd('.');
        if (MissingFields().Match(message) is { Success: true } missing)
            return $"missing {missing.Groups["names"].Value}";
        if (NullNotAllowed().IsMatch(message)) return "null, where a value is needed";
        // The serializer names the type that holds the field, not the field's: find the field's own type by its path.
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
            return TypeAt(e.Path) is { } type ? $"expected {Expected(type)}" : "a value of the wrong type";
        return message.Length == 0 ? "the text does not fit the result's schema" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    /// <summary>The .NET type the file's field at <paramref name="path"/> (<c>$.phases[1].stats</c>) is read into; null when the path is not one.</summary>
    private static Type? TypeAt(string? path)
    {
        if (path is null) return null;
        var type = typeof(RunResultDto);
        foreach (Match segment in PathSegment().Matches(path))
        {
            var info = ReportJson.Reading.Options.GetTypeInfo(type);
            if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary && info.ElementType is { } element)
            {
                type = element;
                continue;
            }
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            if (info.Properties.FirstOrDefault(p => p.Name == name) is not { } property) return null;
            type = property.PropertyType;
        }
        return type;
    }

    private static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        var t when t == typeof(string) => "a string",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(DateTime) => "a UTC timestamp such as 2025-01-31T12:00:00Z",
        var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) => "an object of named values",
        var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => "a list",
        _ => "an object",
    };

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>[0-9]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();

    [GeneratedRegex(@"missing required properties including: (?<names>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingFields();

    [GeneratedRegex(@"(?:property or field|constructor parameter) '[^']+' .*(?:doesn't|does not) allow (?:getting |setting )?null", RegexOptions.CultureInvariant)]
    private static partial Regex NullNotAllowed();
}

/// <summary>A <c>result.json</c> that cannot be read; the message is one line naming the file and what is wrong.</summary>
/// <param name="message">The line, e.g. <c>run/result.json:3:17: not valid JSON: ...</c>.</param>
/// <param name="inner">The parser's own exception, if any.</param>
public sealed class ResultFileException(string message, Exception? inner = null) : Exception(message, inner);
