using ChaosKit.Runner;

namespace ChaosKit.Cli.Tests;

/// <summary><c>chaoskit init</c> writes a starter scenario that validates as written, and never overwrites by surprise.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-init-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai,anthropic")]
    [InlineData("gemini,azure_openai,openai")]
    public async Task The_starter_scenario_validates_as_written_for_the_providers_named(string providers)
    {
        var path = Path.Combine(_folder, "my outage!.yaml");

        var init = await ChaosKitProcess.RunAsync("init", path, "--provider", providers, "--target-url", "http://127.0.0.1:5000");
        var validate = await ChaosKitProcess.RunAsync("validate", path);

        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.True(validate.ExitCode == 0, validate.Stderr + await File.ReadAllTextAsync(path));
        var scenario = await ScenarioRunner.LoadAndCheckAsync(path, loadRequired: true, CancellationToken.None);
        Assert.Equal("my-outage", scenario.Name); // made a valid name from the file's
        Assert.Equal(providers.Split(','), scenario.Providers.Select(p => p.Kind));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), scenario.Target.Url);
        // The first provider fails through the outage; the others only strain.
        var outage = scenario.Timeline.Single(p => p.Name == "outage");
        Assert.Equal(scenario.Providers[0].Name, outage.Faults.Single(f => f.Kind == "overloaded").Provider);
        Assert.Equal(scenario.Providers.Count - 1, outage.Faults.Count(f => f.Kind == "rate_limit"));
        Assert.Contains("# ", await File.ReadAllTextAsync(path)); // commented for the reader
    }

    [Fact]
    public async Task Without_a_target_url_the_scenario_runs_against_the_bundled_sample_app()
    {
        var path = Path.Combine(_folder, "chaoskit.yaml");

        var init = await ChaosKitProcess.RunAsync("init", path);

        Assert.Equal(0, init.ExitCode);
        var scenario = await ScenarioRunner.LoadAndCheckAsync(path, loadRequired: true, CancellationToken.None);
        Assert.Null(scenario.Target.Url);
        Assert.Equal(["anthropic"], scenario.Providers.Select(p => p.Kind));
    }

    [Fact]
    public async Task With_a_target_command_the_scenario_has_chaoskit_start_the_app()
    {
        var path = Path.Combine(_folder, "started.yaml");

        var init = await ChaosKitProcess.RunAsync("init", path, "--target-command", "node server.js --port $PORT");

        Assert.True(init.ExitCode == 0, init.Stderr);
        var target = (await ScenarioRunner.LoadAndCheckAsync(path, loadRequired: true, CancellationToken.None)).Target;
        Assert.Equal(("node server.js --port $PORT", (Uri?)null, "/"), (target.Command, target.Url, target.ReadyPath));
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_force_is_given()
    {
        var path = Path.Combine(_folder, "mine.yaml");
        await File.WriteAllTextAsync(path, "name: mine\n");

        var refused = await ChaosKitProcess.RunAsync("init", path);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{path} exists; pass --force to overwrite it", refused.Stderr);
        Assert.Equal("name: mine\n", await File.ReadAllTextAsync(path));

        var forced = await ChaosKitProcess.RunAsync("init", path, "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("name: mine", await File.ReadAllTextAsync(path));
        Assert.Contains("timeline:", await File.ReadAllTextAsync(path));
    }

    [Theory]
    [InlineData("--provider", "mistral", "--provider: unknown provider kind 'mistral'; use anthropic, openai, gemini, azure_openai")]
    [InlineData("--provider", "openai,openai", "--provider: name each provider kind once")]
    [InlineData("--target-url", "ftp://x", "--target-url: expected an http(s) URL such as http://127.0.0.1:5000, got 'ftp://x'")]
    public async Task A_bad_flag_writes_nothing_and_exits_2_saying_what_was_expected(string flag, string value, string message)
    {
        var path = Path.Combine(_folder, "bad.yaml");

        var init = await ChaosKitProcess.RunAsync("init", path, flag, value);

        Assert.Equal(2, init.ExitCode);
        Assert.Contains(message, init.Stderr);
        Assert.False(File.Exists(path));
    }
}
