using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// An application ChaosKit runs as a child process: the bundled sample app, or the scenario's <c>target.command</c>.
/// Its output goes to <c>target.log</c> in the run folder; it counts as started once its ready URL answers 2xx; its
/// exit during the run is its death; at the end it is stopped, SIGTERM first (so it can shut down as in production),
/// then SIGKILL for it and its children after <see cref="StopGrace"/>. A separate process, not an in-process host, so
/// the app under test is as isolated as a real one and its crash is a crash of the target, not of the harness.
/// </summary>
public sealed partial class ProcessTarget : ITarget
{
    /// <summary>How long a stopped target may take to exit after SIGTERM before it and its children are killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private const int TailLines = 20;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<TargetDeath> _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _name;
    private readonly string _logPath;
    private bool _logFailed;
    private volatile bool _stopping;

    private ProcessTarget(Process process, StreamWriter log, string name, string logPath, Uri baseUrl, bool bundled)
    {
        _process = process;
        _log = log;
        _name = name;
        _logPath = logPath;
        BaseUrl = baseUrl;
        IsBundled = bundled;
    }

    /// <inheritdoc />
    public Uri BaseUrl { get; }

    /// <inheritdoc />
    public bool IsBundled { get; }

    /// <inheritdoc />
    public Task<TargetDeath> Died => _died.Task;

    /// <summary>What to start and how to know it is ready.</summary>
    /// <param name="Name">How messages name it, e.g. <c>the bundled sample app</c>.</param>
    /// <param name="BaseUrl">Where the load is sent.</param>
    /// <param name="ReadyUrl">What must answer 2xx before the run starts.</param>
    /// <param name="ReadyTimeout">How long it may take to.</param>
    /// <param name="LogPath">File that receives its standard output and error.</param>
    /// <param name="Bundled">True for the bundled sample app.</param>
    public sealed record Launch(string Name, Uri BaseUrl, Uri ReadyUrl, TimeSpan ReadyTimeout, string LogPath, bool Bundled);

    /// <summary>Starts <paramref name="start"/> and waits until <paramref name="launch"/>'s ready URL answers 2xx.</summary>
    /// <exception cref="HarnessException">It could not start, exited before it was ready, or was not ready in time.</exception>
    public static async Task<ProcessTarget> StartAsync(ProcessStartInfo start, Launch launch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(launch);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(launch.LogPath))!);
        var log = new StreamWriter(launch.LogPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var target = new ProcessTarget(process, log, launch.Name, launch.LogPath, launch.BaseUrl, launch.Bundled);
        process.OutputDataReceived += (_, e) => target.Append(e.Data);
        process.ErrorDataReceived += (_, e) => target.Append(e.Data);
        process.Exited += (_, _) => target.OnExited();
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await log.DisposeAsync();
            throw new HarnessException($"cannot start {launch.Name} ('{start.FileName}'): {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await target.WaitUntilReadyAsync(launch, ct);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
        return target;
    }

    private async Task WaitUntilReadyAsync(Launch launch, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < launch.ReadyTimeout)
        {
            ct.ThrowIfCancellationRequested();
            if (_died.Task.IsCompleted) throw new HarnessException(ExitedWords((await _died.Task).ExitCode ?? -1, " before it was ready"));
            try
            {
                using var response = await http.GetAsync(launch.ReadyUrl, ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow first answer; try again.
            }
            await Task.Delay(100, ct);
        }
        throw new HarnessException(string.Create(CultureInfo.InvariantCulture,
            $"{_name} did not answer {launch.ReadyUrl} with a 2xx within {launch.ReadyTimeout.TotalSeconds:0.#}s ({LastOutput()}); see {_logPath}"));
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            WriteToLog(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    // The log shares the run folder's disk: once a write fails (a full disk), the app's output is only kept in the
    // tail, and the run goes on. Called under the tail's lock.
    private void WriteToLog(string line)
    {
        if (_logFailed) return;
        try
        {
            _log.WriteLine(line);
        }
        catch (IOException)
        {
            _logFailed = true;
        }
    }

    private string LastOutput()
    {
        lock (_tail) return _tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() is { } last ? $"last output: {last}" : "no output";
    }

    private void OnExited()
    {
        if (_stopping) return;
        var at = DateTimeOffset.UtcNow;
        // Let the output pumps drain so the tail holds the app's last words.
        _process.WaitForExit();
        var code = _process.ExitCode;
        _died.TrySetResult(new TargetDeath(at, ExitedWords(code, "")) { ExitCode = code });
    }

    private string ExitedWords(int code, string when) => $"{_name} exited with code {code}{when} ({LastOutput()}); see {_logPath}";

    /// <summary>Stops the app: SIGTERM to it and its children, then SIGKILL after <see cref="StopGrace"/>; closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        try
        {
            if (!_process.HasExited)
            {
                if (!OperatingSystem.IsWindows())
                {
                    foreach (var pid in ProcessTree.Of(_process.Id)) _ = Kill(pid, SigTerm);
                    using var grace = new CancellationTokenSource(StopGrace);
                    try
                    {
                        await _process.WaitForExitAsync(grace.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Still running after the grace period: killed below.
                    }
                }
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await _process.WaitForExitAsync(wait.Token);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or refusing to die: nothing more a harness can do; the OS reaps it with us.
        }
        _process.Dispose();
        lock (_tail)
        {
            try
            {
                _log.Dispose();
            }
            catch (IOException)
            {
                // What was left to flush had no room; the tail still holds the app's last words.
            }
        }
    }

    private const int SigTerm = 15;

    // .NET has no way to send SIGTERM; libc's kill(2) does.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
