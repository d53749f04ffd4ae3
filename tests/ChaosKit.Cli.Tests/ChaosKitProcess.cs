using System.Diagnostics;

namespace ChaosKit.Cli.Tests;

/// <summary>Runs the real <c>chaoskit</c> command as a child process, the way a user or CI does.</summary>
internal static class ChaosKitProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(args, onOutputLine: null);

    /// <summary>Runs <c>chaoskit</c> with <paramref name="args"/> and <paramref name="environment"/> set (a null value removes the variable).</summary>
    public static Task<Result> RunAsync(string[] args, IReadOnlyDictionary<string, string?> environment) => RunAsync(args, onOutputLine: null, environment);

    /// <summary>Runs <c>chaoskit</c> with <paramref name="args"/>, handing each line it prints to <paramref name="onOutputLine"/> as it comes.</summary>
    public static async Task<Result> RunAsync(string[] args, Func<string, Task>? onOutputLine, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "chaoskit.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot(),
        };
        // Tests that run in a GitHub Actions job must not append their reports to the job's own summary.
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = onOutputLine is null ? process.StandardOutput.ReadToEndAsync() : ReadLinesAsync(process.StandardOutput, onOutputLine);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Func<string, Task> onLine)
    {
        var all = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            all.AppendLine(line);
            await onLine(line);
        }
        return all.ToString();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChaosKit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
