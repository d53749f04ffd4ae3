using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Hosting;

/// <summary>What every provider protocol is built from: the seed, its name, the keys it accepts and its pace.</summary>
/// <param name="Seed">The scenario seed; answers, ids and pacing derive from it.</param>
/// <param name="Provider">The provider name from the scenario.</param>
/// <param name="Keys">Which API keys get through.</param>
/// <param name="Pacing">How fast streamed answers arrive.</param>
internal sealed record ProtocolSetup(int Seed, string Provider, ApiKeyCheck Keys, StreamPacing Pacing)
{
    /// <summary>Call a tool when the request leaves the choice to the model (<c>tool_calls: auto</c>).</summary>
    public bool AutoToolCalls { get; init; }
}
