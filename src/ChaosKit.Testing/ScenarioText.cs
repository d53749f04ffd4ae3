using System.Globalization;

namespace ChaosKit.Testing;

/// <summary>Values written as a scenario file writes them, so the loader reads them as it reads a file.</summary>
internal static class ScenarioText
{
    /// <summary><c>30s</c> for whole seconds, else milliseconds (<c>1500ms</c>, <c>0.5ms</c>); a negative span stays negative, for the loader to refuse.</summary>
    public static string Duration(TimeSpan value) => value.Ticks % TimeSpan.TicksPerSecond == 0
        ? (value.Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s"
        : value.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture) + "ms";

    /// <summary>A number in the invariant culture, round-trippable.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
