using System.Diagnostics;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.JsSdks;

/// <summary>
/// The providers' official JavaScript SDKs (openai with its AzureOpenAI client, @anthropic-ai/sdk, @google/genai), unmodified,
/// against the fakes: clients other than the .NET ones the rest of the suite uses, so the fakes are held to the wire
/// protocol rather than to one SDK's reading of it; faults.mjs checks what each SDK raises for the commonest faults,
/// agents.mjs runs the SDKs' own agent loops (Anthropic's toolRunner, OpenAI's runTools) against <c>tool_calls: auto</c>,
/// bodies.mjs sends half an emoji (a lone surrogate escape) and expects each provider's 400, not retried.
/// Each script runs its checks with node:assert and prints what failed.
/// tests/run.sh installs the pinned SDKs (npm ci) before the tests run.
/// </summary>
public sealed class JsSdkTests
{
    private const string AnthropicKey = "sk-ant-js-sdk-check";
    private const string OpenAiKey = "sk-proj-js-sdk-check";
    private const string GeminiKey = "js-sdk-check-gemini-key";
    private const string AzureKey = "js-sdk-check-azure-key";

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("gemini")]
    [InlineData("azure_openai")]
    public async Task The_official_js_sdk_passes_its_checks(string kind)
    {
        var script = ScriptName(kind) + ".mjs";
        var (exitCode, output) = await RunAgainstFakeAsync(kind, [], script);

        Assert.True(exitCode == 0, $"node {script} exited with {exitCode}:\n{output}");
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task The_official_sdks_agent_loop_runs_one_tool_round_against_tool_calls_auto(string kind)
    {
        var (exitCode, output) = await RunAgainstFakeAsync(kind, [], autoToolCalls: true, "agents.mjs", ScriptName(kind));

        Assert.True(exitCode == 0, $"node agents.mjs {ScriptName(kind)} exited with {exitCode}:\n{output}");
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("gemini")]
    [InlineData("azure_openai")]
    public async Task The_official_js_sdk_gets_the_providers_400_for_a_lone_surrogate_and_does_not_retry(string kind)
    {
        var (exitCode, output) = await RunAgainstFakeAsync(kind, [], "bodies.mjs", ScriptName(kind));

        Assert.True(exitCode == 0, $"node bodies.mjs {ScriptName(kind)} exited with {exitCode}:\n{output}");
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Faults()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "anthropic", "openai", "gemini", "azure_openai" })
        foreach (var fault in new[] { "rate_limit", "overloaded", "stream_cut" })
            data.Add(kind, fault);
        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_official_js_sdk_raises_the_providers_error_for_a_fault(string kind, string fault)
    {
        var spec = fault == "stream_cut"
            ? TestScenarios.Fault("stream_cut", 1.0, null, ("after_tokens", "3"), ("mode", "error"))
            : TestScenarios.Fault(fault, 1.0, null, ("retry_after", "1s"));

        var (exitCode, output) = await RunAgainstFakeAsync(kind, [spec], "faults.mjs", ScriptName(kind), fault);

        Assert.True(exitCode == 0, $"node faults.mjs {ScriptName(kind)} {fault} exited with {exitCode}:\n{output}");
        Assert.Contains("all checks passed", output, StringComparison.Ordinal);
    }

    // The provider's script (NAME.mjs), and its name for faults.mjs.
    private static string ScriptName(string kind) => kind switch
    {
        "anthropic" => "anthropic",
        "openai" => "openai",
        "gemini" => "gemini",
        _ => "azure",
    };

    private static Task<(int ExitCode, string Output)> RunAgainstFakeAsync(string kind, FaultSpec[] faults, params string[] script) =>
        RunAgainstFakeAsync(kind, faults, autoToolCalls: false, script);

    private static async Task<(int ExitCode, string Output)> RunAgainstFakeAsync(string kind, FaultSpec[] faults, bool autoToolCalls, params string[] script)
    {
        var folder = ScriptsFolder();
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules")),
            $"The JavaScript SDKs are not installed in {folder}: run tests/run.sh, or 'npm ci' in that folder.");
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), faults)],
            providers: [TestScenarios.ProviderOf(kind, "js") with { AutoToolCalls = autoToolCalls }]));
        var baseUrl = run.Fake.BaseUrl.ToString().TrimEnd('/');

        // Only this provider's variables: the AzureOpenAI client refuses to start when OPENAI_BASE_URL is also set.
        var variables = kind switch
        {
            "anthropic" => new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = baseUrl, ["ANTHROPIC_API_KEY"] = AnthropicKey },
            "openai" => new() { ["OPENAI_BASE_URL"] = baseUrl + "/v1", ["OPENAI_API_KEY"] = OpenAiKey },
            "gemini" => new() { ["GEMINI_BASE_URL"] = baseUrl, ["GEMINI_API_KEY"] = GeminiKey },
            _ => new() { ["AZURE_OPENAI_ENDPOINT"] = baseUrl + "/", ["AZURE_OPENAI_API_KEY"] = AzureKey },
        };
        return await RunNodeAsync(folder, script, variables);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string folder, string[] script, Dictionary<string, string> variables)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "OPENAI_BASE_URL", "OPENAI_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
                     "GEMINI_API_KEY", "GOOGLE_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION" })
            start.Environment.Remove(name);
        foreach (var (name, value) in variables) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', script)} did not finish within 2 minutes");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string ScriptsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChaosKit.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("ChaosKit.sln not found above the test binaries"),
            "tests", "ChaosKit.Fakes.Tests", "JsSdks");
    }
}
