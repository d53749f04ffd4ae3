using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChaosKit.Tests.Shared;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// <c>chaoskit report</c> through the built command, on real runs: every report again from result.json alone, in the
/// run folder or another one, and one line and exit 2 for what it cannot read.
/// </summary>
[Collection(RealRuns.Collection)]
public sealed partial class ReportCommandTests(RealRuns runs) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Renders_every_report_of_a_run_folder_again_from_its_result_alone()
    {
        var run = RealRuns.Copy(runs.Base, _folder, "kept");
        foreach (var name in new[] { "report.html", "report.md", "junit.xml" }) File.Delete(Path.Combine(run, name));

        var report = await ChaosKitProcess.RunAsync("report", run);

        Assert.True(report.ExitCode == 0, $"exit {report.ExitCode}: {report.Stderr}");
        foreach (var name in new[] { "result.json", "report.html", "junit.xml", "report.md" })
        {
            Assert.Contains($"wrote {Path.Combine(run, name)}", report.Stdout, StringComparison.Ordinal);
            // The same ChaosKit renders the same run to the same bytes: result.json normalised is result.json.
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(runs.Base, name)), await File.ReadAllTextAsync(Path.Combine(run, name)));
        }
        Assert.Matches(@"^short \(seed 3, started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\): passed, score \d+\.\d / 100", report.Stdout);
        Assert.Equal("", report.Stderr);
    }

    [Fact]
    public async Task Written_elsewhere_the_html_report_links_the_runs_own_files_where_they_are()
    {
        var output = Path.Combine(_folder, "rendered");

        var report = await ChaosKitProcess.RunAsync("report", Path.Combine(runs.Base, "result.json"), "--out", output);

        Assert.True(report.ExitCode == 0, $"exit {report.ExitCode}: {report.Stderr}");
        var html = await File.ReadAllTextAsync(Path.Combine(output, "report.html"));
        var links = Href().Matches(html).Select(m => m.Groups["href"].Value).Distinct().Order().ToArray();
        string[] expected = [.. new[] { "journal.jsonl", "target.log" }.Select(f => Path.GetRelativePath(output, Path.Combine(runs.Base, f)))];
        Assert.Equal(expected, links);
        Assert.All(links, link => Assert.True(File.Exists(Path.GetFullPath(Path.Combine(output, link))), $"{link} leads nowhere"));
        // result.json keeps the run folder's own names.
        var result = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")))!;
        Assert.Equal("target.log", result["target"]!["log"]!.GetValue<string>());
        Assert.Equal("journal.jsonl", result["journal"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_version_2_result_is_written_again_in_the_current_schema()
    {
        var run = RealRuns.Copy(runs.Base, _folder, "old");
        var file = Path.Combine(run, "result.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        json["schemaVersion"] = 2;
        json.Remove("environment");
        json.Remove("journal");
        foreach (var field in new[] { "revision", "text", "textTruncated" }) json["scenario"]!.AsObject().Remove(field);
        await File.WriteAllTextAsync(file, json.ToJsonString());

        var report = await ChaosKitProcess.RunAsync("report", run);

        Assert.True(report.ExitCode == 0, $"exit {report.ExitCode}: {report.Stderr}");
        var rewritten = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(3, rewritten["schemaVersion"]!.GetValue<int>());
        var validation = ResultSchema.Evaluate(rewritten);
        Assert.True(validation.IsValid, ResultSchema.Describe(validation));
        // What the old file did not know stays unknown, and the page still links the files that are there.
        Assert.Null(rewritten["environment"]);
        Assert.Contains("href=\"target.log\"", await File.ReadAllTextAsync(Path.Combine(run, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "{0}: no such file or folder; give a run folder or its result.json")]
    [InlineData("empty", "{0}: no result.json in this folder; give a run folder or a result.json file")]
    [InlineData("cut", "{0}/result.json:3:")]
    [InlineData("old", "{0}/result.json: schemaVersion 1 is older than this ChaosKit reads (schemaVersion 2 to 3); ")]
    [InlineData("newer", "{0}/result.json: schemaVersion 9 is newer than this ChaosKit reads (schemaVersion 2 to 3); ")]
    public async Task What_it_cannot_read_is_one_line_and_exit_2(string kind, string message)
    {
        var run = Path.Combine(_folder, kind);
        if (kind != "missing") Directory.CreateDirectory(run);
        var text = await File.ReadAllTextAsync(Path.Combine(runs.Base, "result.json"));
        if (kind == "cut") await File.WriteAllTextAsync(Path.Combine(run, "result.json"), string.Join('\n', text.Split('\n').Take(3)));
        if (kind is "old" or "newer")
            await File.WriteAllTextAsync(Path.Combine(run, "result.json"), text.Replace("\"schemaVersion\": 3", $"\"schemaVersion\": {(kind == "old" ? 1 : 9)}", StringComparison.Ordinal));

        var report = await ChaosKitProcess.RunAsync("report", run);

        Assert.Equal(2, report.ExitCode);
        var line = Assert.Single(report.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, run), line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_results_are_valid_against_the_schema_and_say_where_they_came_from()
    {
        var version = (await ChaosKitProcess.RunAsync("--version")).Stdout.Trim();

        foreach (var (run, dirty) in new[] { (runs.Base, false), (runs.New, true) })
        {
            var result = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run, "result.json")))!;
            var validation = ResultSchema.Evaluate(result);
            Assert.True(validation.IsValid, $"{run}: {ResultSchema.Describe(validation)}");
            Assert.Equal(version, result["environment"]!["chaosKitVersion"]!.GetValue<string>());
            Assert.True(result["environment"]!["processorCount"]!.GetValue<int>() >= 1);
            // What it ran on, and nothing that names the host.
            Assert.Equal(["chaosKitVersion", "runtime", "os", "architecture", "processorCount"], result["environment"]!.AsObject().Select(p => p.Key));
            Assert.Equal(runs.Commit, result["scenario"]!["revision"]!["commit"]!.GetValue<string>());
            Assert.Equal(dirty, result["scenario"]!["revision"]!["dirty"]!.GetValue<bool>());
        }
        var newResult = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(runs.New, "result.json")))!;
        Assert.Equal(runs.NewText, newResult["scenario"]!["text"]!.GetValue<string>());
        Assert.Contains("<details class=\"scenario-text\" id=\"scenario-text\">", await File.ReadAllTextAsync(Path.Combine(runs.New, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_outside_a_git_repository_has_no_commit()
    {
        var scenario = Path.Combine(_folder, "loose.yaml");
        await File.WriteAllTextAsync(scenario, ExitCodeTests.ShortScenario(phase: "1s"));
        var output = Path.Combine(_folder, "loose");

        var run = await ChaosKitProcess.RunAsync("run", scenario, "--time-scale", "0.1", "--out", output);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        var result = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")))!;
        Assert.Null(result["scenario"]!["revision"]);
        Assert.NotNull(result["scenario"]!["text"]);
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\"")]
    private static partial Regex Href();
}
