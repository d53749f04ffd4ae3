using System.Diagnostics;

namespace ChaosKit.Runner.Targets;

/// <summary>ChaosKit's bundled sample app, started as a child process with its provider base URLs pointed at the fakes.</summary>
public static class BundledSampleTarget
{
    /// <summary>File name of the sample app assembly, copied next to the CLI by the build.</summary>
    public const string AssemblyFile = "ChaosKit.SampleApp.dll";

    /// <summary>The variable that chooses the sample app's resilience profile (its configuration key <c>SampleApp:Profile</c>).</summary>
    public const string ProfileVariable = "SampleApp__Profile";

    /// <summary>Starts the sample app and waits until it answers <c>/healthz</c>.</summary>
    /// <param name="environment">Variables for the app, e.g. <c>ANTHROPIC_BASE_URL</c>.</param>
    /// <param name="logPath">File that receives the app's console output.</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<ITarget> StartAsync(IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (!File.Exists(assembly))
            throw new HarnessException($"the bundled sample app is missing ({assembly}); rebuild with 'dotnet build' or set target.url");

        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Pick()}");
        var start = new ProcessStartInfo(DotnetHost(), [assembly, "--urls", baseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return await ProcessTarget.StartAsync(start, new ProcessTarget.Launch(
            "the bundled sample app", baseUrl, new Uri(baseUrl, "/healthz"), TimeSpan.FromSeconds(30), logPath, Bundled: true), ct);
    }

    /// <summary>Finds the dotnet host that is running ChaosKit, so the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)) return hostPath;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
