namespace ChaosKit.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_help_names_the_keys_the_flags_and_the_exit_codes()
    {
        var run = await ChaosKitProcess.RunAsync("serve", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var text in new[] { "--env-file", "--time-scale", "--control-port", "p pause/resume", "2 invalid input" })
            Assert.Contains(text, run.Stdout);
    }

    [Theory]
    [InlineData("--time-scale", "0", "--time-scale: expected a number from 0.01 to 100")]
    [InlineData("--control-port", "70000", "--control-port: expected an integer from 0 to 65535, got '70000'")]
    public async Task Bad_serve_flags_exit_2(string flag, string value, string message)
    {
        var run = await ChaosKitProcess.RunAsync("serve", "scenarios/claude-outage.yaml", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public async Task Serving_a_missing_file_is_invalid_input()
    {
        var run = await ChaosKitProcess.RunAsync("serve", "scenarios/no-such-file.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-file.yaml: file not found", run.Stderr);
    }
}
