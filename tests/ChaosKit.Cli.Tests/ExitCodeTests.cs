using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// The exit codes README's table promises, and the one-line messages that go with them, through the built
/// <c>chaoskit</c> as a user or a pipeline meets them.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-exit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
        providers:
          - name: claude
            kind: anthropic
            port: {{{port}}}
        timeline:
          - name: baseline
            duration: {{{phase}}}
        {{{(latency is null ? "" : $"    faults:\n      - {{ kind: latency, provider: claude, delay: {latency} }}")}}}
          - name: later
            duration: {{{phase}}}
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
