using System.Text.RegularExpressions;

namespace ChaosKit.Core.Loading;

/// <summary>The rule for names in scenario files (scenario, provider and phase names): they end up in folder names and expectations.</summary>
internal static partial class Names
{
    /// <summary>
    /// Longest scenario name: the report folder is the name with a 17-character timestamp appended, and every file
    /// system takes a folder name of 255 bytes; 100 leaves room to spare, on paths that add their own limits too.
    /// </summary>
    public const int MaxScenarioName = 100;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();
}
