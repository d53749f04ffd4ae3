using System.Text.Json;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.StatusPages;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.StatusPages;

public sealed class StatusPageTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 4, 28, 17, 27, 0, TimeSpan.Zero));

    private (RunClock Clock, ChaosKit.Fakes.StatusPages.StatusPages Pages) Start(StatusPageOptions? options)
    {
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("baseline", TimeSpan.FromMinutes(7)),
            TestScenarios.Phase("outage", TimeSpan.FromMinutes(78), TestScenarios.Error(529, rate: 0.7)),
            TestScenarios.Phase("slow", TimeSpan.FromMinutes(10), TestScenarios.Latency("2s")),
        ]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline), _time);
        clock.Start();
        return (clock, new ChaosKit.Fakes.StatusPages.StatusPages(clock, [(scenario.Providers[0], options)]));
    }

    [Fact]
    public void The_page_follows_the_timeline_with_the_anthropic_shape()
    {
        var (_, pages) = Start(null);
        Assert.Equal("none", Indicator(pages));

        _time.Advance(TimeSpan.FromMinutes(8));
        using var summary = JsonDocument.Parse(pages.TryRender(TestScenarios.Provider, "api/v2/summary.json")!);
        var root = summary.RootElement;
        Assert.Equal("tymt9n04zgry", root.GetProperty("page").GetProperty("id").GetString());
        Assert.Equal("Major Service Outage", root.GetProperty("status").GetProperty("description").GetString());
        Assert.Equal("major_outage", root.GetProperty("components")[0].GetProperty("status").GetString());
        var incident = root.GetProperty("incidents")[0];
        Assert.Equal("investigating", incident.GetProperty("status").GetString());
        Assert.Equal("2026-04-28T17:34:00.000Z", incident.GetProperty("started_at").GetString());

        _time.Advance(TimeSpan.FromMinutes(78));
        Assert.Equal("minor", Indicator(pages)); // latency only: degraded performance
    }

    [Fact]
    public void A_lagging_page_admits_the_incident_late_and_clears_it_late()
    {
        var (_, pages) = Start(new StatusPageOptions(Lag: TimeSpan.FromMinutes(7)));

        _time.Advance(TimeSpan.FromMinutes(13));
        Assert.Equal("none", Indicator(pages));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("major", Indicator(pages));
        using var unresolved = JsonDocument.Parse(pages.TryRender(TestScenarios.Provider, "api/v2/incidents/unresolved.json")!);
        Assert.Equal("2026-04-28T17:41:00.000Z", unresolved.RootElement.GetProperty("incidents")[0].GetProperty("started_at").GetString());
    }

    [Fact]
    public void A_spent_quota_is_the_callers_own_limit_and_never_shows_on_the_page()
    {
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("baseline", TimeSpan.FromMinutes(1)),
            TestScenarios.Phase("quota", TimeSpan.FromMinutes(10), TestScenarios.Fault("quota", settings: ("requests_per_minute", "60"))),
            TestScenarios.Phase("quota-and-errors", TimeSpan.FromMinutes(10),
                TestScenarios.Fault("quota", settings: ("requests_per_minute", "60")), TestScenarios.Error(500, rate: 0.2)),
        ]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline), _time);
        clock.Start();
        var pages = new ChaosKit.Fakes.StatusPages.StatusPages(clock, [(scenario.Providers[0], null)]);

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("none", Indicator(pages));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("minor", Indicator(pages)); // the 500s alone: a partial outage
    }

    [Fact]
    public void An_always_operational_page_never_admits_anything_and_unknown_paths_are_null()
    {
        var (_, pages) = Start(new StatusPageOptions(AlwaysOperational: true));
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal("none", Indicator(pages));
        Assert.Null(pages.TryRender(TestScenarios.Provider, "api/v2/nope.json"));
        Assert.Null(pages.TryRender("nobody", "api/v2/status.json"));
    }

    private static string Indicator(ChaosKit.Fakes.StatusPages.StatusPages pages)
    {
        using var status = JsonDocument.Parse(pages.TryRender(TestScenarios.Provider, "api/v2/status.json")!);
        return status.RootElement.GetProperty("status").GetProperty("indicator").GetString()!;
    }
}
