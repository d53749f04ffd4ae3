using ChaosKit.Core.Loading.Sections;
using ChaosKit.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading;

/// <summary>
/// Reads and validates a scenario file (format v1) in one pass. Any problem — a YAML syntax error, an unknown or
/// misspelt key, a wrong type, a bad duration, a missing field, a reference to a phase or provider that does not
/// exist — becomes a <see cref="ScenarioException"/> whose one-line message names the file, line, column and field.
/// </summary>
/// <remarks>
/// The representation model is walked by hand rather than deserialised into classes, because only the node tree
/// keeps the line and column of every value, and pointing at the value is the point.
/// </remarks>
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "providers", "timeline", "target", "load", "expect"];

    /// <summary>Default seed when a scenario names none.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Reads the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    /// <param name="ct">Cancels the read.</param>
    public static async Task<Scenario> LoadAsync(string path, ScenarioCatalogs catalogs, CancellationToken ct = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "file not found; check the path (scenarios live in scenarios/*.yaml)"
                : $"cannot read the file: {e.Message}";
            throw new ScenarioException(new SourceLocation(path, 0, 0), "", problem);
        }
        return Parse(text, path, catalogs);
    }

    /// <summary>Parses scenario YAML already in memory.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">File name to show in error messages.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    public static Scenario Parse(string yaml, string file, ScenarioCatalogs catalogs)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0].TrimEnd('.');
            throw new ScenarioException(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), "", $"invalid YAML: {message}");
        }
        if (stream.Documents.Count == 0)
            throw new ScenarioException(new SourceLocation(file, 1, 1), "", "the file is empty; a scenario needs at least name, providers and timeline (and load, for chaoskit run)");
        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
            throw new ScenarioException(new SourceLocation(file, 1, 1), "", "a scenario file must be a mapping of name, timeline, load, ...");

        var root = new YamlMap(rootNode, file, "", TopKeys);
        var name = root.RequiredString("name");
        if (!Names.Pattern().IsMatch(name))
            throw new ScenarioException(root.LocationOf("name"), "name", $"'{name}' is not a valid name; use letters, digits, '-' and '_' (it names the report folder)");

        var providers = ProvidersSection.Read(root, catalogs.Providers);
        var timeline = TimelineSection.Read(root, providers, catalogs.Faults);
        var phaseNames = timeline.Select(p => p.Name).ToArray();
        var load = root.Has("load") ? LoadSection.Read(root, catalogs.Simulations, TimeSpan.FromTicks(timeline.Sum(p => p.Duration.Ticks))) : null;
        var steps = load is null ? [] : load.Workflows.SelectMany(w => w.Steps.Select(s => (w.Name, s.Name))).ToArray();

        return new Scenario
        {
            Name = name,
            Description = root.OptionalString("description"),
            Seed = root.OptionalInt("seed", DefaultSeed),
            Providers = providers,
            Timeline = timeline,
            Target = TargetSection.Read(root),
            Load = load,
            Expectations = ExpectSection.Read(root, phaseNames, steps),
            SourcePath = file,
        };
    }

}
