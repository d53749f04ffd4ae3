using System.Text.RegularExpressions;

namespace ChaosKit.Core.Loading;

/// <summary>The rule for names in scenario files (scenario, provider and phase names): they end up in folder names and expectations.</summary>
internal static partial class Names
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}
