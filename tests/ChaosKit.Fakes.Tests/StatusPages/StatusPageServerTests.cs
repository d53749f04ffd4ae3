using System.Net;
using System.Text.Json;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.StatusPages;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.StatusPages;

public sealed class StatusPageServerTests
{
    [Fact]
    public async Task The_server_serves_each_providers_page_over_http_following_the_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 28, 17, 0, 0, TimeSpan.Zero));
        var scenario = TestScenarios.Create(
        [
            TestScenarios.Phase("baseline", TimeSpan.FromMinutes(1)),
            TestScenarios.Phase("down", TimeSpan.FromMinutes(1), TestScenarios.Fault(ConnectionRefusedFault.Kind)),
        ]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline), time);
        clock.Start();
        await using var server = await StatusPageServer.StartAsync(ChaosKit.Fakes.StatusPages.StatusPages.For(scenario, clock));
        using var http = new HttpClient();
        var page = server.PageOf(TestScenarios.Provider);

        Assert.Equal("none", await IndicatorAsync(http, page));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("major", await IndicatorAsync(http, page)); // a closed port is an outage of every call

        using var unknown = await http.GetAsync(server.PageOf("nobody") + "/api/v2/status.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(IPAddress.Loopback.ToString(), page.Host);
    }

    [Fact]
    public async Task The_server_refuses_a_host_that_is_not_loopback_and_any_body_but_lets_any_poller_read()
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("baseline", TimeSpan.FromMinutes(1))]);
        var clock = new RunClock(new RunTimeline(scenario.Timeline));
        clock.Start();
        await using var server = await StatusPageServer.StartAsync(ChaosKit.Fakes.StatusPages.StatusPages.For(scenario, clock));
        using var http = new HttpClient();
        var url = server.PageOf(TestScenarios.Provider) + "/api/v2/status.json";

        using var rebound = new HttpRequestMessage(HttpMethod.Get, url);
        rebound.Headers.Host = "attacker.example"; // a page that resolved its own name to 127.0.0.1 (DNS rebinding)
        using var refused = await http.SendAsync(rebound);
        using var fromPage = new HttpRequestMessage(HttpMethod.Get, url);
        fromPage.Headers.Add("Origin", "http://localhost:3000"); // a dashboard's fetch: it reads nothing without CORS, but is not refused
        using var polled = await http.SendAsync(fromPage);
        using var withBody = await http.PostAsync(url, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("attacker.example", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withBody.StatusCode);
        Assert.Contains("takes no request body", await withBody.Content.ReadAsStringAsync());
    }

    private static async Task<string?> IndicatorAsync(HttpClient http, Uri page)
    {
        using var response = await http.GetAsync(page + "/api/v2/status.json");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("status").GetProperty("indicator").GetString();
    }
}
