using System.Diagnostics;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// Two short real runs of one scenario, made once for the tests that read results back (report, compare, the schema):
/// the scenario lives in a git repository of its own; the base run starts from a clean checkout, the new one after an
/// edit that is not committed. The base run's <c>$GITHUB_STEP_SUMMARY</c> is a folder (so appending to it fails), the
/// new run's a file.
/// </summary>
public sealed class RealRuns : IAsyncLifetime
{
    /// <summary>The test collection that shares one pair of runs.</summary>
    public const string Collection = "real runs";

    public string Folder { get; } = Directory.CreateTempSubdirectory("chaoskit-real-").FullName;

    public string Scenario => Path.Combine(Folder, "short.yaml");

    public string Base => Path.Combine(Folder, "base");

    public string New => Path.Combine(Folder, "new");

    /// <summary>The folder the base run was told to append its summary to.</summary>
    public string BaseSummary => Path.Combine(Folder, "summary-folder");

    /// <summary>The file the new run appended its summary to.</summary>
    public string NewSummary => Path.Combine(Folder, "summary.md");

    internal ChaosKitProcess.Result BaseRun { get; private set; } = null!;

    internal ChaosKitProcess.Result NewRun { get; private set; } = null!;

    /// <summary>The commit the scenario's repository was at for both runs.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>The scenario file's text for the new run (the base run's, plus the uncommitted edit).</summary>
    public string NewText { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Scenario, ExitCodeTests.ShortScenario(phase: "10s"));
        await GitAsync("init", "--quiet");
        await GitAsync("add", "short.yaml");
        await GitAsync("-c", "user.name=ChaosKit tests", "-c", "user.email=tests@chaoskit.invalid", "commit", "--quiet", "-m", "scenario");
        Commit = (await GitAsync("rev-parse", "HEAD")).Trim();
        Directory.CreateDirectory(BaseSummary);

        BaseRun = await ChaosKitProcess.RunAsync(["run", Scenario, "--time-scale", "0.1", "--out", Base],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = BaseSummary });
        NewText = (await File.ReadAllTextAsync(Scenario)).TrimEnd('\n') + "\n# tried a longer outage\n";
        await File.WriteAllTextAsync(Scenario, NewText);
        NewRun = await ChaosKitProcess.RunAsync(["run", Scenario, "--time-scale", "0.1", "--out", New],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = NewSummary });
        foreach (var run in new[] { BaseRun, NewRun })
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A copy of the run folder <paramref name="run"/> in a new folder under <paramref name="parent"/>.</summary>
    public static string Copy(string run, string parent, string name)
    {
        var copy = Path.Combine(parent, name);
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(run)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    private async Task<string> GitAsync(params string[] args)
    {
        var start = new ProcessStartInfo("git", args) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var errors = git.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await git.WaitForExitAsync(timeout.Token);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {await errors}");
        return await output;
    }
}

/// <summary>The test classes that read the same two real runs, made once.</summary>
[CollectionDefinition(RealRuns.Collection)]
public sealed class RealRunsCollection : ICollectionFixture<RealRuns>;
