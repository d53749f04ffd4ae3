using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChaosKit.Core.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>
/// The streaming comparison: N concurrent streams of 30 tokens at 10 chunks a second (no jitter), against the fake
/// and against a bare Kestrel SSE endpoint with the same pacing and event count, in alternating rounds
/// (<c>STREAM_ROUNDS</c>, default 3), read by the same client.
/// </summary>
internal static class StreamBench
{
    private const int Tokens = 30;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(int streams)
    {
        var pace = new StreamingSpec(Gap, 1 / Gap.TotalSeconds, 0);
        var (fakes, journal) = await BenchFakes.StartAsync(pace);
        await using var __ = fakes;
        var fakeUrl = new Uri(fakes.Fakes[0].BaseUrl, "v1/chat/completions");
        var body = $$"""{"model":"gpt-4o-mini","max_tokens":{{Tokens}},"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        bare.MapPost("/v1/chat/completions", BareStreamAsync);
        await bare.StartAsync();
        var bareUrl = new Uri($"{bare.Urls.First()}/v1/chat/completions");

        // One full-size round of each first, discarded: whichever server ran first otherwise paid alone for the
        // client's JIT tiering and the thread pool growing to the load.
        await MeasureAsync(fakeUrl, body, streams);
        await MeasureAsync(bareUrl, body, streams);
        // Then alternate measured rounds, so a host that speeds up or slows down meanwhile weighs on both alike;
        // the figure is the ratio of the median p99s.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("STREAM_ROUNDS"), CultureInfo.InvariantCulture, out var r) ? Math.Max(1, r) : 3;
        var fakeRounds = new List<Figures>();
        var bareRounds = new List<Figures>();
        for (var round = 1; round <= rounds; round++)
        {
            var fake = await MeasureAsync(fakeUrl, body, streams);
            var baseline = await MeasureAsync(bareUrl, body, streams);
            fakeRounds.Add(fake);
            bareRounds.Add(baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  streams={streams} round {round}: fake p50={fake.P50:0.0}ms p99={fake.P99:0.0}ms max={fake.Max:0.0}ms ok={fake.Completed} wall={fake.Wall:0.00}s | " +
                $"bare p50={baseline.P50:0.0}ms p99={baseline.P99:0.0}ms max={baseline.Max:0.0}ms ok={baseline.Completed} wall={baseline.Wall:0.00}s"));
        }
        var fakeP99 = Median(fakeRounds.Select(f => f.P99));
        var bareP99 = Median(bareRounds.Select(f => f.P99));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streams={streams}: median p99 of {rounds} rounds: fake {fakeP99:0.0}ms, bare Kestrel {bareP99:0.0}ms, p99 ratio={fakeP99 / bareP99:0.000} (goal <= 1.1)"));
        await bare.StopAsync();
        await fakes.DisposeAsync();
        File.Delete(journal);
        return 0;
    }

    // Same shape as the fake's stream: a role chunk at once, then one chunk per token on an absolute schedule.
    private static async Task BareStreamAsync(HttpContext context)
    {
        using var drain = new MemoryStream();
        await context.Request.Body.CopyToAsync(drain);
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var output = context.Response.BodyWriter;
        var ct = context.RequestAborted;
        await output.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"u8.ToArray(), ct);
        var started = Stopwatch.GetTimestamp();
        for (var i = 1; i <= Tokens; i++)
        {
            var wait = Gap * i - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            await output.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Lore\"}}]}\n\n"u8.ToArray(), ct);
        }
        await output.WriteAsync("data: [DONE]\n\n"u8.ToArray(), ct);
    }

    private sealed record Figures(double P50, double P99, double Max, int Completed, double Wall);

    private static async Task<Figures> MeasureAsync(Uri url, string body, int streams)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = streams + 10, PooledConnectionLifetime = Timeout })
        {
            Timeout = Timeout,
        };
        await ReadStreamAsync(http, url, body, CancellationToken.None); // warm up
        using var limit = new CancellationTokenSource(Timeout);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => Task.Run(() => ReadStreamAsync(http, url, body, limit.Token))));
        var wall = clock.Elapsed.TotalSeconds;
        var gaps = results.Where(r => r is not null).SelectMany(r => r!).Order().ToArray();
        if (gaps.Length == 0) return new Figures(double.NaN, double.NaN, double.NaN, 0, wall);
        return new Figures(Percentile(gaps, 0.50), Percentile(gaps, 0.99), gaps[^1], results.Count(r => r is not null), wall);
    }

    // Gaps in ms between consecutive token events (events 1..Tokens); null when the stream failed.
    private static async Task<List<double>?> ReadStreamAsync(HttpClient http, Uri url, string body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchFakes.Key);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[4096];
            var arrivals = new List<long>(Tokens + 4);
            byte previous = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                var now = Stopwatch.GetTimestamp();
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == (byte)'\n' && previous == (byte)'\n') arrivals.Add(now);
                    previous = buffer[i];
                }
            }
            var gaps = new List<double>(Tokens);
            for (var i = 2; i <= Tokens && i < arrivals.Count; i++)
                gaps.Add(Stopwatch.GetElapsedTime(arrivals[i - 1], arrivals[i]).TotalMilliseconds);
            return gaps;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
