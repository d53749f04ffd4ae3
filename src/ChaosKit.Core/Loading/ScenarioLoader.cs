using ChaosKit.Core.Loading.Sections;
using ChaosKit.Core.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading;

/// <summary>
/// Reads and validates a scenario file (format v1) in one pass that finds every problem: a YAML syntax error, an
/// unknown or misspelt key, a wrong type, a bad duration, a missing field, a reference to a phase or provider that
/// does not exist, and what the catalogs' fault, provider, simulation and template checks reject. Each problem is
/// recorded with a placeholder put in its place, and the pass goes on; at the end one <see cref="ScenarioException"/>
/// lists them all, one line each naming the file, line, column and field.
/// </summary>
/// <remarks>
/// <para>The representation model is walked by hand rather than deserialised into classes, because only the node tree
/// keeps the line and column of every value, and pointing at the value is the point.</para>
/// <para>A problem is reported once: a name that could not be read leaves references to it unchecked, and a part
/// with a bad value skips the checks that combine its values, so one mistake does not echo through the file.</para>
/// </remarks>
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["name", "description", "seed", "providers", "timeline", "target", "load", "expect", "score"];

    /// <summary>Default seed when a scenario names none.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Reads the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="ScenarioException">Every problem of the file.</exception>
    public static Task<Scenario> LoadAsync(string path, ScenarioCatalogs catalogs, CancellationToken ct = default) =>
        LoadAsync(path, catalogs, loadRequired: false, ct);

    /// <summary>Reads the scenario at <paramref name="path"/>, which must have a <c>load</c> section when <paramref name="loadRequired"/>.</summary>
    /// <param name="path">Path of the YAML file.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    /// <param name="loadRequired">True for <c>chaoskit run</c>, which drives the load through the target.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="ScenarioException">Every problem of the file.</exception>
    public static async Task<Scenario> LoadAsync(string path, ScenarioCatalogs catalogs, bool loadRequired, CancellationToken ct = default)
    {
        string text;
        try
        {
            text = await ReadBoundedAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = e is FileNotFoundException or DirectoryNotFoundException
                ? "file not found; check the path (scenarios live in scenarios/*.yaml)"
                : Directory.Exists(path) ? DirectoryGiven(path)
                : $"cannot read the file: {e.Message}";
            throw new ScenarioException(new SourceLocation(path, 0, 0), "", problem);
        }
        return Parse(text, path, catalogs, loadRequired);
    }

    // Opening a directory as a file fails as "access denied", which sends the reader to check permissions instead.
    private static string DirectoryGiven(string path)
    {
        string? example;
        try
        {
            example = Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            example = null;
        }
        return "is a directory, not a scenario file; give a file" + (example is null ? "" : $", e.g. {example}");
    }

    /// <summary>Parses scenario YAML already in memory.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">File name to show in error messages.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    /// <exception cref="ScenarioException">Every problem of the file.</exception>
    public static Scenario Parse(string yaml, string file, ScenarioCatalogs catalogs) => Parse(yaml, file, catalogs, loadRequired: false);

    /// <summary>Parses scenario YAML already in memory, which must have a <c>load</c> section when <paramref name="loadRequired"/>.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">File name to show in error messages.</param>
    /// <param name="catalogs">The fault, provider and simulation kinds (and other vocabularies) to check the scenario against.</param>
    /// <param name="loadRequired">True for <c>chaoskit run</c>, which drives the load through the target.</param>
    /// <exception cref="ScenarioException">Every problem of the file.</exception>
    public static Scenario Parse(string yaml, string file, ScenarioCatalogs catalogs, bool loadRequired)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        var diagnostics = new Diagnostics(file);
        var root = ReadRoot(yaml, diagnostics);
        if (root is null)
        {
            diagnostics.ThrowIfAny();
            throw new InvalidOperationException("A file that cannot be read has a problem recorded.");
        }

        var name = root.RequiredString("name");
        if (name is not null && !Names.Pattern().IsMatch(name))
            root.Report("name", $"'{name}' is not a valid name; use letters, digits, '-' and '_' (it names the report folder)");
        else if (name is not null && name.Length > Names.MaxScenarioName)
            root.Report("name", $"the name is {name.Length} characters long; use at most {Names.MaxScenarioName} (it names the report folder, with the time appended)");

        var providers = ProvidersSection.Read(root, catalogs.Providers);
        var timeline = TimelineSection.Read(root, providers, catalogs.Faults);
        LoadSpec? load = null;
        // A misspelt 'load' is reported as such; the steps it may hold are then unknown, not absent.
        var steps = new StepNames([], Complete: !root.Misspelt("load"));
        if (root.Has("load"))
        {
            var errors = diagnostics.Count;
            load = LoadSection.Read(root, catalogs.Simulations, timeline.Complete ? timeline.Duration : null);
            steps = new StepNames(load is null ? [] : [.. load.AsWorkflows().SelectMany(w => w.Steps.Select(s => (w.Name, s.Name)))], load is not null);
            // The templates' expressions are checked once the load reads cleanly, so a placeholder is never checked.
            if (load is not null && diagnostics.Count == errors && catalogs.Templates is { } templates)
            {
                try
                {
                    templates.Validate(load);
                }
                catch (ScenarioException e)
                {
                    diagnostics.Report(e);
                }
            }
        }
        else if (loadRequired && !root.Misspelt("load"))
        {
            diagnostics.Report(new SourceLocation(file, 1, 1), "load",
                "missing required field: chaoskit run drives this traffic through the target (only chaoskit serve, the fakes alone for your own traffic, runs without it)");
        }
        var expectations = ExpectSection.Read(root, timeline, steps);
        var description = root.OptionalString("description");
        var seed = root.OptionalInt("seed", DefaultSeed);
        var target = TargetSection.Read(root);
        var score = ScoreSection.Read(root);
        diagnostics.ThrowIfAny();

        return new Scenario
        {
            Name = name!,
            Description = description,
            Seed = seed,
            Providers = providers.Providers,
            Timeline = timeline.Phases,
            Target = target,
            Load = load,
            Expectations = expectations,
            Score = score,
            SourcePath = file,
        };
    }

    /// <summary>
    /// Reads one fault written as a timeline phase lists it (YAML, or JSON, which YAML reads as a flow mapping), checked
    /// exactly as the loader checks a file's faults: the shared keys (<c>rate</c>, <c>ramp</c>, <c>flap</c>,
    /// <c>route</c>, <c>model</c>), the provider, and the kind's own settings through the catalog. <c>chaoskit
    /// serve</c> switches live faults on this way, so a live fault can be nothing a scenario could not say.
    /// </summary>
    /// <param name="text">The fault, e.g. <c>{"kind":"error","status":503}</c>.</param>
    /// <param name="source">Names the text in error messages (a file name, or empty).</param>
    /// <param name="providers">The providers the fault may name.</param>
    /// <param name="catalogs">The fault kinds to check it against.</param>
    /// <exception cref="ScenarioException">Every problem of the fault; fields are named as in a phase's fault (<c>kind</c>, <c>rate</c>).</exception>
    public static FaultSpec ParseFault(string text, string source, IReadOnlyList<ProviderSpec> providers, ScenarioCatalogs catalogs)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(catalogs);
        var diagnostics = new Diagnostics(source);
        const string Example = "{kind: error, status: 503}";
        var node = ReadDocument(text, diagnostics, $"nothing to read; write a fault such as {Example}", $"a fault is a mapping such as {Example}");
        var fault = node is null ? null : TimelineSection.ReadFault(diagnostics, node, "", new ProviderList([.. providers], Complete: true), catalogs.Faults);
        diagnostics.ThrowIfAny();
        return fault ?? throw new InvalidOperationException("A fault that cannot be read has a problem recorded.");
    }

    /// <summary>The file's text, or at most one character more than a scenario may hold (the limit check then names it).</summary>
    private static async Task<string> ReadBoundedAsync(string path, CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[YamlLimits.MaxChars + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
        return new string(buffer, 0, length);
    }

    private static YamlMap? ReadRoot(string yaml, Diagnostics diagnostics) =>
        ReadDocument(yaml, diagnostics,
            "the file is empty; a scenario needs at least name, providers and timeline (and load, for chaoskit run)",
            "a scenario file must be a mapping of name, timeline, load, ...") is { } root
            ? new YamlMap(root, diagnostics, "", TopKeys)
            : null;

    /// <summary>The first document's root mapping, within <see cref="YamlLimits"/>; <see langword="null"/> with the problem recorded.</summary>
    private static YamlMappingNode? ReadDocument(string yaml, Diagnostics diagnostics, string empty, string notAMapping)
    {
        if (!YamlLimits.Check(yaml, diagnostics)) return null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, (int)e.Start.Line, (int)e.Start.Column), "", YamlLimits.InvalidYaml(e));
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, 1, 1), "", empty);
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            diagnostics.Report(new SourceLocation(diagnostics.File, 1, 1), "", notAMapping);
            return null;
        }
        return rootNode;
    }
}
