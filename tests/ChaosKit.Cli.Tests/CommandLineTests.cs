using System.Text.RegularExpressions;

namespace ChaosKit.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validate_names_file_line_and_suggestion_for_a_misspelt_key_and_exits_2()
    {
        var file = Path.Combine(_folder, "typo.yaml");
        var original = await File.ReadAllTextAsync(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios", "claude-outage.yaml"));
        await File.WriteAllTextAsync(file, original.Replace("timeline:", "timline:"));
        var line = original.Split('\n').ToList().FindIndex(l => l.StartsWith("timeline:", StringComparison.Ordinal)) + 1;

        var run = await ChaosKitProcess.RunAsync("validate", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {file}:{line}:1: timline: unknown key 'timline'; did you mean 'timeline'?", run.Stderr.Trim());
    }

    [Fact]
    public async Task Validate_and_run_print_three_mistakes_in_three_sections_as_three_lines_and_exit_2()
    {
        var file = await ThreeMistakesAsync();

        var validate = await ChaosKitProcess.RunAsync("validate", file);
        var run = await ChaosKitProcess.RunAsync("run", file, "--out", Path.Combine(_folder, "out"));

        string[] expected =
        [
            $"error: {file}:16:11: providers[0].kind: unknown provider kind 'antropic'; did you mean 'anthropic'?",
            $"error: {file}:29:17: timeline[1].faults[1].status: expected an HTTP error status from 400 to 599 (e.g. 429, 500 or 529), got 29",
            $"error: {file}:45:5: load.request.json.question: {{{{lorem.sentense}}}} is not a Bogus expression that works",
        ];
        foreach (var result in new[] { validate, run })
        {
            Assert.Equal(2, result.ExitCode);
            var lines = result.Stderr.Trim().Split('\n');
            Assert.Equal(3, lines.Length);
            for (var i = 0; i < 3; i++) Assert.StartsWith(expected[i], lines[i], StringComparison.Ordinal);
        }
        // run stops before anything starts: no fake, no report folder.
        Assert.DoesNotContain("listening", run.Stdout);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public async Task Validate_checks_every_file_when_one_is_broken()
    {
        var broken = await ThreeMistakesAsync();
        var good = Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios", "claude-outage.yaml");

        var run = await ChaosKitProcess.RunAsync("validate", broken, good);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(3, run.Stderr.Trim().Split('\n').Length);
        Assert.StartsWith($"ok: {good}: 'claude-outage'", run.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alias-bomb", "the file stands for more than 100000 values once its aliases are followed")]
    [InlineData("deep-nesting", "mappings and lists nest more than 64 levels deep here")]
    [InlineData("stray-braces", "invalid YAML: the parser cannot read on from here")]
    [InlineData("long-duration", "timeline[0].duration: '99999999999h' is longer than 365 days")]
    [InlineData("long-threshold", "expect[2]: '99999999999999999h' is not a valid value for p95")]
    public async Task Hostile_input_is_one_error_with_its_file_and_validate_goes_on_to_the_next_file(string name, string message)
    {
        var original = await File.ReadAllTextAsync(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios", "claude-outage.yaml"));
        var file = Path.Combine(_folder, $"{name}.yaml");
        await File.WriteAllTextAsync(file, name switch
        {
            "alias-bomb" => original.Replace("      user: \"{{internet.userName}}\"", "      user: \"{{internet.userName}}\"\n" + AliasBomb(), StringComparison.Ordinal),
            "deep-nesting" => original.Replace("      user: \"{{internet.userName}}\"",
                "      user: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000), StringComparison.Ordinal),
            "stray-braces" => original.Replace("  max_concurrency: 200", "  correlation: { header: {{x }\n  max_concurrency: 200", StringComparison.Ordinal),
            "long-duration" => original.Replace("name: baseline\n    duration: 8s", "name: baseline\n    duration: 99999999999h", StringComparison.Ordinal),
            _ => original.Replace("recovery.p95 < 2s", "recovery.p95 < 99999999999999999h", StringComparison.Ordinal),
        });
        Assert.NotEqual(original, await File.ReadAllTextAsync(file));
        var good = Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios", "claude-outage.yaml");

        var validate = await ChaosKitProcess.RunAsync("validate", file, good);
        var run = await ChaosKitProcess.RunAsync("run", file, "--out", Path.Combine(_folder, "out"));

        Assert.Equal(2, validate.ExitCode);
        var line = Assert.Single(validate.Stderr.Trim().Split('\n'));
        Assert.Matches($@"^error: {Regex.Escape(file)}:\d+:\d+: {Regex.Escape(message)}", line);
        Assert.StartsWith($"ok: {good}:", validate.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(line, run.Stderr.Trim());
    }

    /// <summary>Nine levels of nine aliases each, as JSON body fields: under 2 KB that stand for 387 million values.</summary>
    private static string AliasBomb()
    {
        var lines = new List<string> { "      l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i < 10; i++) lines.Add($"      l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]");
        return string.Join('\n', lines);
    }

    /// <summary>The bundled outage scenario with a mistake in its providers, its timeline (a fault setting) and its load (a Bogus expression).</summary>
    private async Task<string> ThreeMistakesAsync()
    {
        var file = Path.Combine(_folder, "three.yaml");
        var original = await File.ReadAllTextAsync(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios", "claude-outage.yaml"));
        await File.WriteAllTextAsync(file, original
            .Replace("kind: anthropic", "kind: antropic", StringComparison.Ordinal)
            .Replace("status: 529", "status: 29", StringComparison.Ordinal)
            .Replace("lorem.sentence", "lorem.sentense", StringComparison.Ordinal));
        return file;
    }

    [Fact]
    public async Task Validate_accepts_every_bundled_scenario()
    {
        var files = Directory.GetFiles(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios"), "*.yaml");

        var run = await ChaosKitProcess.RunAsync(["validate", .. files]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(files.Length, run.Stdout.Split('\n').Count(l => l.StartsWith("ok: ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--time-scale", "0", "--time-scale: expected a number from 0.01 to 100")]
    [InlineData("--time-scale", "fast", "fast")]
    [InlineData("--target-url", "localhost:5000", "--target-url: expected an http(s) URL")]
    [InlineData("--colour", "red", "--colour")]
    public async Task Bad_flags_exit_2_with_the_reason(string flag, string value, string message)
    {
        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("Score", run.Stdout);
    }

    [Fact]
    public async Task A_missing_scenario_file_is_invalid_input()
    {
        var run = await ChaosKitProcess.RunAsync("run", "scenarios/no-such-file.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scenarios/no-such-file.yaml: file not found", run.Stderr);
    }

    [Fact]
    public async Task Help_documents_the_exit_codes()
    {
        var run = await ChaosKitProcess.RunAsync("run", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 invalid input", run.Stdout);
        Assert.Contains("--time-scale", run.Stdout);
    }

    [Theory]
    [InlineData(null, "chaoskit run scenarios/claude-outage.yaml")]
    [InlineData("run", "chaoskit run my-outage.yaml --target-url")]
    [InlineData("validate", "chaoskit validate scenarios/*.yaml")]
    [InlineData("serve", "chaoskit serve scenarios/claude-outage.yaml --env-file")]
    [InlineData("report", "chaoskit report reports/claude-outage-20251127-180000Z")]
    [InlineData("compare", "chaoskit compare main/result.json pr/result.json --fail-on 'score < -5'")]
    [InlineData(null, "chaoskit compare reports/last-week reports/today --fail-on 'score < -5'")]
    public async Task Every_commands_help_ends_with_an_example(string? command, string example)
    {
        var run = await ChaosKitProcess.RunAsync(command is null ? ["--help"] : [command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^\s*Examples:\s*$", run.Stdout);
        Assert.Contains("  " + example, run.Stdout);
    }

    [Fact]
    public async Task Run_prints_the_phase_table_and_score_and_writes_both_files()
    {
        var output = Path.Combine(_folder, "run");

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--time-scale", "0.1", "--out", output);

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        foreach (var phase in new[] { "baseline", "outage", "recovery" }) Assert.Contains(phase, run.Stdout);
        Assert.Matches(@"Score \d+(\.\d)? \([A-F]\) / 100", run.Stdout);
        Assert.Contains("529×", run.Stdout);
        // Redirected output gets periodic plain lines; without workflows, no step lines among them.
        Assert.Matches(@"(?m)^\[\d+\.\ds/\d+\.\ds\] (baseline|outage|recovery|draining): ok \d+", run.Stdout);
        Assert.DoesNotMatch(@"(?m)^  \S+: \S+ \d+ ran, ", run.Stdout);
        Assert.DoesNotContain("Workflow steps", run.Stdout); // its one step's figures are the run's
        Assert.True(File.Exists(Path.Combine(output, "result.json")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }
}
