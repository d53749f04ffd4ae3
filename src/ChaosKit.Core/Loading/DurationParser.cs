using System.Globalization;
using System.Text.RegularExpressions;

namespace ChaosKit.Core.Loading;

/// <summary>
/// Parses durations as scenario files write them: a sequence of number-unit pairs such as <c>500ms</c>,
/// <c>30s</c>, <c>2m</c>, <c>1h</c> or <c>1m30s</c>; fractions (<c>1.5s</c>) are allowed.
/// </summary>
public static partial class DurationParser
{
    // [0-9], not \d: \d also matches other scripts' digits (١٢٣), which double.Parse then refuses.
    [GeneratedRegex(@"\G(?<n>[0-9]+(?:\.[0-9]+)?)(?<u>ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>The longest duration a scenario may write: a year, far past any rehearsal, and far from overflowing a run's arithmetic.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    /// <summary>Parses <paramref name="text"/>; returns false when it is not a valid duration or is longer than <see cref="Longest"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!TrySum(text, out var totalMs) || totalMs > Longest.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(totalMs);
        return true;
    }

    /// <summary>A one-line explanation of why <paramref name="text"/> is not a duration.</summary>
    public static string Explain(string? text)
    {
        if (TrySum(text, out _))
            return $"'{text}' is longer than {Longest.TotalDays:0} days ({Longest.TotalHours:0}h), the longest duration a scenario takes";
        var hint = text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $" (add a unit, e.g. '{text}s')"
            : "";
        return $"'{text}' is not a duration; write a number with a unit: 500ms, 30s, 2m, 1h or 1m30s{hint}";
    }

    // Adds up the number-unit pairs in milliseconds (a double, so no length overflows here); false when the text is not of that form.
    private static bool TrySum(string? text, out double totalMs)
    {
        totalMs = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var position = 0;
        while (position < s.Length)
        {
            var match = Part().Match(s, position);
            if (!match.Success) return false;
            var n = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            totalMs += match.Groups["u"].Value switch
            {
                "ms" => n,
                "s" => n * 1_000,
                "m" => n * 60_000,
                _ => n * 3_600_000,
            };
            position += match.Length;
        }
        return true;
    }

    /// <summary>Formats a duration the way scenario files write it (<c>1m30s</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        if (duration.TotalSeconds < 1) return $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms";
        var parts = new List<string>();
        if (duration.Hours + (duration.Days * 24) > 0) parts.Add($"{duration.Hours + (duration.Days * 24)}h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes}m");
        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        if (seconds > 0) parts.Add($"{seconds.ToString("0.###", CultureInfo.InvariantCulture)}s");
        return string.Concat(parts);
    }
}
