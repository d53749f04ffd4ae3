using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// The variables a started app gets beside the fakes' SDK variables (<see cref="ProviderFakes.SdkVariables"/>): where
/// each provider's fake status page is.
/// </summary>
public static class ProviderEnvironment
{
    /// <summary>The start of every status page variable's name.</summary>
    public const string StatusPageVariablePrefix = "CHAOSKIT_STATUS_PAGE_";

    /// <summary>
    /// The variable that carries <paramref name="provider"/>'s fake status page URL, e.g.
    /// <c>CHAOSKIT_STATUS_PAGE_CLAUDE</c> (append <c>/api/v2/status.json</c> to its value).
    /// </summary>
    public static string StatusPageVariable(string provider) =>
        StatusPageVariablePrefix + string.Concat(provider.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
}
