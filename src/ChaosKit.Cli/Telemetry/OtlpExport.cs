using System.Reflection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChaosKit.Cli.Telemetry;

/// <summary>
/// Sends the fakes' and the load engine's spans and metrics to an OpenTelemetry collector over OTLP while <c>run</c> or
/// <c>serve</c> works, when the standard variables ask for it (docs/telemetry.md). Without them nothing is built, and
/// the libraries' instruments, which nobody then listens to, cost one check per call. Dispose to send what is left.
/// </summary>
/// <remarks>
/// The SDK reads everything else itself: the protocol and headers (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, ...), the
/// metric interval (<c>OTEL_METRIC_EXPORT_INTERVAL</c>), and <c>OTEL_SERVICE_NAME</c> / <c>OTEL_RESOURCE_ATTRIBUTES</c>,
/// which override the <c>chaoskit</c> service name given here.
/// </remarks>
internal sealed class OtlpExport : IDisposable
{
    /// <summary>The service name spans and metrics carry unless <c>OTEL_SERVICE_NAME</c> or <c>OTEL_RESOURCE_ATTRIBUTES</c> names another.</summary>
    public const string ServiceName = "chaoskit";

    // ChaosKit.Fakes and ChaosKit.Load (their FakesTelemetry and LoadTelemetry), and any source ChaosKit adds later.
    private const string ChaosKitSources = "ChaosKit.*";

    // How long the end of a command waits for each signal's last export; an unreachable collector must not hold the exit.
    private const int ShutdownTimeoutMilliseconds = 5_000;

    private readonly TracerProvider? _traces;
    private readonly MeterProvider? _metrics;

    private OtlpExport(TracerProvider? traces, MeterProvider? metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>Which signals the variables ask to export: an endpoint for all (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) or for one, and the SDK not disabled.</summary>
    /// <param name="variable">Reads an environment variable.</param>
    public static (bool Traces, bool Metrics) Requested(Func<string, string?> variable)
    {
        if (string.Equals(variable("OTEL_SDK_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return (false, false);
        var all = IsSet(variable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        return (all || IsSet(variable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")), all || IsSet(variable("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")));
    }

    /// <summary>Starts exporting what this process's environment asks for; <see langword="null"/> when it asks for nothing.</summary>
    public static OtlpExport? StartFromEnvironment()
    {
        var (traces, metrics) = Requested(Environment.GetEnvironmentVariable);
        if (!traces && !metrics) return null;
        var version = typeof(OtlpExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Empty, then ours, then the environment's, so OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over ours.
        ResourceBuilder Resource() => ResourceBuilder.CreateEmpty()
            .AddService(ServiceName, serviceVersion: version)
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector();
        return new OtlpExport(
            traces ? Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource()).AddSource(ChaosKitSources).AddOtlpExporter().Build() : null,
            metrics ? Sdk.CreateMeterProviderBuilder().SetResourceBuilder(Resource()).AddMeter(ChaosKitSources).AddOtlpExporter().Build() : null);
    }

    /// <summary>Sends the spans and metrics not yet sent (each within a few seconds), then stops exporting.</summary>
    public void Dispose()
    {
        _traces?.Shutdown(ShutdownTimeoutMilliseconds);
        _traces?.Dispose();
        _metrics?.Shutdown(ShutdownTimeoutMilliseconds);
        _metrics?.Dispose();
    }

    private static bool IsSet(string? value) => !string.IsNullOrWhiteSpace(value);
}
