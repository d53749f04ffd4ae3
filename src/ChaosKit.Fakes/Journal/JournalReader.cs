using System.Text.Json;
using ChaosKit.Core.Results;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Reads a call journal back (the rotated file first, then the current one), for the result to join provider calls
/// with the requests that caused them. A line that is not a call (the dropped-calls note, a line cut by a full disk)
/// is skipped.
/// </summary>
public static class JournalReader
{
    /// <summary>Every call in the journal at <paramref name="path"/> and its rotated predecessor, oldest first.</summary>
    /// <param name="path">The journal, e.g. <c>reports/run/journal.jsonl</c>.</param>
    public static IEnumerable<JournalCall> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (var file in new[] { JournalLimits.RotatedPath(path), path }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(file))
            {
                if (Parse(line) is { } call) yield return call;
            }
        }
    }

    private static JournalCall? Parse(string line)
    {
        if (line.Length == 0 || line[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!root.TryGetProperty("provider", out var provider) || provider.ValueKind != JsonValueKind.String) return null;
            return new JournalCall(
                provider.GetString()!,
                Text(root, "route") ?? "",
                (int)(Number(root, "status") ?? 0),
                Text(root, "fault"),
                Number(root, "phase") is { } phase ? (int)phase : null,
                Number(root, "received_ms"),
                Number(root, "duration_ms") ?? 0,
                Text(root, "correlation_id"))
            {
                FirstTokenMs = Number(root, "first_token_ms"),
                TokensIn = Number(root, "tokens_in") is { } tokensIn ? (long)tokensIn : null,
                TokensOut = Number(root, "tokens_out") is { } tokensOut ? (long)tokensOut : null,
                RetryCount = Number(root, "retry_count") is { } retries ? (int)retries : null,
                EarlyRetry = root.TryGetProperty("early_retry", out var early) && early.ValueKind == JsonValueKind.True,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
