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

    private static async Task<string?> IndicatorAsync(HttpClient http, Uri page)
    {
        using var response = await http.GetAsync(page + "/api/v2/status.json");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("status").GetProperty("indicator").GetString();
    }
}
