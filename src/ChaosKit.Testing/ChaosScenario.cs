using System.Globalization;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Testing;

/// <summary>
/// The scenario a test starts the fakes with: built in C# (<see cref="Create"/>, then <see cref="WithAnthropic"/>,
/// <see cref="Phase(string, TimeSpan, ChaosFault[])"/>, ...) or read from a scenario file (<see cref="FromFile"/>).
/// Immutable: each method returns a changed copy, so one instance can seed several fixtures.
/// </summary>
/// <remarks>
/// A scenario built in C# is written out as the YAML of a scenario file (<see cref="ToYaml"/>) and read back by the same
/// loader and catalogs as <c>chaoskit validate</c>, so it is checked exactly as a file is: every problem at once, each
/// naming its field (<c>providers[0].kind</c>, <c>timeline[1].faults[0].status</c>), with "did you mean" for a near
/// miss. The <c>load</c>, <c>target</c> and <c>expect</c> sections belong to <c>chaoskit run</c>: a file may have them,
/// and the fakes ignore them.
/// </remarks>
public sealed class ChaosScenario
{
    private readonly string? _path;
    private readonly string _name;
    private readonly int? _seed;
    private readonly string? _description;
    private readonly IReadOnlyList<YamlMappingNode> _providers;
    private readonly IReadOnlyList<YamlMappingNode> _phases;

    private ChaosScenario(string? path, string name, int? seed, string? description, IReadOnlyList<YamlMappingNode> providers, IReadOnlyList<YamlMappingNode> phases)
    {
        _path = path;
        _name = name;
        _seed = seed;
        _description = description;
        _providers = providers;
        _phases = phases;
    }

