using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ChaosKit.Core.Results;

namespace ChaosKit.Runner;

/// <summary>
/// Where a run came from, for its result: what it ran on (<see cref="Environment"/>) and the scenario as it ran (the
/// file's text and the git commit of its repository, <see cref="OfScenarioAsync"/>), so a result read long after, or
/// compared with another, says what produced it.
/// </summary>
internal static partial class RunProvenance
{
    /// <summary>How long each git command may take before the run goes on without a commit.</summary>
    public static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(3);

    /// <summary>ChaosKit's version with its commit, as <c>chaoskit --version</c> prints it (every assembly of ChaosKit carries the same).</summary>
    public static string Version { get; } =
        typeof(RunProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>What this process runs on; the host's name is left out on purpose.</summary>
    public static RunEnvironment Environment { get; } = new(
        Version,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        System.Environment.ProcessorCount);

    /// <summary>The scenario file's text (bounded) and the git commit of its repository, as the run starts.</summary>
    /// <param name="path">The scenario file.</param>
    /// <param name="ct">Stops git; the run then goes on without a commit.</param>
    public static async Task<ScenarioSource> OfScenarioAsync(string path, CancellationToken ct)
    {
        var (text, truncated) = TextOf(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return new ScenarioSource(text, truncated, folder is null ? null : await RevisionAsync(folder, ct));
    }

    /// <summary><paramref name="scenario"/> with the text and commit of <paramref name="source"/>.</summary>
    public static ScenarioInfo With(ScenarioInfo scenario, ScenarioSource source) =>
        scenario with { Text = source.Text, TextTruncated = source.Truncated, Revision = source.Revision };

    private static (string? Text, bool Truncated) TextOf(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var buffer = new char[ScenarioInfo.MaxTextChars + 1];
            var read = reader.ReadBlock(buffer);
            // Line endings as the loader reads them, so the same file on Windows and Linux keeps the same text.
            var text = new string(buffer, 0, Math.Min(read, ScenarioInfo.MaxTextChars)).ReplaceLineEndings("\n");
            return (text, read > ScenarioInfo.MaxTextChars);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, false); // it was read a moment ago to load it; without it the result only lacks the copy
        }
    }

    /// <summary>The commit checked out where <paramref name="folder"/> is, and whether tracked files changed; null outside a repository or without git.</summary>
    internal static async Task<SourceRevision?> RevisionAsync(string folder, CancellationToken ct)
    {
        var head = await GitAsync(folder, ["rev-parse", "--verify", "HEAD"], ct);
        if (head is null || !CommitId().IsMatch(head.Trim())) return null;
        var status = await GitAsync(folder, ["status", "--porcelain", "--untracked-files=no"], ct);
        return status is null ? null : new SourceRevision(head.Trim(), Dirty: status.Trim().Length > 0);
    }

    /// <summary>Runs <c>git</c> in <paramref name="folder"/>; its standard output, or null when git is missing, fails or takes too long.</summary>
    private static async Task<string?> GitAsync(string folder, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // Read-only: no index refresh written behind another git's back, no prompt for credentials.
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return null; // no git on this machine
        }
        using (process)
        {
            process.StandardInput.Close();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(GitTimeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                var text = await output;
                await errors;
                return process.ExitCode == 0 ? text : null;
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It ended meanwhile.
                }
                return null;
            }
        }
    }

    // SHA-1 or SHA-256 object names.
    [GeneratedRegex("^(?:[0-9a-f]{40}|[0-9a-f]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitId();
}

/// <summary>The scenario file as a run read it: its text (bounded) and the commit of its repository.</summary>
/// <param name="Text">The file's text, its first <see cref="ScenarioInfo.MaxTextChars"/> characters for a longer one; null when it could not be read.</param>
/// <param name="Truncated">True when <paramref name="Text"/> holds only the start of the file.</param>
/// <param name="Revision">The commit of its repository; null outside one, or without git.</param>
internal sealed record ScenarioSource(string? Text, bool Truncated, SourceRevision? Revision);
