namespace ChaosKit.Runner.Serve;

/// <summary>What <c>chaoskit serve</c> was asked to do.</summary>
/// <param name="ScenarioPath">The scenario file.</param>
public sealed record ServeOptions(string ScenarioPath)
{
    /// <summary>File to write the <c>NAME=value</c> lines to, as well as printing them; <see langword="null"/> for none.</summary>
    public string? EnvFile { get; init; }

    /// <summary>Multiplies every duration of the scenario; <c>0.1</c> runs ten times faster.</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Replaces the scenario's seed when set.</summary>
    public int? Seed { get; init; }

    /// <summary>Loopback port of the control surface; 0 picks a free one.</summary>
    public int ControlPort { get; init; }

    /// <summary>Folder for the session's files (<c>serve.log</c>, the fakes' journal); default <c>reports/serve-&lt;scenario&gt;-&lt;UTC&gt;/</c>.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>The most the fakes' journal may hold on disk; 0 writes none (see <see cref="RunOptions.JournalLimitBytes"/>).</summary>
    public long JournalLimitBytes { get; init; } = RunOptions.DefaultJournalLimitBytes;

    /// <summary>The time source; tests pass a fake one.</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;
}
