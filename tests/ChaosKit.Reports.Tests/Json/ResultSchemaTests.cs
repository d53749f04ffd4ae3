using System.Text.Json;
using System.Text.Json.Nodes;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;
using ChaosKit.Tests.Shared;

namespace ChaosKit.Reports.Tests.Json;

/// <summary>
/// Keeps docs/result.schema.json honest: every result ChaosKit writes is valid against it, a field it does not know
/// is not (so a new field comes with its description), and the score's part stays open for a later score.
/// </summary>
public sealed class ResultSchemaTests
{
    public static TheoryData<string> Fixtures() => [.. RunResults.Every().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Every_result_is_valid_against_the_schema(string fixture)
    {
        var json = await JsonAsync(RunResults.Every().Single(f => f.Name == fixture).Run);

        var result = ResultSchema.Evaluate(json);

        Assert.True(result.IsValid, ResultSchema.Describe(result));
    }

    [Theory]
    [InlineData("surprise")]
    [InlineData("phases.0.stats.outcomes.surprise")]
    [InlineData("scenario.surprise")]
    [InlineData("environment.hostName")]
    public async Task A_field_the_schema_does_not_describe_is_invalid(string path)
    {
        var json = await JsonAsync(RunResults.OutageRehearsal());
        Set(json, path, 1);

        Assert.False(ResultSchema.Evaluate(json).IsValid);
    }

    [Theory]
    [InlineData("score.grade", "B")]
    [InlineData("score.components.0.explanation", "text")]
    [InlineData("score.phases.1.grade", "C")]
    [InlineData("score.phases.1.components.0.numbers.new_number", 3)]
    [InlineData("phases.1.score.total", 61.5)]
    public async Task The_score_stays_open_for_a_later_score(string path, object value)
    {
        var json = await JsonAsync(RunResults.OutageRehearsal());
        Set(json, path, value);

        var result = ResultSchema.Evaluate(json);

        Assert.True(result.IsValid, ResultSchema.Describe(result));
    }

    [Theory]
    [InlineData("schemaVersion", 2)]
    [InlineData("phases.0.stats.outcomes.scheduled", -1)]
    [InlineData("phases.0.stats.outcomes.availability", 1.5)]
    [InlineData("scenario.revision.commit", "HEAD")]
    [InlineData("score.components.0.numbers.p95_ms", "fast")]
    public async Task A_value_out_of_its_range_is_invalid(string path, object value)
    {
        var json = await JsonAsync(RunResults.OutageRehearsal());
        Set(json, path, value);

        Assert.False(ResultSchema.Evaluate(json).IsValid);
    }

    private static async Task<JsonNode> JsonAsync(RunResult run) =>
        JsonNode.Parse(await Export.ToStringAsync(JsonReportExporter.Default, run))!;

    // Sets the value at a dotted path (numbers index lists), creating the last member.
    private static void Set(JsonNode json, string path, object value)
    {
        var parts = path.Split('.');
        var node = json;
        foreach (var part in parts[..^1])
            node = int.TryParse(part, out var index) ? node[index]! : node[part] ?? (node[part] = new JsonObject());
        node[parts[^1]] = JsonSerializer.SerializeToNode(value);
    }
}
