using Xunit;

namespace ChaosKit.Testing.XunitV3;

/// <summary>
/// An xunit.v3 fixture that starts ChaosKit's fakes before the first test that takes it and stops them after the last:
/// derive from it, say which scenario in <see cref="ChaosFakesFixtureBase.CreateScenario"/>, and take it as an
/// <c>IClassFixture&lt;T&gt;</c>, a collection fixture or an assembly fixture (<c>[assembly: AssemblyFixture(typeof(T))]</c>).
/// Tests that share it start from <see cref="ChaosFakes.Reset"/> or tell their requests apart by trace id (<see cref="ChaosTrace"/>).
/// </summary>
/// <example>
/// <code>
/// public sealed class ClaudeOutage : ChaosFakesFixture
/// {
///     protected override ChaosScenario CreateScenario() => ChaosScenario.Create("claude-outage")
///         .WithAnthropic("claude")
///         .Phase("healthy", TimeSpan.FromMinutes(1))
///         .Phase("outage", TimeSpan.FromMinutes(1), ChaosFault.Error(529).On("claude"));
/// }
/// </code>
/// </example>
public abstract class ChaosFakesFixture : ChaosFakesFixtureBase, IAsyncLifetime
{
    /// <summary>Starts the fakes; xunit calls it once, before the first test. Override to start more (call this first).</summary>
    public virtual async ValueTask InitializeAsync() => await StartFakesAsync(TestContext.Current.CancellationToken);

    /// <summary>Stops the fakes; xunit calls it once, after the last test. Override to stop more (call this last).</summary>
    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await StopFakesAsync();
    }
}
