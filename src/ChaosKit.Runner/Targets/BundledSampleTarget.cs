using System.Diagnostics;

namespace ChaosKit.Runner.Targets;

/// <summary>
/// ChaosKit's bundled sample app, started as a child process with its provider base URLs pointed at the fakes.
/// A separate process, not an in-process host, so the app under test is as isolated as a real one and its crash is
/// a crash of the target, not of the harness.
/// </summary>
public sealed class BundledSampleTarget : ITarget
{
    /// <summary>File name of the sample app assembly, copied next to the CLI by the build.</summary>
    public const string AssemblyFile = "ChaosKit.SampleApp.dll";

    private const int TailLines = 20;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<TargetDeath> _died = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _logPath;
    private bool _logFailed;
    private volatile bool _stopping;

    private BundledSampleTarget(Process process, StreamWriter log, string logPath, Uri baseUrl)
    {
        _process = process;
        _log = log;
        _logPath = logPath;
        BaseUrl = baseUrl;
    }

    /// <inheritdoc />
    public Uri BaseUrl { get; }

    /// <inheritdoc />
    public bool IsBundled => true;

    /// <inheritdoc />
    public Task<TargetDeath> Died => _died.Task;

    /// <summary>Starts the sample app and waits until it answers <c>/healthz</c>.</summary>
    /// <param name="environment">Variables for the app, e.g. <c>ANTHROPIC_BASE_URL</c>.</param>
    /// <param name="logPath">File that receives the app's console output.</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<BundledSampleTarget> StartAsync(IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (!File.Exists(assembly))
            throw new HarnessException($"the bundled sample app is missing ({assembly}); rebuild with 'dotnet build' or set target.url");

        var port = FreePort.Pick();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(DotnetHost(), [assembly, "--urls", baseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var target = new BundledSampleTarget(process, log, logPath, baseUrl);
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
            throw new HarnessException($"cannot start the bundled sample app with '{start.FileName}': {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await target.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
        return target;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            ct.ThrowIfCancellationRequested();
            if (_died.Task.IsCompleted) throw new HarnessException((await _died.Task).Cause);
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/healthz"), ct);
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
        throw new HarnessException($"the bundled sample app did not answer {BaseUrl}healthz within 30s; see {_logPath}");
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

    private void OnExited()
    {
        if (_stopping) return;
        var at = DateTimeOffset.UtcNow;
        // Let the output pumps drain so the tail holds the app's last words.
        _process.WaitForExit();
        string last;
        lock (_tail) last = _tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "no output";
        var code = _process.ExitCode;
        _died.TrySetResult(new TargetDeath(at, $"the bundled sample app exited with code {code} (last output: {last}); see {_logPath}") { ExitCode = code });
    }

    /// <summary>Finds the dotnet host that is running ChaosKit, so the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    /// <summary>Stops the app (its whole process tree) and closes the log.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
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
}
