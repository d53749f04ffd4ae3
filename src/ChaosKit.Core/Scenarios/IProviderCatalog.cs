namespace ChaosKit.Core.Scenarios;

/// <summary>
/// The provider kinds a host knows how to fake. The scenario loader checks each provider's <c>kind</c> against it,
/// so <c>chaoskit validate</c> catches a typo such as <c>antropic</c> before anything starts; the fakes implement it.
/// </summary>
public interface IProviderCatalog
{
    /// <summary>Registered provider kinds, e.g. <c>anthropic</c> and <c>openai</c>, in the order to list them.</summary>
    IReadOnlyCollection<string> Kinds { get; }
}
