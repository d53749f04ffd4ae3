using System.Net.Http.Json;
using System.Text.Json;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.StatusPages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChaosKit.SampleApp.Tests.Support;

/// <summary>
/// The sample app (through <see cref="WebApplicationFactory{TEntryPoint}"/>, over loopback to the fakes) in one
/// profile, against the fake providers of a scenario written in YAML, each pointed at through the variables the
/// runner gives the app (<c>ANTHROPIC_BASE_URL</c>, <c>OPENAI_BASE_URL</c>, <c>CHAOSKIT_STATUS_PAGE_*</c>).
/// </summary>
internal sealed class SampleAppRun : IAsyncDisposable
{
    private static readonly ScenarioCatalogs Catalogs = new() { Faults = FaultCatalog.Default, Providers = ProviderCatalog.Default };

    /// <summary>
    /// Short limits for the <c>resilient</c> profile, so a test waits milliseconds where a user would wait seconds;
    /// the breaker needs ten calls (more than any test but the breaker's makes) and then stays open for the whole test.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastResilient = new Dictionary<string, string>
    {
        ["SampleApp:Profile"] = "resilient",
        ["SampleApp:Resilient:BaseDelayMilliseconds"] = "20",
        ["SampleApp:Resilient:AttemptTimeoutSeconds"] = "5",
        ["SampleApp:Resilient:TotalTimeoutSeconds"] = "15",
        ["SampleApp:Resilient:FirstTokenTimeoutSeconds"] = "1",
        ["SampleApp:Resilient:StreamIdleTimeoutSeconds"] = "1",
        ["SampleApp:Resilient:BreakerMinimumThroughput"] = "10",
        ["SampleApp:Resilient:BreakDurationSeconds"] = "120",
        ["SampleApp:Resilient:StatusPagePollSeconds"] = "0.1",
    };

    /// <summary><see cref="FastResilient"/> with <paramref name="more"/> settings on top.</summary>
    public static Dictionary<string, string> Resilient(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>(FastResilient);
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    private readonly WebApplicationFactory<Program> _factory;
    private readonly StatusPageServer? _statusPages;
    private readonly RunClock _clock;

    private SampleAppRun(ProviderFakes fakes, WebApplicationFactory<Program> factory, StatusPageServer? statusPages, RunClock clock)
    {
        Fakes = fakes;
        _factory = factory;
        _statusPages = statusPages;
        _clock = clock;
        App = factory.CreateClient();
    }

    /// <summary>The fake providers.</summary>
    public ProviderFakes Fakes { get; }

    /// <summary>A client of the app.</summary>
    public HttpClient App { get; }

    /// <summary>How long the run clock has run: which phase of the timeline the fakes are in.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Starts the fakes of <paramref name="scenarioYaml"/> (providers and timeline; a phase of an hour by default),
    /// the status pages when <paramref name="statusPages"/>, and the app with <paramref name="settings"/> on top;
    /// then, with <paramref name="warmUp"/>, asks the app a question and streams one while the fakes are still
    /// healthy (they inject nothing before the run clock starts), so the app has compiled its paths before the
    /// faults meet them: a cold app can take longer than a short timeout, and a reset discards what it has not read.
    /// Then it starts the clock.
    /// </summary>
    public static async Task<SampleAppRun> StartAsync(
        string scenarioYaml, IReadOnlyDictionary<string, string>? settings = null, bool statusPages = false, bool warmUp = true)
    {
        var scenario = ScenarioLoader.Parse("name: sample-app-test\nseed: 3\n" + scenarioYaml, "sample-app-test.yaml", Catalogs);
        var clock = new RunClock(new RunTimeline(scenario.Timeline));
        var fakes = await ProviderFakes.StartAsync(scenario, clock);
        var pages = statusPages ? await StatusPageServer.StartAsync(StatusPages.For(scenario, clock)) : null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            // As the runner does: the first provider of a kind gets the kind's variables.
            foreach (var (name, value) in fakes.Fakes.SelectMany(f => f.SdkVariables).DistinctBy(v => v.Key)) host.UseSetting(name, value);
            if (pages is not null)
            {
                foreach (var fake in fakes.Fakes) host.UseSetting("CHAOSKIT_STATUS_PAGE_" + fake.Name.ToUpperInvariant(), pages.PageOf(fake.Name).ToString());
            }
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) host.UseSetting(key, value);
        });
        var run = new SampleAppRun(fakes, factory, pages, clock);
        try
        {
            if (warmUp)
            {
                using var asked = await run.AskAsync("Warming up");
                await run.StreamAsync("Warming up");
            }
            clock.Start();
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The calls the fake named <paramref name="provider"/> received since the run clock started, once it has
    /// recorded at least <paramref name="atLeast"/>: a fake records a call just after its answer has gone out, so a
    /// test that reads right after the app answered can be a moment early (waits up to 30 s, 20 ms at a time).
    /// </summary>
    public async Task<ProviderCallStats> CallsAsync(string provider, long atLeast)
    {
        var calls = Calls(provider);
        for (var i = 0; i < 1_500 && calls.Total < atLeast; i++)
        {
            await Task.Delay(20);
            calls = Calls(provider);
        }
        return calls;
    }

    /// <summary>The calls the fake named <paramref name="provider"/> has recorded since the run clock started (the warm-up left out).</summary>
    public ProviderCallStats Calls(string provider)
    {
        var fake = Fakes.Get(provider);
        var phases = Enumerable.Range(0, _clock.Timeline.Phases.Count).Select(fake.CallsInPhase).ToList();
        return new ProviderCallStats(
            phases.Sum(p => p.Total),
            phases.SelectMany(p => p.ByStatus).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)),
            phases.Sum(p => p.FaultsInjected),
            phases.Sum(p => p.Retries))
        {
            EarlyRetries = phases.Sum(p => p.EarlyRetries),
        };
    }

    /// <summary>Asks <paramref name="question"/> at <c>/api/ask</c>.</summary>
    public Task<HttpResponseMessage> AskAsync(string question = "What is chaos engineering?") =>
        App.PostAsJsonAsync("/api/ask", new { question });

    /// <summary>Asks <paramref name="question"/> at <c>/api/ask/stream</c> and reads the whole event stream.</summary>
    public async Task<StreamedAnswer> StreamAsync(string question = "Explain retries with jitter.")
    {
        using var response = await App.PostAsJsonAsync("/api/ask/stream", new { question });
        return await StreamedAnswer.ReadAsync(response);
    }

    /// <summary>Reads <c>/readyz</c> until <paramref name="until"/> holds for it, at most 100 times 50 ms apart.</summary>
    public async Task<JsonElement> ReadinessAsync(Func<JsonElement, bool> until)
    {
        JsonElement readiness = default;
        for (var i = 0; i < 100; i++)
        {
            readiness = await App.GetFromJsonAsync<JsonElement>("/readyz");
            if (until(readiness)) return readiness;
            await Task.Delay(50);
        }
        return readiness;
    }

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await _factory.DisposeAsync();
        if (_statusPages is not null) await _statusPages.DisposeAsync();
        await Fakes.DisposeAsync();
    }
}
