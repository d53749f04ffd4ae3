using System.Text.RegularExpressions;
using ChaosKit.Core.Loading;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// Keeps the scenario library in <c>scenarios/</c> what <c>docs/incidents.md</c> says it is: every file runs in CI
/// within two minutes as written, says what it rehearses and what it expects, gives an app's fallback somewhere to go
/// (Claude and OpenAI both declared), and is listed on that page; a replay names its incident and its source, and an
/// OpenAI replay makes OpenAI the bundled app's primary. The files are read as YAML, apart from the loader, so each
/// rule is checked whatever the loader accepts today (the loader's own checks are in <see cref="ScenarioSchemaTests"/>).
/// </summary>
public sealed partial class ScenarioLibraryTests
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    private static readonly string[] Names =
        [.. Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Files() => [.. Names];

    [Fact]
    public void The_library_holds_at_least_ten_scenarios() =>
        Assert.True(Names.Length >= 10, $"scenarios/ holds {Names.Length} files");

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_says_what_it_rehearses_and_expects_and_is_named_after_its_file(string file)
    {
        var root = Read(file);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), Scalar(root, "name"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(root, "description")), $"{file}: no description");
        Assert.NotNull(Scalar(root, "seed"));
        Assert.True(root.Children.TryGetValue(new YamlScalarNode("expect"), out var expect) && ((YamlSequenceNode)expect).Children.Count > 0,
            $"{file}: no expectations");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_declares_claude_and_openai_so_the_fallback_has_somewhere_to_go(string file)
    {
        var providers = ((YamlSequenceNode)Read(file)["providers"]).Children.Cast<YamlMappingNode>()
            .ToDictionary(p => Scalar(p, "name")!, p => Scalar(p, "kind"));

        Assert.Equal("anthropic", providers.GetValueOrDefault("claude"));
        Assert.Equal("openai", providers.GetValueOrDefault("openai"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_runs_within_two_minutes_as_written(string file)
    {
        var total = ((YamlSequenceNode)Read(file)["timeline"]).Children.Cast<YamlMappingNode>()
            .Select(phase => DurationParser.TryParse(Scalar(phase, "duration"), out var d) ? d : throw new InvalidOperationException($"{file}: a phase without a duration"))
            .Aggregate(TimeSpan.Zero, (sum, d) => sum + d);

        Assert.True(total <= Longest, $"{file}: its timeline lasts {total}; compress it in the file (see docs/incidents.md)");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_is_listed_in_the_incidents_page(string file) =>
        Assert.Contains($"`scenarios/{file}`", File.ReadAllText(Path.Combine(Repository.Root, "docs", "incidents.md")));

    [Theory]
    [MemberData(nameof(Files))]
    public void A_replay_names_its_incident_its_source_and_its_section_of_the_incidents_page(string file)
    {
        if (Replay().Match(file) is not { Success: true } replay) return;
        var (provider, date) = (replay.Groups["provider"].Value, replay.Groups["date"].Value);
        var text = File.ReadAllText(Path.Combine(Repository.Root, "scenarios", file));
        var header = string.Join('\n', text.Split('\n').TakeWhile(line => line.StartsWith('#')));
        var root = Read(file);

        Assert.Contains(date, Scalar(root, "description"));
        Assert.Contains("Source", header);
        Assert.Contains($"docs/incidents.md#{provider}-{date}", header);
        if (provider == "openai")
            Assert.Equal("openai", Scalar((YamlMappingNode)((YamlMappingNode)root["target"])["env"], "SampleApp__Primary"));
    }

    [Fact]
    public void The_library_never_cites_the_research_notes_it_was_written_from()
    {
        var texts = Names.Select(f => Path.Combine(Repository.Root, "scenarios", f)).Append(Path.Combine(Repository.Root, "docs", "incidents.md"));

        foreach (var path in texts)
            Assert.DoesNotMatch(@"\.\./shared|PROVIDERS\.md", File.ReadAllText(path));
    }

    [GeneratedRegex(@"^(?<provider>openai|anthropic)-(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})")]
    private static partial Regex Replay();

    private static YamlMappingNode Read(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, "scenarios", file))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;
}
