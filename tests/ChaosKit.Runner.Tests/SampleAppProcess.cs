using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ChaosKit.Runner.Targets;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// The bundled sample app run by a test as an app ChaosKit did not start (an external target), pointed at a fake on
/// a port fixed up front, and killed when the test says so.
/// </summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SampleAppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<SampleAppProcess> StartAsync(int fakePort)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet",
            [Path.Combine(AppContext.BaseDirectory, BundledSampleTarget.AssemblyFile), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test host may not be dotnet itself (testhost); then the dotnet on the PATH runs the app.
        if (Path.GetFileNameWithoutExtension(start.FileName) != "dotnet") start.FileName = "dotnet";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{fakePort}";
        start.Environment["ANTHROPIC_API_KEY"] = "sk-ant-test";
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the sample app");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new SampleAppProcess(process, baseUrl);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "/healthz"));
                if (response.IsSuccessStatusCode) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        await app.DisposeAsync();
        throw new TimeoutException("the sample app did not answer /healthz within 30s");
    }

    /// <summary>Kills the app <paramref name="delay"/> from now, as a crash would.</summary>
    public async Task KillAfterAsync(TimeSpan delay)
    {
        await Task.Delay(delay);
        _process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
