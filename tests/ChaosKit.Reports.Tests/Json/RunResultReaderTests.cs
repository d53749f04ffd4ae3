using System.Text;
using System.Text.Json.Nodes;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Json;

public sealed class RunResultReaderTests : IDisposable
{
    private readonly Export.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Fixtures() => [.. RunResults.Every().Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_result_written_read_and_written_again_is_the_same_file(string fixture)
    {
        var run = RunResults.Every().Single(f => f.Name == fixture).Run;
        var written = await Export.ToStringAsync(JsonReportExporter.Default, run);

        var read = RunResultReader.Read(Encoding.UTF8.GetBytes(written), "result.json");
        var again = await Export.ToStringAsync(JsonReportExporter.Default, read);

        Assert.Equal(written, again);
        Assert.Equal(run.Passed, read.Passed);
    }

    [Fact]
    public async Task Reads_a_run_folder_or_its_file_into_the_model()
    {
        var run = RunResults.OutageRehearsal();
        await JsonReportExporter.Default.ExportToDirectoryAsync(run, _folder.Path);

        var fromFolder = await RunResultReader.ReadAsync(_folder.Path);
        var fromFile = await RunResultReader.ReadAsync(Path.Combine(_folder.Path, "result.json"));

        foreach (var read in new[] { fromFolder, fromFile })
        {
            Assert.Equal(run.Scenario, read.Scenario);
            Assert.Equal(run.StartedAt, read.StartedAt);
            Assert.Equal(TimeSpan.Zero, read.StartedAt.Offset);
            Assert.Equal(["baseline", "outage", "recovery"], read.Phases.Select(p => p.Name));
            Assert.Equal(run.Phases[1].Stats.Outcomes, read.Phases[1].Stats.Outcomes);
            Assert.Equal(run.Phases[1].ProviderCalls.EarlyRetries, read.Phases[1].ProviderCalls.EarlyRetries);
            Assert.Equal(run.Score.Total, read.Score.Total);
            Assert.Equal(run.Score.Components.Select(c => c.Name), read.Score.Components.Select(c => c.Name));
            Assert.Equal(26.16, read.Score.Phases[1].Component("latency")!.PointsLost);
            Assert.Equal(2750, read.Score.Phases[1].Component("latency")!["p95_ms"]);
            Assert.Equal(run.Expectations.Select(e => (e.Text, e.Passed)), read.Expectations.Select(e => (e.Text, e.Passed)));
            Assert.Equal(RunWarningCodes.ArrivalsLate, Assert.Single(read.Warnings).Code);
            Assert.False(read.Passed);
        }
    }

    [Fact]
    public void Score_components_it_does_not_know_are_read_with_their_numbers()
    {
        var json = Json(RunResults.OutageRehearsal());
        var component = new JsonObject
        {
            ["name"] = "cost", ["value"] = 0.8, ["weight"] = 0.1, ["pointsLost"] = 2, ["numbers"] = new JsonObject { ["calls_per_request"] = 2.5 },
        };
        json["score"]!["components"]!.AsArray().Add(component);
        json["score"]!["phases"]![1]!["components"]!.AsArray().Add(component.DeepClone());

        var read = Read(json);

        var cost = Assert.Single(read.Score.Components, c => c.Name == "cost");
        Assert.Equal((0.8, 0.1, 2.0, 2.5), (cost.Value, cost.Weight, cost.PointsLost, cost["calls_per_request"]));
        Assert.Equal(0.8, read.Score.Phases[1].Component("cost")!.Value);
    }

    [Fact]
    public void Reads_version_2_which_version_3_only_added_to()
    {
        var json = Json(RunResults.OutageRehearsal());
        json["schemaVersion"] = 2;

        var read = Read(json);

        Assert.Equal(3, read.Phases.Count);
        Assert.Equal(71.35, read.Score.Total);
    }

    [Fact]
    public void A_field_added_within_a_version_may_be_missing_from_an_older_file()
    {
        // Members added after a version's first files (init-only in the DTOs: p75Ms, steps, environment) read as absent.
        var json = Json(RunResults.OutageRehearsal());
        json["phases"]![0]!["stats"]!["latency"]!.AsObject().Remove("p75Ms");
        json.Remove("environment");

        var read = Read(json);

        Assert.Equal(0, read.Phases[0].Stats.Latency.P75Ms);
        Assert.Null(read.Environment);
    }

    [Theory]
    [InlineData(1, "result.json: schemaVersion 1 is older than this ChaosKit reads (schemaVersion 2")]
    [InlineData(0, "result.json: schemaVersion 0 is older than this ChaosKit reads")]
    [InlineData(99, "result.json: schemaVersion 99 is newer than this ChaosKit reads (schemaVersion 2")]
    public void A_version_it_does_not_read_is_named_with_the_versions_it_reads(int version, string message)
    {
        var json = Json(RunResults.OutageRehearsal());
        json["schemaVersion"] = version;

        var e = Assert.Throws<ResultFileException>(() => Read(json));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": 1}", "result.json: has no schemaVersion, so it is not a ChaosKit result")]
    [InlineData("[1, 2]", "result.json: holds a JSON list, not a ChaosKit result (an object with a schemaVersion)")]
    [InlineData("{\"schemaVersion\": \"3\"}", "result.json: schemaVersion is \"3\", not a version number")]
    [InlineData("{\"schemaVersion\": 2}", "result.json:1:21: missing 'passed', 'completion', ")]
    public void Something_else_than_a_result_says_what_it_is(string text, string message)
    {
        var e = Assert.Throws<ResultFileException>(() => RunResultReader.Read(Encoding.UTF8.GetBytes(text), "result.json"));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_json_names_the_file_line_column_and_cause()
    {
        var written = await Export.ToStringAsync(JsonReportExporter.Default, RunResults.OutageRehearsal());
        var lines = written.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains("\"durationSeconds\"", StringComparison.Ordinal));
        lines[at] = lines[at].Replace(",", "", StringComparison.Ordinal);

        var e = Assert.Throws<ResultFileException>(() => RunResultReader.Read(Encoding.UTF8.GetBytes(string.Join('\n', lines)), "run/result.json"));

        // The missing comma is noticed where the next field starts.
        Assert.StartsWith($"run/result.json:{at + 2}:", e.Message, StringComparison.Ordinal);
        Assert.Contains(": not valid JSON: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_field_in_the_files_terms()
    {
        var json = Json(RunResults.OutageRehearsal());
        json["phases"]![1]!["stats"]!["outcomes"]!["scheduled"] = "many";

        var e = Assert.Throws<ResultFileException>(() => Read(json));

        Assert.Matches(@"^result\.json:\d+:\d+: \$\.phases\[1\]\.stats\.outcomes\.scheduled: expected a whole number$", e.Message);
    }

    [Fact]
    public void A_missing_or_null_field_fails_rather_than_reading_as_zero()
    {
        var missing = Json(RunResults.OutageRehearsal());
        missing["phases"]![0]!["stats"]!.AsObject().Remove("outcomes");
        var nulled = Json(RunResults.OutageRehearsal());
        nulled["scenario"]!["name"] = null;

        var first = Assert.Throws<ResultFileException>(() => Read(missing));
        var second = Assert.Throws<ResultFileException>(() => Read(nulled));

        Assert.Matches(@"^result\.json:1:\d+: \$\.phases\[0\]\.stats: missing 'outcomes'$", first.Message);
        Assert.Matches(@"^result\.json:1:\d+: \$\.scenario\.name: null, where a value is needed$", second.Message);
    }

    [Fact]
    public void A_folder_without_a_result_or_a_missing_path_says_what_to_give()
    {
        var missing = Path.Combine(_folder.Path, "nope");

        var noFile = Assert.Throws<ResultFileException>(() => RunResultReader.Locate(_folder.Path));
        var noPath = Assert.Throws<ResultFileException>(() => RunResultReader.Locate(missing));

        Assert.Equal($"{_folder.Path}: no result.json in this folder; give a run folder or a result.json file", noFile.Message);
        Assert.Equal($"{missing}: no such file or folder; give a run folder or its result.json", noPath.Message);
    }

    private static JsonObject Json(RunResult run) =>
        JsonNode.Parse(Export.ToStringAsync(JsonReportExporter.Default, run).GetAwaiter().GetResult())!.AsObject();

    private static RunResult Read(JsonObject json) => RunResultReader.Read(Encoding.UTF8.GetBytes(json.ToJsonString()), "result.json");
}
