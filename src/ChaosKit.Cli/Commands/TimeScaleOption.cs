using System.CommandLine;
using System.Globalization;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Cli.Commands;

/// <summary>The <c>--time-scale</c> option that <c>run</c> and <c>serve</c> share.</summary>
internal static class TimeScaleOption
{
    /// <summary>
    /// A multiplier for every duration, from <see cref="RunTimeline.MinTimeScale"/> to
    /// <see cref="RunTimeline.MaxTimeScale"/> (their docs say why); 1 when absent.
    /// </summary>
    public static Option<double> Create() => new("--time-scale")
    {
        Description = FormattableString.Invariant(
            $"Multiply every duration of the scenario, from {RunTimeline.MinTimeScale} to {RunTimeline.MaxTimeScale}; 0.1 runs ten times faster."),
        DefaultValueFactory = _ => 1.0,
        HelpName = "X",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && RunTimeline.IsSupportedTimeScale(value))
                return value;
            return Flags.Invalid(result, "--time-scale", Expected, text, 1.0);
        },
    };

    /// <summary>What the option takes, as a flag error says it.</summary>
    public static string Expected { get; } = FormattableString.Invariant(
        $"a number from {RunTimeline.MinTimeScale} to {RunTimeline.MaxTimeScale} (0.1 runs ten times faster)");
}
