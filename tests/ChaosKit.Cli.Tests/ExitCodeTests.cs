using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// The exit codes README's table promises, and the one-line messages that go with them, through the built
/// <c>chaoskit</c> as a user or a pipeline meets them.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-exit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("run", "--seed", "abc", "--seed: expected an integer, got 'abc'")]
    [InlineData("serve", "--seed", "1.5", "--seed: expected an integer, got '1.5'")]
    [InlineData("serve", "--control-port", "abc", "--control-port: expected an integer from 0 to 65535, got 'abc'")]
    [InlineData("run", "--time-scale", "1e-300", "--time-scale: expected a number from 0.01 to 100 (0.1 runs ten times faster), got '1e-300'")]
    [InlineData("serve", "--time-scale", "1000", "--time-scale: expected a number from 0.01 to 100 (0.1 runs ten times faster), got '1000'")]
    public async Task A_bad_flag_value_exits_2_saying_what_was_expected(string command, string flag, string value, string message)
    {
        var run = await ChaosKitProcess.RunAsync(command, "scenarios/claude-outage.yaml", flag, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message}", run.Stderr.Split('\n')[0].Trim());
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("serve")]
    public async Task A_directory_given_as_scenario_says_it_is_a_directory(string command)
    {
        var first = Directory.GetFiles(Path.Combine(ChaosKitProcess.RepoRoot(), "scenarios"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).First();

        var run = await ChaosKitProcess.RunAsync(command, "scenarios");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: scenarios: is a directory, not a scenario file; give a file, e.g. scenarios/{first}", run.Stderr.Trim());
    }

    [Fact]
    public async Task A_provider_port_in_use_is_a_harness_failure_for_run_and_serve()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var file = Write("taken.yaml", ShortScenario(port: port));

        var run = await ChaosKitProcess.RunAsync("run", file, "--out", Path.Combine(_folder, "run"));
        var serve = await ChaosKitProcess.RunAsync("serve", file, "--out", Path.Combine(_folder, "serve"));

        foreach (var result in new[] { run, serve })
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: providers\[0\]\.port: provider 'claude' cannot listen on 127\.0\.0\.1:{port} because the port is already in use", result.Stderr);
        }
    }

    [Fact]
    public async Task A_run_shorter_than_the_first_progress_line_ends_with_its_summary()
    {
        // 0.2 s of timeline, over before the redirected console's first tick (at 0.25 s), while calls slowed to 0.5 s
        // still drain: that first tick once overflowed a TimeSpan and ended the run without its summary.
        var file = Write("blink.yaml", ShortScenario(phase: "1s", expect: false, latency: "5s"));
        var output = Path.Combine(_folder, "blink");

        var run = await ChaosKitProcess.RunAsync("run", file, "--time-scale", "0.1", "--out", output);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("PASSED", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "result.json")));
    }

    [Fact]
    public async Task The_load_timeout_follows_the_time_scale_so_a_hung_target_costs_no_more_than_the_scaled_timeline()
    {
        // A target whose health check (GET) answers at once and whose POSTs are accepted and never answered. 40 s of
        // timeline at 0.1 is 4 s; the 30 s timeout, scaled, 3 s: warm-up, run and both drains stay well under the
        // unscaled timeout alone.
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await hung.AcceptTcpClientAsync(stop.Token);
                    held.Add(client);
                    _ = AnswerOnlyGetsAsync(client, stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var url = $"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}";
        var file = Write("hung.yaml", ShortScenario(phase: "20s", timeout: "30s", rate: 2, expect: false));
        var output = Path.Combine(_folder, "hung");

        var watch = Stopwatch.StartNew();
        var run = await ChaosKitProcess.RunAsync("run", file, "--time-scale", "0.1", "--target-url", url, "--out", output);
        watch.Stop();
        await stop.CancelAsync();
        await accepting;
        foreach (var client in held) client.Dispose();

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed.TotalSeconds:0.0} s");
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")));
        var timeouts = result.RootElement.GetProperty("overall").GetProperty("outcomes").GetProperty("timeout").GetInt64();
        Assert.True(timeouts > 0, "every request to the hung target should time out");
    }

    // Answers each GET on the connection with an empty 200 (keep-alive); from the first request that is not a GET on,
    // reads nothing more and answers nothing, as a hung app does.
    private static async Task AnswerOnlyGetsAsync(TcpClient client, CancellationToken ct)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var request = new System.Text.StringBuilder();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, ct);
                if (read == 0) return;
                request.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
                var text = request.ToString();
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0) continue;
                if (!text.StartsWith("GET ", StringComparison.Ordinal)) return;
                request.Remove(0, end + 4);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Two phases of the bundled app answering from its fake, slowed by <paramref name="latency"/> in the first.</summary>
    internal static string ShortScenario(
        int port = 0, string phase = "2s", string timeout = "10s", double rate = 10, bool expect = true, string? latency = null) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""
        name: short
        seed: 3
        providers: [{ name: claude, kind: anthropic, port: {{{port}}} }]
        timeline:
          - { name: baseline, duration: {{{phase}}}, faults: [{{{(latency is null ? "" : $"{{ kind: latency, provider: claude, delay: {latency} }}")}}}] }
          - { name: later, duration: {{{phase}}} }
        load:
          rate: {{{rate}}}
          timeout: {{{timeout}}}
          request:
            method: POST
            path: /api/ask
            json:
              question: "{{lorem.sentence}}"
        {{{(expect ? "expect:\n  - later.availability >= 50%" : "")}}}
        """);
}
