using System.Text;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Quotas;
using ChaosKit.Fakes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ChaosKit.Fakes.Tests.Quotas;

public sealed class QuotaFaultTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 6, 7, 8, 0, TimeSpan.Zero));

    private Task<FakeRun> StartAsync(params (string Key, string Value)[] settings) =>
        FakeRun.StartAsync(TestScenarios.Create([TestScenarios.Phase("p", TimeSpan.FromHours(1), TestScenarios.Fault("quota", 1.0, null, settings))]), _time);

    [Fact]
    public async Task Past_the_request_limit_calls_get_429_with_retry_after_and_anthropic_headers_until_it_refills()
    {
        await using var run = await StartAsync(("requests_per_minute", "3"));

        for (var i = 0; i < 3; i++)
        {
            using var ok = await run.PostMessagesAsync(FakeRun.HelloBody);
            Assert.Equal(200, (int)ok.StatusCode);
        }
        using var refused = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("20", Header(refused, "retry-after"));
        Assert.Equal("3", Header(refused, "anthropic-ratelimit-requests-limit"));
        Assert.Equal("0", Header(refused, "anthropic-ratelimit-requests-remaining"));
        Assert.Equal("2026-05-06T07:09:00Z", Header(refused, "anthropic-ratelimit-requests-reset"));
        Assert.Contains("rate_limit_error", await refused.Content.ReadAsStringAsync());

        _time.Advance(TimeSpan.FromSeconds(20));
        using var again = await run.PostMessagesAsync(FakeRun.HelloBody);
        Assert.Equal(200, (int)again.StatusCode);
    }

    [Fact]
    public async Task Per_key_quotas_keep_keys_apart()
    {
        await using var run = await StartAsync(("requests_per_minute", "1"), ("per_key", "true"));

        using var first = await SendAsync(run, "sk-ant-one");
        using var second = await SendAsync(run, "sk-ant-two");
        using var firstAgain = await SendAsync(run, "sk-ant-one");

        Assert.Equal((200, 200, 429), ((int)first.StatusCode, (int)second.StatusCode, (int)firstAgain.StatusCode));
    }

    [Fact]
    public void A_bucket_refills_continuously_and_reports_its_reset()
    {
        var bucket = new TokenBucket(600, _time);

        Assert.True(bucket.TryTake(600).Taken);
        var refused = bucket.TryTake(100);
        Assert.False(refused.Taken);
        Assert.Equal(TimeSpan.FromSeconds(10), refused.UntilAvailable);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.UntilFull);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(bucket.TryTake(100).Taken);
    }

    [Fact]
    public void A_quota_needs_a_limit()
    {
        var error = Assert.Throws<ScenarioException>(() => ChaosKit.Fakes.Faults.FaultCatalog.Default.Validate(TestScenarios.Fault("quota")));
        Assert.Contains("requests_per_minute", error.Message);
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    private static Task<HttpResponseMessage> SendAsync(FakeRun run, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = new StringContent(FakeRun.HelloBody, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return run.Http.SendAsync(request);
    }
}
