using System.Globalization;

namespace ChaosKit.Reports.Words;

/// <summary>Number and time formatting for every report (report.js mirrors it for the HTML charts).</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What every report shows for a number that is not there (NaN or infinite).</summary>
    public const string Missing = "—";

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>Milliseconds with precision that shrinks as the value grows: 3.21, 45.6, 1,234.</summary>
    public static string Ms(double value) => !double.IsFinite(value) ? Missing : value switch
    {
        < 10 => value.ToString("0.##", Invariant),
        < 100 => value.ToString("0.#", Invariant),
        _ => value.ToString("N0", Invariant),
    };

    /// <summary>What every report shows for a metric that measured nothing (a phase with nothing scheduled).</summary>
    public const string NoData = "no data";

    /// <summary>A 0–1 ratio as a percentage: 100%, 99.95%, 12.5%.</summary>
    public static string Percent(double ratio) => !double.IsFinite(ratio) ? Missing : (ratio * 100).ToString("0.##", Invariant) + "%";

    /// <summary>A 0–1 ratio that may have no data: a percentage, or <see cref="NoData"/>.</summary>
    public static string Percent(double? ratio) => ratio is { } value ? Percent(value) : NoData;

    public static string Score(double score) => !double.IsFinite(score) ? Missing : score.ToString("0.#", Invariant);

    /// <summary>A plain number of unknown unit (expectation measurements, rates, the time scale).</summary>
    public static string Number(double value) => !double.IsFinite(value) ? Missing : value.ToString("#,0.####", Invariant);

    /// <summary>
    /// An offset on the run clock as m:ss (h:mm:ss from an hour on), keeping tenths when a phase boundary falls
    /// between seconds.
    /// </summary>
    public static string Clock(double seconds)
    {
        if (!double.IsFinite(seconds)) return Missing;
        var tenths = (long)Math.Round(seconds * 10, MidpointRounding.AwayFromZero);
        var text = tenths < 36_000
            ? $"{tenths / 600}:{tenths / 10 % 60:00}"
            : $"{tenths / 36_000}:{tenths / 600 % 60:00}:{tenths / 10 % 60:00}";
        return tenths % 10 == 0 ? text : $"{text}.{tenths % 10}";
    }

    /// <summary>A length of time for people: 45.2 s, 2 min 05 s, 1 h 02 min.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return Missing;
        if (seconds < 60) return seconds.ToString("0.#", Invariant) + " s";
        var whole = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return whole < 3600
            ? $"{whole / 60} min {whole % 60:00} s"
            : $"{whole / 3600} h {whole / 60 % 60:00} min";
    }

    /// <summary>
    /// <paramref name="text"/> in the invariant culture, with <see cref="Missing"/> for each number in it that is not
    /// there (NaN or infinite), whatever its format.
    /// </summary>
    public static string Sentence(FormattableString text) =>
        string.Format(Invariant, text.Format, [.. text.GetArguments().Select(a => a is double d && !double.IsFinite(d) ? Missing : a)]);

    /// <summary>
    /// A relative path as a link (<c>target.log</c>, <c>../run/journal.jsonl</c>): each segment escaped, so a name with
    /// a space, <c>#</c> or <c>?</c> still leads to the file, and the separators kept.
    /// </summary>
    public static string RelativeUrl(string path) => string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    public static string UtcTimestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";

    public static string IsoTimestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);
}
