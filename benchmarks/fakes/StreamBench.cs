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
/// and against a bare Kestrel SSE endpoint that replays the fake's own events at the same pace, in alternating rounds
/// (<c>STREAM_ROUNDS</c>, default 5, and 9 at 5,000 streams), read by the same client.
/// </summary>
internal static class StreamBench
{
    private const int Tokens = 30;
    private static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string Body = $$"""{"model":"gpt-4o-mini","max_tokens":{{Tokens}},"stream":true,"messages":[{"role":"user","content":"Hi"}]}""";

    public static async Task<int> RunAsync(int streams)
    {
        var pace = new StreamingSpec(Gap, 1 / Gap.TotalSeconds, 0);
        var (fakes, journal) = await BenchFakes.StartAsync(pace);
        await using var __ = fakes;
        var fakeUrl = new Uri(fakes.Fakes[0].BaseUrl, "v1/chat/completions");
        var body = Body;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        var (events, headers) = await CaptureEventsAsync(fakeUrl, body);
        bare.MapPost("/v1/chat/completions", context => BareStreamAsync(context, events, headers));
        await bare.StartAsync();
        var bareUrl = new Uri($"{bare.Urls.First()}/v1/chat/completions");
        Console.WriteLine($"  bare Kestrel replays the fake's {events.Length} events and {headers.Length} headers");

        // The client runs in a process of its own, as an application under test would: its garbage collections
        // (it allocates far more than the servers do) then stop only its own threads, and the pauses this process
        // sees are the servers' own, which the round's figures show.
        using var client = StartClient(streams);
        // One full-size round of each first, discarded: whichever server ran first otherwise paid alone for the
        // client's JIT tiering and the thread pool growing to the load.
        await MeasureRoundAsync(client, fakeUrl);
        await MeasureRoundAsync(client, bareUrl);
        // Then alternate measured rounds, so a host that speeds up or slows down meanwhile weighs on both alike,
        // in ABBA order: a round inherits the garbage the round before it left in the servers' process (the collection
        // it triggers lands in this round's gaps), so each server follows each as often. The figure is the ratio of
        // the median p99s.
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("STREAM_ROUNDS"), CultureInfo.InvariantCulture, out var r)
            ? Math.Max(1, r)
            : DefaultRounds(streams);
        var fakeRounds = new List<Figures>();
        var bareRounds = new List<Figures>();
        // ALLOC_TYPES=1: what each server allocates, by type (sampled by the runtime every ~100 KB), over its rounds.
        using var fakeAllocations = Environment.GetEnvironmentVariable("ALLOC_TYPES") == "1" ? new AllocationSampler() : null;
        using var bareAllocations = fakeAllocations is null ? null : new AllocationSampler();
        async Task<Figures> FakeRoundAsync()
        {
            if (fakeAllocations is not null) fakeAllocations.On = true;
            try { return await MeasureRoundAsync(client, fakeUrl); }
            finally { if (fakeAllocations is not null) fakeAllocations.On = false; }
        }
        async Task<Figures> BareRoundAsync()
        {
            if (bareAllocations is not null) bareAllocations.On = true;
            try { return await MeasureRoundAsync(client, bareUrl); }
            finally { if (bareAllocations is not null) bareAllocations.On = false; }
        }
        for (var round = 1; round <= rounds; round++)
        {
            Figures fake, baseline;
            if (round % 2 == 1)
            {
                fake = await FakeRoundAsync();
                baseline = await BareRoundAsync();
            }
            else
            {
                baseline = await BareRoundAsync();
                fake = await FakeRoundAsync();
            }
            fakeRounds.Add(fake);
            bareRounds.Add(baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  streams={streams} round {round}: fake p50={fake.P50:0.0}ms p99={fake.P99:0.0}ms max={fake.Max:0.0}ms ok={fake.Completed} wall={fake.Wall:0.00}s server gc={fake.GcPause:0}ms ({fake.Collections}) | " +
                $"bare p50={baseline.P50:0.0}ms p99={baseline.P99:0.0}ms max={baseline.Max:0.0}ms ok={baseline.Completed} wall={baseline.Wall:0.00}s server gc={baseline.GcPause:0}ms ({baseline.Collections})"));
        }
        client.StandardInput.Close();
        await client.WaitForExitAsync();
        if (fakeAllocations is not null)
        {
            Console.WriteLine("  allocations by type (sampled), fake:");
            foreach (var line in fakeAllocations.Top(20)) Console.WriteLine("    " + line);
            Console.WriteLine("  bare Kestrel:");
            foreach (var line in bareAllocations!.Top(12)) Console.WriteLine("    " + line);
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

    // At 5,000 streams a round's p99 moves by up to a factor of two with the collections that land in it, so the
    // larger count gets more rounds.
    private static int DefaultRounds(int streams) => streams >= 5_000 ? 9 : 5;

    // One stream of the fake's, cut into its events (each with its blank line), and its response headers, for the bare
    // endpoint to replay: the same bytes on the wire, as in the non-streaming comparison, so the ratio measures the
    // fake's pacing engine and its work per chunk, not the size of OpenAI's chunks (about 230 bytes each, against 60 for
    // a minimal event) or of its headers (request id, rate limits, ...).
    private static async Task<(byte[][] Events, (string Name, string Value)[] Headers)> CaptureEventsAsync(Uri url, string body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchFakes.Key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => Encoding.UTF8.GetBytes(e + "\n\n")).ToArray();
        if (events.Length != Tokens + 3)
            throw new InvalidOperationException($"Expected a role event, {Tokens} token events, a finish event and [DONE]; the fake sent {events.Length} events.");
        // Kestrel adds Date, Server and the chunked framing itself to both.
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Server" or "Content-Length" or "Content-Type" or "Transfer-Encoding"))
            .Select(h => (h.Key, string.Join(", ", h.Value)))
            .ToArray();
        return (events, headers);
    }

    // The fake's own headers and events on the fake's schedule: the role event at once, then one token event per gap
    // on an absolute schedule, then the finish event and [DONE].
    private static async Task BareStreamAsync(HttpContext context, byte[][] events, (string Name, string Value)[] headers)
    {
        using var drain = new MemoryStream();
        await context.Request.Body.CopyToAsync(drain);
        foreach (var (name, value) in headers) context.Response.Headers[name] = value;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        var output = context.Response.BodyWriter;
        var ct = context.RequestAborted;
        await output.WriteAsync(events[0], ct);
        var started = Stopwatch.GetTimestamp();
        for (var i = 1; i <= Tokens; i++)
        {
            var wait = Gap * i - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            await output.WriteAsync(events[i], ct);
        }
        await output.WriteAsync(events[Tokens + 1], ct);
        await output.WriteAsync(events[Tokens + 2], ct);
    }

    // GcPause: the time the servers' process held every thread for garbage collection during the round, which lands
    // in the gaps of every stream it serves at once and so weighs directly on the p99.
    private sealed record Figures(double P50, double P99, double Max, int Completed, double Wall, double GcPause)
    {
        /// <summary>Collections of generations 0, 1 and 2 during the round, the bytes allocated and the server's CPU time, e.g. <c>12/3/1, 80 MB, CPU 2.10 s</c>.</summary>
        public string Collections { get; init; } = "";
    }

    private static Process StartClient(int streams)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[typeof(StreamBench).Assembly.Location, "stream-client", streams.ToString(CultureInfo.InvariantCulture)])
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the stream client process.");
    }

    // One round: the client reads N streams from url; this process records its own garbage collections meanwhile.
    private static async Task<Figures> MeasureRoundAsync(Process client, Uri url)
    {
        var paused = GC.GetTotalPauseDuration();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes();
        // One server is busy per round, so the process's CPU time is that server's (the client runs apart).
        var cpu = Environment.CpuUsage.TotalTime;
        await client.StandardInput.WriteLineAsync(url.ToString());
        await client.StandardInput.FlushAsync();
        var line = await client.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The stream client exited early.");
        var gcPause = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
        var collections = $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:0} MB, " +
            $"CPU {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:0.00} s";
        var f = line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Figures(f[0], f[1], f[2], (int)f[3], f[4], gcPause) { Collections = collections };
    }

    /// <summary>
    /// The client process: for each URL read from stdin, reads <paramref name="streams"/> concurrent streams from it
    /// and writes "p50 p99 max completed wall" (milliseconds, seconds) on one line.
    /// </summary>
    public static async Task<int> ClientAsync(int streams)
    {
        while (await Console.In.ReadLineAsync() is { Length: > 0 } url)
        {
            var (p50, p99, max, completed, wall) = await ReadRoundAsync(new Uri(url), Body, streams);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p50} {p99} {max} {completed} {wall}"));
            Console.Out.Flush();
        }
        return 0;
    }

    private static async Task<(double P50, double P99, double Max, int Completed, double Wall)> ReadRoundAsync(Uri url, string body, int streams)
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
        if (gaps.Length == 0) return (double.NaN, double.NaN, double.NaN, 0, wall);
        return (Percentile(gaps, 0.50), Percentile(gaps, 0.99), gaps[^1], results.Count(r => r is not null), wall);
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
