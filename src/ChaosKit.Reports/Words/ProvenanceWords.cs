using System.Globalization;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts where a run came from into words: the ChaosKit that measured it, what it ran on (<see cref="RunEnvironment"/>)
/// and the commit its scenario file was at (<see cref="SourceRevision"/>). Every report and the console word them here.
/// </summary>
public static class ProvenanceWords
{
    /// <summary>Characters of a commit shown where the full one would not fit, as git abbreviates them.</summary>
    public const int ShortCommitLength = 7;

    /// <summary>A version as <c>chaoskit --version</c> prints it, with its commit cut short: <c>0.1.0+2c1c765</c>.</summary>
    public static string Version(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus] + "+" + ShortCommit(version[(plus + 1)..]);
    }

    /// <summary>A commit cut to <see cref="ShortCommitLength"/> characters.</summary>
    public static string ShortCommit(string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return commit.Length > ShortCommitLength ? commit[..ShortCommitLength] : commit;
    }

    /// <summary>The operating system without its build details: <c>Linux 6.8.0-45-generic</c> for Linux's <c>… #45-Ubuntu SMP …</c>.</summary>
    public static string Os(string os)
    {
        ArgumentNullException.ThrowIfNull(os);
        var build = os.IndexOf(" #", StringComparison.Ordinal);
        return (build < 0 ? os : os[..build]).Trim();
    }

    /// <summary>The machine: <c>Linux 6.8.0-45-generic, x64, 2 processors</c>.</summary>
    public static string Machine(RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var processors = environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + (environment.ProcessorCount == 1 ? " processor" : " processors");
        return $"{Os(environment.Os)}, {environment.Architecture}, {processors}";
    }

    /// <summary>The run's environment in a line: <c>ChaosKit 0.1.0+2c1c765 on .NET 10.0.0, Linux 6.8.0-45-generic, x64, 2 processors</c>.</summary>
    public static string Environment(RunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return $"ChaosKit {Version(environment.ChaosKitVersion)} on {environment.Runtime}, {Machine(environment)}";
    }

    /// <summary>The scenario file's commit: <c>commit 2c1c765</c>, and <c>with uncommitted changes</c> when it was dirty.</summary>
    public static string Revision(SourceRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return $"commit {ShortCommit(revision.Commit)}{(revision.Dirty ? " with uncommitted changes" : "")}";
    }
}
