using System.Globalization;
using System.Text;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>Formats a duration as Go's <c>time.Duration.String()</c> does, as OpenAI writes <c>x-ratelimit-reset-*</c>: <c>2ms</c>, <c>0s</c>, <c>6m0s</c>, <c>1h2m3s</c>.</summary>
internal static class GoDuration
{
    /// <summary>The Go spelling of <paramref name="duration"/> (whole milliseconds; negative counts as zero).</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = Math.Max(0, (long)duration.TotalMilliseconds);
        if (ms == 0) return "0s";
        if (ms < 1000) return ms.ToString(CultureInfo.InvariantCulture) + "ms";
        var text = new StringBuilder();
        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        var seconds = ms % 60_000 / 1000.0;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (hours > 0 || minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
