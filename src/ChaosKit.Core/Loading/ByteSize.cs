using System.Globalization;

namespace ChaosKit.Core.Loading;

/// <summary>
/// Sizes on disk as people write them, in binary units: <c>64KB</c>, <c>500MB</c>, <c>1GB</c> (1 GB = 1024 MB), or
/// a plain number of bytes. Used by flags such as <c>--journal-limit</c> and by the messages that quote sizes.
/// </summary>
public static class ByteSize
{
    private static readonly (string Unit, long Bytes)[] Units = [("TB", 1L << 40), ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10)];

    /// <summary>Parses <paramref name="text"/> (a whole or decimal number, an optional unit, any case, no sign); false when it is not a size.</summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var (unit, multiplier) = Units.FirstOrDefault(u => trimmed.EndsWith(u.Unit, StringComparison.OrdinalIgnoreCase));
        var number = unit is null ? trimmed.TrimEnd('B', 'b') : trimmed[..^unit.Length];
        if (unit is null) multiplier = 1;
        if (!double.TryParse(number.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        var total = value * multiplier;
        if (!double.IsFinite(total) || total >= long.MaxValue) return false;
        bytes = (long)Math.Round(total);
        return true;
    }

    /// <summary><paramref name="bytes"/> in the largest unit it fills, to one decimal: <c>1 GB</c>, <c>12.5 MB</c>, <c>900 bytes</c>.</summary>
    public static string Format(double bytes)
    {
        foreach (var (unit, size) in Units)
        {
            if (Math.Abs(bytes) >= size) return (bytes / size).ToString("0.#", CultureInfo.InvariantCulture) + " " + unit;
        }
        return bytes.ToString("0", CultureInfo.InvariantCulture) + " bytes";
    }
}
