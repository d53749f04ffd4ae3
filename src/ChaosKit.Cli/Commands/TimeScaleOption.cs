using System.CommandLine;
using System.Globalization;

namespace ChaosKit.Cli.Commands;

/// <summary>The <c>--time-scale</c> option that <c>run</c> and <c>serve</c> share.</summary>
internal static class TimeScaleOption
{
    /// <summary>A positive, finite multiplier for every duration; 1 when absent.</summary>
    public static Option<double> Create() => new("--time-scale")
    {
        Description = "Multiply every duration of the scenario; 0.1 runs ten times faster.",
        DefaultValueFactory = _ => 1.0,
        HelpName = "X",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
                return value;
            result.AddError($"--time-scale must be a positive number such as 0.1; got '{text}'");
            return 1.0;
        },
    };
}
