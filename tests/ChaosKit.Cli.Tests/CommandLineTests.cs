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
    public async Task Validate_accepts_every_bundled_scenario()
    {
        var files = Directory.GetFiles(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios"), "*.yaml");

        var run = await ChaosKitProcess.RunAsync(["validate", .. files]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(files.Length, run.Stdout.Split('\n').Count(l => l.StartsWith("ok: ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--time-scale", "0", "--time-scale must be a positive number")]
    [InlineData("--time-scale", "fast", "fast")]
    [InlineData("--target-url", "localhost:5000", "--target-url must be an http(s) URL")]
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

    [Fact]
    public async Task Run_prints_the_phase_table_and_score_and_writes_both_files()
    {
        var output = Path.Combine(_folder, "run");

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--time-scale", "0.1", "--out", output);

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        foreach (var phase in new[] { "baseline", "outage", "recovery" }) Assert.Contains(phase, run.Stdout);
        Assert.Matches(@"Score \d+\.\d / 100", run.Stdout);
        Assert.Contains("529×", run.Stdout);
        // Redirected output gets periodic plain lines; without workflows, no step lines among them.
        Assert.Matches(@"(?m)^\[\d+\.\ds/\d+\.\ds\] (baseline|outage|recovery|draining): ok \d+", run.Stdout);
        Assert.DoesNotMatch(@"(?m)^  \S+: \S+ \d+ ran, ", run.Stdout);
        Assert.DoesNotContain("Workflow steps", run.Stdout); // its one step's figures are the run's
        Assert.True(File.Exists(Path.Combine(output, "result.json")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }
}
