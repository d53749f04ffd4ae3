using System.Diagnostics;
using System.Globalization;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// The scenario's <c>target.command</c>: run through the shell in <c>target.cwd</c> (relative to the scenario file),
/// with the variables <c>serve</c> prints, <c>PORT</c> (the port of <c>target.url</c>, else a free loopback port) and <c>target.env</c> added to
/// ChaosKit's own environment; ready once <c>target.ready.path</c> answers 2xx.
/// </summary>
public static class CommandTarget
{
    /// <summary>Starts the command and waits until it is ready.</summary>
    /// <param name="spec">The scenario's target, with a <see cref="TargetSpec.Command"/>.</param>
    /// <param name="scenarioFolder">The folder of the scenario file, which <c>target.cwd</c> is relative to.</param>
    /// <param name="variables">What ChaosKit sets for the app: the providers' base URLs and keys, status pages.</param>
    /// <param name="logPath">File that receives the command's output.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <exception cref="ScenarioException">A <c>${NAME}</c> in <c>target.env</c> names no variable.</exception>
    /// <exception cref="HarnessException">The command did not start, exited, or was not ready in time.</exception>
    public static async Task<ITarget> StartAsync(
        TargetSpec spec, string scenarioFolder, IReadOnlyDictionary<string, string> variables, string logPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var command = spec.Command ?? throw new ArgumentException("The target has no command.", nameof(spec));
        // The app listens on $PORT: the port of target.url when it names one, else a free one ChaosKit picks.
        var port = spec.Url?.Port ?? FreePort.Pick();
        var given = new Dictionary<string, string>(variables, StringComparer.Ordinal)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        var environment = spec.ExpandEnvironment(given, Environment.GetEnvironmentVariable);
        var folder = Path.GetFullPath(Path.Combine(scenarioFolder, spec.WorkingDirectory ?? "."));
        if (!Directory.Exists(folder))
            throw new HarnessException($"target.cwd: the folder {folder} does not exist; write it relative to the scenario file");

        var (shell, flag) = OperatingSystem.IsWindows() ? ("cmd.exe", "/c") : ("/bin/sh", "-c");
        var start = new ProcessStartInfo(shell, [flag, command]) { WorkingDirectory = folder };
        foreach (var (name, value) in given) start.Environment[name] = value;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var baseUrl = spec.Url ?? new Uri($"http://127.0.0.1:{port}");
        return await ProcessTarget.StartAsync(start, new ProcessTarget.Launch(
            $"the target command '{command}'", baseUrl, new Uri(baseUrl, spec.ReadyPath), spec.ReadyTimeout, logPath, Bundled: false), ct);
    }
}
