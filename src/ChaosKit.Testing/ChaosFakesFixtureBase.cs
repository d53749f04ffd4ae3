using ChaosKit.Core.Scenarios;

namespace ChaosKit.Testing;

/// <summary>
/// What a test framework's fixture for the fakes does, apart from the framework's own start and stop hooks: the
/// <c>ChaosKit.Testing.Xunit</c> (xunit v2) and <c>ChaosKit.Testing.XunitV3</c> fixtures derive from it, and so can one
/// for another framework (call <see cref="StartFakesAsync"/> from its set-up, <see cref="StopFakesAsync"/> from its tear-down).
/// </summary>
public abstract class ChaosFakesFixtureBase
{
    private ChaosFakes? _fakes;

    /// <summary>The started fakes.</summary>
    /// <exception cref="InvalidOperationException">Read before the fixture started them, or after it stopped them.</exception>
    public ChaosFakes Fakes => _fakes ?? throw new InvalidOperationException(
        "The fakes start when the test framework initialises the fixture, before the first test that takes it; read Fakes from a test, not from the fixture's constructor.");

    /// <summary>The scenario to start: built in C# (<see cref="ChaosScenario.Create"/>) or a file (<see cref="ChaosScenario.FromFile"/>).</summary>
    protected abstract ChaosScenario CreateScenario();

    /// <summary>How the fakes run; <see cref="ChaosFakesOptions.Default"/> (timeline held at its first phase) unless overridden.</summary>
    protected virtual ChaosFakesOptions CreateOptions() => ChaosFakesOptions.Default;

    /// <summary>Starts the fakes of <see cref="CreateScenario"/>.</summary>
    /// <exception cref="ScenarioException">The scenario is invalid: every problem, each naming its field.</exception>
    /// <exception cref="InvalidOperationException">They are already started.</exception>
    protected async Task StartFakesAsync(CancellationToken ct = default)
    {
        if (_fakes is not null) throw new InvalidOperationException("The fixture's fakes are already started.");
        _fakes = await ChaosFakes.StartAsync(CreateScenario(), CreateOptions(), ct);
    }

    /// <summary>Stops the fakes, if started.</summary>
    protected async Task StopFakesAsync()
    {
        if (_fakes is { } fakes)
        {
            _fakes = null;
            await fakes.DisposeAsync();
        }
    }
}
