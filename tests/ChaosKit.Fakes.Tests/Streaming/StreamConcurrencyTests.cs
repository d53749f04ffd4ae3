using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Streaming;

[Collection(WallClockCollection.Name)]
public sealed class StreamConcurrencyTests
{
    [Fact]
    public async Task Three_hundred_paced_streams_finish_together_without_starving_the_pool()
    {
        // 200 ms to the first token, then 20 tokens at 20 a second: each stream is meant to take about 1.2 s.
        var pace = new StreamingSpec(TimeSpan.FromMilliseconds(200), 20, 0.2);
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1))],
            providers: [TestScenarios.ProviderOf("anthropic", TestScenarios.Provider, pace)]));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1_000 }) { BaseAddress = run.Fake.BaseUrl };
        const string body = """{"model":"claude-sonnet-4-5","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
        await StreamAsync(http, body); // warm-up

        var clock = Stopwatch.StartNew();
        var streams = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => StreamAsync(http, body)));
        var elapsed = clock.Elapsed;

        Assert.All(streams, s => Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", s, StringComparison.Ordinal));
        // Behaviour, not a benchmark: a blocked thread per stream would serialise them into tens of seconds.
        Assert.InRange(elapsed.TotalSeconds, 0.9, 2 * 1.2 + 1);
    }

    private static async Task<string> StreamAsync(HttpClient http, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-api-key", FakeRun.ApiKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStringAsync();
    }
}
