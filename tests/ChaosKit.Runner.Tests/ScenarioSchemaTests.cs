using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Load.Simulations;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// Keeps docs/scenario.schema.json honest: editors check files with it, so it must accept what ChaosKit accepts,
/// reject typos, and know exactly the fault kinds and settings the fault catalog knows.
/// </summary>
public sealed class ScenarioSchemaTests
{
    /// <summary>The repository root (where ChaosKit.sln is).</summary>
    private static readonly string Root = Repository.Root;
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")));

    [Fact]
    public void Every_bundled_scenario_is_valid_against_the_schema()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.yaml"))
        {
            var result = Evaluate(File.ReadAllText(file));
            Assert.True(result.IsValid, $"{file}: {Describe(result)}");
        }
    }

    [Theory]
    [InlineData("timeline:", "timline:")]
    [InlineData("status: 529", "staus: 529")]
    [InlineData("duration: 16s", "duration: 16")]
    [InlineData("kind: anthropic", "kind: antropic")]
    [InlineData("name: claude-outage", "name: claude-outage-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("path: /api/ask", "path: \"/api/ask\\r\\nX-Evil: 1\"")]
    public void The_schema_rejects_what_the_loader_rejects(string find, string replace)
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "scenarios", "claude-outage.yaml"));
        Assert.Contains(find, yaml);

        Assert.False(Evaluate(yaml.Replace(find, replace)).IsValid);
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml.Replace(find, replace), "claude-outage.yaml", ScenarioRunner.Catalogs));
    }

    [Theory]
    [InlineData("json_exists: $.answer", "json_exist: $.answer")]
    [InlineData("capture:", "captures:")]
    [InlineData("answer_id: $.id", "answer_id: id")]
    [InlineData("step.history.failed_rate < 1%", "step.history.failed_rat < 1%")]
    [InlineData("  workflows:", "  request: { path: / }\n  workflows:")]
    public void The_schema_rejects_workflow_mistakes_the_loader_rejects(string find, string replace)
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "scenarios", "ask-and-read-back.yaml"));
        Assert.Contains(find, yaml);

        Assert.False(Evaluate(yaml.Replace(find, replace)).IsValid);
    }

    [Fact]
    public void The_schema_knows_exactly_the_fault_kinds_and_settings_of_the_catalog()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")))!;
        var variants = schema["$defs"]!["fault"]!["oneOf"]!.AsArray();
        var wrapper = ChaosKit.Core.Scenarios.FaultSpec.WrapperKeys;

        var documented = variants.ToDictionary(
            v => v!["properties"]!["kind"]!["const"]!.GetValue<string>(),
            v => v!["properties"]!.AsObject().Select(p => p.Key).Except(wrapper).Order().ToArray());

        Assert.Equal(FaultCatalog.Default.Kinds.Order(), documented.Keys.Order());
        foreach (var kind in FaultCatalog.Default.Kinds)
            Assert.Equal(FaultCatalog.Default.SettingsOf(kind).Order(), documented[kind]);
    }

    [Fact]
    public void The_fault_kinds_editors_offer_are_exactly_the_catalogs()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")))!;
        var kinds = schema["$defs"]!["fault"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>());

        Assert.Equal(FaultCatalog.Default.Kinds.Order(), kinds.Order());
    }

    [Fact]
    public void The_schema_knows_exactly_the_provider_kinds_of_the_catalog()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")))!;
        var kind = schema["properties"]!["providers"]!["items"]!["properties"]!["kind"]!;

        Assert.Equal(ProviderCatalog.Default.Kinds, kind["enum"]!.AsArray().Select(k => k!.GetValue<string>()));
    }

    [Fact]
    public void The_schema_knows_exactly_the_simulation_kinds_and_settings_of_the_registry()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "docs", "scenario.schema.json")))!;
        var kinds = schema["properties"]!["load"]!["properties"]!["simulations"]!["items"]!["properties"]!.AsObject();

        var documented = kinds.ToDictionary(k => k.Key, k => k.Value!["properties"]!.AsObject().Select(p => p.Key).Order().ToArray());

        Assert.Equal(SimulationRegistry.Default.Kinds.Select(k => k.Name).Order(), documented.Keys.Order());
        foreach (var kind in SimulationRegistry.Default.Kinds)
            Assert.Equal(kind.Settings.Order(), documented[kind.Name]);
    }

    [Fact]
    public async Task Every_bundled_scenario_loads_and_checks_with_every_catalog()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "scenarios"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var scenario = await ScenarioRunner.LoadAndCheckAsync(file, loadRequired: false);
            Assert.NotEmpty(scenario.Timeline);
        }
    }

    private static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = JsonSerializer.SerializeToElement(ToJson(stream.Documents[0].RootNode));
        return Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    /// <summary>YAML to JSON the way YAML 1.2 core schema types plain scalars: numbers, booleans and null unquoted.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when v is "true" or "false" => JsonValue.Create(v == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}
