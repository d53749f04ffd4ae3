using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// The <c>chaoskit</c> .NET tool as a user gets it: packed from the build the test command made, installed from a
/// package folder into a tool path, and run in a folder outside the repository against the sample app it carries.
/// </summary>
public sealed partial class PackagedToolTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string _work = Directory.CreateTempSubdirectory("chaoskit-tool-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task The_packed_tool_installs_from_a_package_folder_and_runs_a_scenario_outside_the_repository()
    {
        var root = ChaosKitProcess.RepoRoot();
        var artifacts = Path.Combine(_work, "artifacts");
        var pack = await ExecAsync("dotnet", root, "pack", Path.Combine(root, "src", "ChaosKit.Cli", "ChaosKit.Cli.csproj"),
            "-c", Configuration, "--no-build", "-o", artifacts, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.Output);

        var package = Assert.Single(Directory.GetFiles(artifacts, "chaoskit.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", entries);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
            Assert.Contains("tools/net10.0/any/ChaosKit.SampleApp.dll", entries); // the default target travels with it
            using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var text = await nuspec.ReadToEndAsync();
            Assert.Contains("<license type=\"expression\">MIT</license>", text);
            Assert.Contains("<packageType name=\"DotnetTool\" />", text);
            // Source Link names the commit the package was built from (and the URL, when origin is a remote it knows).
            var head = await ExecAsync("git", root, "rev-parse", "HEAD");
            if (head.ExitCode == 0) Assert.Matches($"<repository type=\"git\"[^>]* commit=\"{head.Output.Trim()}\"", text);
        }

        // Only the package folder as a source: a package of the same name elsewhere must not be picked up.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <configuration><packageSources><clear /><add key="artifacts" value="{artifacts}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_work, "tools");
        var install = await ExecAsync("dotnet", _work, "tool", "install", "chaoskit", "--tool-path", tools, "--configfile", config);
        Assert.True(install.ExitCode == 0, install.Output);
        var chaoskit = Path.Combine(tools, "chaoskit");

        var version = await ExecAsync(chaoskit, _work, "--version");
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(VersionLine(), version.Output.Trim());

        var scenario = Path.Combine(_work, "short.yaml");
        await File.WriteAllTextAsync(scenario, ExitCodeTests.ShortScenario(phase: "1s"));
        var run = await ExecAsync(chaoskit, _work, "run", "short.yaml", "--out", "out");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("bundled sample app listening on", run.Output);
        Assert.True(File.Exists(Path.Combine(_work, "out", "result.json")));
    }

    // 0.1.0, then the commit it was built from when the build knew it.
    [GeneratedRegex(@"^\d+\.\d+\.\d+(\+[0-9a-f]{40})?$")]
    private static partial Regex VersionLine();

    private static async Task<(int ExitCode, string Output)> ExecAsync(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
