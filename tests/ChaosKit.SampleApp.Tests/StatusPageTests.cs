using System.Text.Json;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>
/// The <c>resilient</c> profile reads the fakes' status pages (<c>CHAOSKIT_STATUS_PAGE_*</c>) and skips a provider
/// whose page reports an outage. The fault here only hits <c>/v1/models</c>, which the app never calls, so the
/// page reports an outage while Claude would answer: only the page can keep the app away from it.
/// </summary>
public sealed class StatusPageTests
{
    private static readonly string PageOnlyOutage = Fault("error", Claude, "status: 500", "route: /v1/models");

    private static bool ClaudeIs(JsonElement readiness, string circuit) =>
        readiness.GetProperty("providers")[0].Text("circuit") == circuit;

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // the page holds the circuit open before the provider's first call has built its pipeline
    public async Task A_major_outage_on_the_status_page_keeps_the_app_away_from_that_provider(bool warmUp)
    {
        // A read every 2 s: the hold lasts until the next read, longer than the two questions take.
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, PageOnlyOutage),
            SampleAppRun.Resilient(("SampleApp:Resilient:StatusPagePollSeconds", "2")), statusPages: true, warmUp);
        var readiness = await run.ReadinessAsync(r => ClaudeIs(r, "isolated"));

        using var response = await run.AskAsync();
        var stream = await run.StreamAsync();

        Assert.Equal("major_outage", readiness.GetProperty("providers")[0].Text("statusPage"));
        Assert.Equal("isolated", readiness.GetProperty("providers")[0].Text("circuit"));
        Assert.Equal("operational", readiness.GetProperty("providers")[1].Text("statusPage"));
        Assert.Equal(("openai", "provider"), (response.ServedBy(), response.Source()));
        Assert.Equal("openai", stream.ServedBy);
        Assert.Equal(2, (await run.CallsAsync(Gpt, 2)).Total);
        Assert.Equal(0, run.Calls(Claude).Total);
    }

    [Fact]
    public async Task Once_the_page_says_operational_again_the_provider_is_called_again()
    {
        var scenario = With(openAi: true, PageOnlyOutage).Replace("duration: 1h", "duration: 1s")
            + "  - name: recovered\n    duration: 1h\n";
        await using var run = await SampleAppRun.StartAsync(scenario, SampleAppRun.FastResilient, statusPages: true);
        var during = await run.ReadinessAsync(r => ClaudeIs(r, "isolated"));

        var after = await run.ReadinessAsync(r => r.GetProperty("providers")[0].Text("statusPage") == "operational" && ClaudeIs(r, "closed"));
        using var response = await run.AskAsync();

        Assert.Equal("isolated", during.GetProperty("providers")[0].Text("circuit"));
        Assert.Equal("operational", after.GetProperty("providers")[0].Text("statusPage"));
        Assert.Equal("anthropic", response.ServedBy());
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task A_page_that_keeps_reporting_an_outage_holds_the_circuit_for_one_read_then_the_apps_own_calls_decide()
    {
        // The page says major_outage for the whole test, and Claude answers every call. One read a second.
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, PageOnlyOutage),
            SampleAppRun.Resilient(("SampleApp:Resilient:StatusPagePollSeconds", "1")), statusPages: true);
        var held = await run.ReadinessAsync(r => ClaudeIs(r, "isolated"));

        var released = await run.ReadinessAsync(r => ClaudeIs(r, "closed"));
        using var response = await run.AskAsync();

        Assert.Equal("major_outage", released.GetProperty("providers")[0].Text("statusPage"));
        Assert.Equal("isolated", held.GetProperty("providers")[0].Text("circuit"));
        Assert.Equal("anthropic", response.ServedBy());
    }

    [Fact]
    public async Task The_sdk_defaults_profile_reads_no_status_page()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, PageOnlyOutage), statusPages: true);

        using var response = await run.AskAsync();
        var readiness = await run.ReadinessAsync(_ => true);

        Assert.Equal("anthropic", response.ServedBy());
        Assert.Equal(JsonValueKind.Null, readiness.GetProperty("providers")[0].GetProperty("statusPage").ValueKind);
    }
}