    /// <summary>An empty scenario named <paramref name="name"/> (letters, digits, <c>-</c> and <c>_</c>); add providers and phases.</summary>
    /// <param name="name">The scenario's name.</param>
    public static ChaosScenario Create(string name = "chaos-test")
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ChaosScenario(null, name, null, null, [], []);
    }

    /// <summary>The scenario file at <paramref name="path"/>, read and checked when the fakes start (or by <see cref="Build"/>).</summary>
    /// <param name="path">A scenario file; a relative path is taken from the current folder (a test's output folder).</param>
    public static ChaosScenario FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new ChaosScenario(path, "", null, null, [], []);
    }

    /// <summary>This scenario with <paramref name="seed"/> for every random choice (for a file, in place of its <c>seed</c>).</summary>
    public ChaosScenario WithSeed(int seed) => new(_path, _name, seed, _description, _providers, _phases);

    /// <summary>This scenario with a description, for people reading it.</summary>
    public ChaosScenario WithDescription(string description) => Built(() => new(_path, _name, _seed, description, _providers, _phases));

    /// <summary>This scenario with a fake provider named <paramref name="name"/> of <paramref name="kind"/>.</summary>
    /// <param name="name">The name faults refer to, e.g. <c>claude</c>.</param>
    /// <param name="kind"><c>anthropic</c>, <c>openai</c>, <c>gemini</c> or <c>azure_openai</c>.</param>
    /// <param name="options">Port, keys, streaming pace; the defaults when <see langword="null"/>.</param>
    public ChaosScenario WithProvider(string name, string kind, ChaosProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(kind);
        var provider = ScenarioYaml.Provider(name, kind, options ?? ChaosProviderOptions.Default);
        return Built(() => new(_path, _name, _seed, _description, [.. _providers, provider], _phases));
    }

    /// <summary>This scenario with a fake Anthropic API named <paramref name="name"/> (<c>ANTHROPIC_BASE_URL</c>).</summary>
    public ChaosScenario WithAnthropic(string name, ChaosProviderOptions? options = null) => WithProvider(name, "anthropic", options);

    /// <summary>This scenario with a fake OpenAI API named <paramref name="name"/> (<c>OPENAI_BASE_URL</c>, ending in <c>/v1</c>).</summary>
    public ChaosScenario WithOpenAI(string name, ChaosProviderOptions? options = null) => WithProvider(name, "openai", options);

    /// <summary>This scenario with a fake Gemini API named <paramref name="name"/> (<c>GEMINI_BASE_URL</c>).</summary>
    public ChaosScenario WithGemini(string name, ChaosProviderOptions? options = null) => WithProvider(name, "gemini", options);

    /// <summary>This scenario with a fake Azure OpenAI resource named <paramref name="name"/> (<c>AZURE_OPENAI_ENDPOINT</c>).</summary>
    public ChaosScenario WithAzureOpenAI(string name, ChaosProviderOptions? options = null) => WithProvider(name, "azure_openai", options);

    /// <summary>This scenario with a phase after the others, lasting <paramref name="duration"/>, with <paramref name="faults"/> (none: healthy).</summary>
    /// <param name="name">The phase's name, which <see cref="ChaosFakes.JumpToPhase(string)"/> takes.</param>
    /// <param name="duration">How long it lasts while the timeline runs.</param>
    /// <param name="faults">The faults active during the phase, in order.</param>
    public ChaosScenario Phase(string name, TimeSpan duration, params ChaosFault[] faults) =>
        Phase(name, ScenarioText.Duration(duration), faults);

    /// <summary>This scenario with a phase after the others, its duration written as in a file (<c>30s</c>, <c>2m</c>).</summary>
    /// <param name="name">The phase's name, which <see cref="ChaosFakes.JumpToPhase(string)"/> takes.</param>
    /// <param name="duration">How long it lasts while the timeline runs, e.g. <c>1m30s</c>.</param>
    /// <param name="faults">The faults active during the phase, in order.</param>
    public ChaosScenario Phase(string name, string duration, params ChaosFault[] faults)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(duration);
        ArgumentNullException.ThrowIfNull(faults);
        var phase = new YamlMappingNode { { "name", name }, { "duration", duration } };
        if (faults.Length > 0) phase.Add("faults", new YamlSequenceNode(faults.Select(f => (YamlNode)ScenarioYaml.Fault(f ?? throw new ArgumentException("A fault is null.", nameof(faults))))));
        return Built(() => new(_path, _name, _seed, _description, _providers, [.. _phases, phase]));
    }

    /// <summary>
    /// The scenario as a scenario file writes it, e.g. to keep beside the tests and run with <c>chaoskit serve</c> or
    /// <c>validate</c>; a scenario read from a file is that file's text (without a <see cref="WithSeed"/> on top). Not
    /// checked: <see cref="Build"/> checks.
    /// </summary>
    public string ToYaml()
    {
        if (_path is not null) return File.ReadAllText(_path);
        var root = new YamlMappingNode { { "name", _name } };
        if (_description is not null) root.Add("description", _description);
        if (_seed is { } seed) root.Add("seed", seed.ToString(CultureInfo.InvariantCulture));
        root.Add("providers", new YamlSequenceNode(_providers));
        root.Add("timeline", new YamlSequenceNode(_phases));
        return ScenarioYaml.Write(root);
    }

    /// <summary>Reads and checks the scenario, as <c>chaoskit validate</c> does.</summary>
    /// <returns>The scenario model the fakes start from.</returns>
    /// <exception cref="ScenarioException">
    /// Every problem at once, each naming its field; for a scenario built in C#, as <c>built scenario 'NAME'</c>
    /// rather than a line of a file.
    /// </exception>
    public Scenario Build()
    {
        var scenario = _path is null ? ParseBuilt() : ParseFile(_path);
        return _seed is { } seed ? scenario with { Seed = seed } : scenario;
    }

    private Scenario ParseBuilt()
    {
        try
        {
            return ScenarioLoader.Parse(ToYaml(), "", ScenarioCatalogsForTests.All);
        }
        catch (ScenarioException e)
        {
            // Lines of YAML the user never saw would only mislead: name the scenario instead, and keep each field.
            var where = new SourceLocation($"built scenario '{_name}'", 0, 0);
            throw new ScenarioException([.. e.Problems.Select(p => p with { Location = where })]);
        }
    }

    private static Scenario ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(new SourceLocation(path, 0, 0), "", e is FileNotFoundException or DirectoryNotFoundException
                ? $"file not found (looked for {Path.GetFullPath(path)}); copy it to the test's output folder (CopyToOutputDirectory) or give a full path"
                : $"cannot read the file: {e.Message}");
        }
        return ScenarioLoader.Parse(text, path, ScenarioCatalogsForTests.All);
    }

    private ChaosScenario Built(Func<ChaosScenario> change) => _path is null
        ? change()
        : throw new InvalidOperationException($"A scenario read from a file ({_path}) is changed in the file; only {nameof(WithSeed)} applies on top of it.");
}
