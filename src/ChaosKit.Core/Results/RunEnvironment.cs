namespace ChaosKit.Core.Results;

/// <summary>
/// What a run ran on, so a result read months later says which ChaosKit measured it and where: numbers from a
/// two-core CI runner and a laptop differ for reasons that are not the app's.
/// </summary>
/// <param name="ChaosKitVersion">ChaosKit's version with the commit it was built from, as <c>chaoskit --version</c> prints it, e.g. <c>0.1.0+2c1c765…</c>.</param>
/// <param name="Runtime">The .NET runtime, e.g. <c>.NET 10.0.0</c>.</param>
/// <param name="Os">The operating system and its version, e.g. <c>Linux 6.8.0-45-generic #45-Ubuntu SMP …</c> (never the host's name).</param>
/// <param name="Architecture">The processor architecture, e.g. <c>x64</c> or <c>arm64</c>.</param>
/// <param name="ProcessorCount">Processors the run could use.</param>
public sealed record RunEnvironment(string ChaosKitVersion, string Runtime, string Os, string Architecture, int ProcessorCount);

/// <summary>The commit of the git repository a scenario file lives in, when the run started.</summary>
/// <param name="Commit">The commit checked out (<c>HEAD</c>), in full.</param>
/// <param name="Dirty">True when tracked files had changes not committed (files git does not track do not count, as for <c>git describe --dirty</c>).</param>
public sealed record SourceRevision(string Commit, bool Dirty);
