using System.Text;
using ChaosKit.Cli.Telemetry;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// OTLP export as a team switches it on: the standard variables on a real <c>chaoskit run</c>, and a loopback
/// collector (<see cref="OtlpReceiver"/>) reading what arrives.
/// </summary>
public sealed class TelemetryExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-otel-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_run_with_an_otlp_endpoint_sends_traces_joined_through_the_app_and_metrics_by_phase()
    {
        await using var collector = OtlpReceiver.Start();
        var file = Path.Combine(_folder, "short.yaml");
        await File.WriteAllTextAsync(file, ExitCodeTests.ShortScenario(expect: false));

        var run = await ChaosKitProcess.RunAsync(["run", file, "--time-scale", "0.1", "--out", Path.Combine(_folder, "run")],
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SDK_DISABLED"] = null,
                ["OTEL_SERVICE_NAME"] = null,
                ["OTEL_RESOURCE_ATTRIBUTES"] = null,
            });

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        // The process has exited, so whatever it flushed on the way out has arrived.
        Assert.All(collector.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var spans = collector.BodiesAt("/v1/traces").SelectMany(OtlpSpans.Read).ToList();
        var calls = spans.Where(s => s.Scope == "ChaosKit.Fakes").ToList();
        var requests = spans.Where(s => s.Scope == "ChaosKit.Load").ToList();
        Assert.Contains(calls, s => s.Name == "POST /v1/messages");
        Assert.Contains(requests, s => s.Name == "POST /api/ask");
        // The sample app passed the load's trace context on to the fake: a provider call sits in a request's trace.
        Assert.Contains(calls, c => c.ParentSpanId.Length > 0 && requests.Any(r => r.TraceId == c.TraceId));

        var metrics = collector.BodiesAt("/v1/metrics");
        Assert.NotEmpty(metrics);
        var text = string.Join("\n", metrics.Select(Encoding.UTF8.GetString)); // protobuf keeps strings as they are
        foreach (var expected in new[] { "chaoskit.provider.calls", "chaoskit.provider.call.duration", "chaoskit.requests", "chaoskit.request.duration", "baseline", "later", OtlpExport.ServiceName })
            Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null, null, false, false)]
    [InlineData("http://127.0.0.1:4318", null, null, null, true, true)]
    [InlineData(null, "http://127.0.0.1:4318/v1/traces", null, null, true, false)]
    [InlineData(null, null, "http://127.0.0.1:4318/v1/metrics", null, false, true)]
    [InlineData("http://127.0.0.1:4318", null, null, "true", false, false)]
    [InlineData("  ", null, null, null, false, false)]
    public void Only_an_otlp_endpoint_turns_export_on_signal_by_signal(
        string? endpoint, string? tracesEndpoint, string? metricsEndpoint, string? disabled, bool traces, bool metrics)
    {
        var variables = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = tracesEndpoint,
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = metricsEndpoint,
            ["OTEL_SDK_DISABLED"] = disabled,
        };

        Assert.Equal((traces, metrics), OtlpExport.Requested(name => variables.GetValueOrDefault(name)));
    }
}
