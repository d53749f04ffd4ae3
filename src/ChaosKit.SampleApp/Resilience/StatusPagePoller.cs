using System.Text.Json;
using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Resilience;

/// <summary>
/// Reads each configured status page (Atlassian Statuspage's <c>/api/v2/summary.json</c>) in the background, one
/// page at a time, each read bounded by <see cref="ResilientSettings.StatusPageTimeout"/>, and holds a provider's
/// circuit open for one read when its page turns to a major outage: the app then goes to the other provider without
/// first spending a user's request on one that has said it is down.
/// </summary>
/// <remarks>
/// A page named in configuration (<c>SampleApp:StatusPages:Anthropic</c>) is that provider's; a page from a
/// <c>CHAOSKIT_STATUS_PAGE_*</c> variable is matched by what it says it is (its <c>page.url</c> or <c>page.name</c>).
/// When two such pages claim one provider, the app cannot tell which is the one it calls, so it reads neither for it.
/// </remarks>
internal sealed class StatusPagePoller(
    SampleAppSettings settings, ProviderCircuits circuits, IHttpClientFactory clients, TimeProvider time, ILogger<StatusPagePoller> logger)
    : BackgroundService
{
    /// <summary>The name of the HttpClient the pages are read with.</summary>
    public const string ClientName = "status-pages";

    /// <summary>The largest page document read.</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    private readonly HashSet<AiProvider> _warnedAmbiguous = [];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.StatusPages.Count == 0) return;
        using var timer = new PeriodicTimer(settings.Resilient.StatusPagePollInterval, time);
        try
        {
            do
            {
                await PollOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reads every page once and applies what they say to the circuits of the providers the app calls.</summary>
    public async Task PollOnceAsync(CancellationToken ct)
    {
        var readings = new List<PageReading>(settings.StatusPages.Count);
        foreach (var source in settings.StatusPages) readings.Add(await ReadAsync(source, ct));
        foreach (var provider in settings.Chain())
        {
            var reading = PageOf(provider, readings);
            if (await circuits[provider].ApplyStatusPageAsync(reading?.ComponentStatus, ct))
            {
                var name = AiProviders.DisplayNameOf(provider);
                if (reading is not null && ProviderCircuit.HoldsCircuitOpen(reading.ComponentStatus))
                    logger.LogWarning("{Provider}'s status page ({Origin}) reports {Status}: {Provider} is skipped until the next read", name, reading.Source.Origin, reading.ComponentStatus, name);
                else
                    logger.LogInformation("{Provider}'s status page ({Origin}) reports {Status}", name, reading?.Source.Origin ?? "none", reading?.ComponentStatus ?? "nothing readable");
            }
        }
    }

    private PageReading? PageOf(AiProvider provider, List<PageReading> readings)
    {
        if (readings.FirstOrDefault(r => r.Source.Provider == provider) is { } named) return named;
        var claimed = readings.Where(r => r.Source.Provider is null && r.Provider == provider).ToList();
        if (claimed.Count <= 1) return claimed.FirstOrDefault();
        if (_warnedAmbiguous.Add(provider))
            logger.LogWarning("{Count} status pages ({Origins}) are {Provider}'s; set SampleApp:StatusPages:{Key} to the one the app calls",
                claimed.Count, string.Join(", ", claimed.Select(r => r.Source.Origin)), AiProviders.DisplayNameOf(provider),
                provider == AiProvider.Anthropic ? "Anthropic" : "OpenAI");
        return null;
    }

    private async Task<PageReading> ReadAsync(StatusPageSource source, CancellationToken ct)
    {
        var http = clients.CreateClient(ClientName);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.Resilient.StatusPageTimeout);
            // The client's MaxResponseContentBufferSize bounds the document.
            var body = await http.GetByteArrayAsync(new Uri(source.PageUrl + "/api/v2/summary.json"), timeout.Token);
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new PageReading(source, source.Provider ?? ProviderOf(root), ComponentStatusOf(root));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException or InvalidOperationException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // A page that cannot be read says nothing about the provider: its circuit is left to its own counts.
            logger.LogDebug("Status page {Origin} unreadable: {Failure}", source.Origin, e.Message);
            return new PageReading(source, source.Provider, null);
        }
    }

    /// <summary>Whose page it is, from what it says it is; <see langword="null"/> for another provider's.</summary>
    internal static AiProvider? ProviderOf(JsonElement root)
    {
        if (!root.TryGetProperty("page", out var page) || page.ValueKind != JsonValueKind.Object) return null;
        var host = page.TryGetProperty("url", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) ? uri.Host : "";
        var name = page.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (host is "status.claude.com" or "status.anthropic.com" || name is "Claude" or "Anthropic") return AiProvider.Anthropic;
        if (host is "status.openai.com" || name is "OpenAI") return AiProvider.OpenAi;
        return null;
    }

    /// <summary>
    /// The worst status of the page's API components (those named with "API"; every component when none is), or,
    /// for a page without components, its overall indicator read as one.
    /// </summary>
    internal static string? ComponentStatusOf(JsonElement root)
    {
        if (root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array && components.GetArrayLength() > 0)
        {
            var all = components.EnumerateArray()
                .Select(c => (Name: c.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "", Status: c.TryGetProperty("status", out var s) ? s.GetString() : null))
                .ToList();
            var api = all.Where(c => c.Name.Contains("API", StringComparison.Ordinal)).ToList();
            return (api.Count > 0 ? api : all).Select(c => c.Status).MaxBy(Severity);
        }
        if (root.TryGetProperty("status", out var status) && status.TryGetProperty("indicator", out var indicator))
        {
            return indicator.GetString() switch
            {
                "none" => "operational",
                "minor" => "degraded_performance",
                "major" or "critical" => "major_outage",
                _ => null,
            };
        }
        return null;
    }

    private static int Severity(string? status) => status switch
    {
        "operational" => 1,
        "degraded_performance" => 2,
        "under_maintenance" => 3,
        "partial_outage" => 4,
        "major_outage" => 5,
        _ => 0,
    };

    private sealed record PageReading(StatusPageSource Source, AiProvider? Provider, string? ComponentStatus);
}
