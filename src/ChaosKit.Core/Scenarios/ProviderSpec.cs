namespace ChaosKit.Core.Scenarios;

/// <summary>Which wire protocol a fake provider speaks.</summary>
public enum ProviderKind
{
    /// <summary>The Anthropic Messages API (<c>/v1/messages</c>).</summary>
    Anthropic,
}

/// <summary>One fake provider to start for the run.</summary>
/// <param name="Name">Name that faults refer to (e.g. <c>claude</c>).</param>
/// <param name="Kind">Protocol the fake speaks.</param>
/// <param name="Port">Loopback port to listen on; 0 picks a free one.</param>
/// <param name="Location">Where the provider was declared.</param>
public sealed record ProviderSpec(string Name, ProviderKind Kind, int Port, SourceLocation Location);
