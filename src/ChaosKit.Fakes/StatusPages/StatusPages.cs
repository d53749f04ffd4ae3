using System.Buffers;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChaosKit.Fakes.StatusPages;

/// <summary>
/// The fake Statuspage of each provider, following the run clock (optionally lagging, or always operational).
/// Hosts call <see cref="TryRender"/> with a path such as <c>api/v2/summary.json</c>.
/// </summary>
public sealed class StatusPages
{
    private readonly RunClock _clock;
    private readonly IReadOnlyDictionary<string, (StatusPageIdentity Page, StatusPageOptions Options)> _providers;

    /// <summary>Creates the pages of <paramref name="providers"/> over <paramref name="clock"/>.</summary>
    /// <param name="clock">The run clock (pauses and jumps included).</param>
    /// <param name="providers">Each provider, with its page options (<see langword="null"/>: <see cref="StatusPageOptions.Prompt"/>).</param>
    /// <exception cref="ScenarioException">A provider's kind is unknown.</exception>
    public StatusPages(RunClock clock, IEnumerable<(ProviderSpec Provider, StatusPageOptions? Options)> providers)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _providers = providers
            .Select((p, i) => (p.Provider.Name, Page: ProviderCatalog.Default.Get(p.Provider, i).StatusPage, Options: p.Options ?? StatusPageOptions.Prompt))
            .ToDictionary(p => p.Name, p => (p.Page, p.Options), StringComparer.Ordinal);
    }

    /// <summary>The pages of every provider of <paramref name="scenario"/>, as its <c>status_page</c> settings say.</summary>
    public static StatusPages For(Scenario scenario, RunClock clock)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new StatusPages(clock, scenario.Providers.Select(p =>
            (p, (StatusPageOptions?)new StatusPageOptions(p.StatusPage.Lag, p.StatusPage.AlwaysOperational))));
    }

    /// <summary>The documents each page serves, e.g. <c>api/v2/status.json</c>.</summary>
    public static IReadOnlyList<string> Paths => StatusPageJson.Paths;

    /// <summary>
    /// Serves every page under <paramref name="prefix"/> on <paramref name="endpoints"/>:
    /// <c>{prefix}/{provider}/api/v2/status.json</c> and the other <see cref="Paths"/>; 404 for anything else.
    /// </summary>
    public void MapTo(IEndpointRouteBuilder endpoints, string prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(prefix + "/{provider}/{**path}", (string provider, string path) =>
            TryRender(provider, path) is { } body
                ? Results.Bytes(body, "application/json; charset=utf-8")
                : Results.NotFound());
    }

    /// <summary>The JSON of <paramref name="path"/> on <paramref name="provider"/>'s page, or <see langword="null"/> when either is unknown.</summary>
    public byte[]? TryRender(string provider, string path)
    {
        if (!_providers.TryGetValue(provider, out var page)) return null;
        var state = StatusPageState.At(_clock, provider, page.Options);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (!StatusPageJson.TryWrite(json, path.Trim('/'), page.Page, state, _clock.TimeProvider.GetUtcNow())) return null;
        }
        return buffer.WrittenSpan.ToArray();
    }
}
