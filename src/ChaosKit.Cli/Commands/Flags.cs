using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ChaosKit.Cli.Commands;

/// <summary>
/// Options whose values the CLI reads itself, so that every bad value says what was expected in one form,
/// <c>--seed: expected an integer, got 'abc'</c>, where System.CommandLine's own message names a .NET type.
/// </summary>
internal static class Flags
{
    /// <summary>An optional integer from <paramref name="min"/> to <paramref name="max"/>; <see langword="null"/> when absent.</summary>
    public static Option<int?> Integer(string name, string description, string helpName, int min = int.MinValue, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            var range = (min, max) switch
            {
                (int.MinValue, int.MaxValue) => "an integer",
                (_, int.MaxValue) => $"an integer of at least {min}",
                _ => $"an integer from {min} to {max}",
            };
            return Invalid<int?>(result, name, range, text, null);
        },
    };

    /// <summary>Records <c>NAME: expected WHAT, got 'TEXT'</c> as the parse error and returns <paramref name="fallback"/>.</summary>
    public static T Invalid<T>(ArgumentResult result, string name, string expected, string text, T fallback)
    {
        result.AddError($"{name}: expected {expected}, got '{text}'");
        return fallback;
    }
}
