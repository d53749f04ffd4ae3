using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Journal;
using ChaosKit.Fakes.OpenAi;
using Microsoft.AspNetCore.Http;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>
/// Times each part of the fake's work for the non-streaming benchmark's call, in process and on one thread, so a
/// change to one part shows in its own figure instead of in the noise of a whole HTTP benchmark; then the whole
/// handler against the bare endpoint's work on the same in-memory requests.
/// </summary>
internal static class PartsBench
{
    private const int WarmupMs = 1000;
    private const int Runs = 300_000;
    private const int WholeRounds = 5;
    private const int WholeWarmupMs = 10_000;

    public static async Task<int> RunAsync()
    {
        var body = Encoding.UTF8.GetBytes(JsonBench.Body);
        var ids = new OpenAiIds(7, "gpt");
        var buffer = new ArrayBufferWriter<byte>(4096);
        var sink = 0L;

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var seed = ContentSeed.Of(7, ContentSeed.OpenAiPurpose, root);
        var answer = FakeAnswer.Write(seed, 64, []);
        var chat = new ChatCompletion("chatcmpl-x", 1, "gpt-4o-mini-2024-07-18", "fp_x", [new ChatChoice(answer, "")], 7);
        var call = new CallRecord("gpt", "POST /v1/chat/completions", 200, null, 0, null, null,
            TimeSpan.FromMilliseconds(12_345.678), TimeSpan.FromMilliseconds(0.123))
        {
            Model = "gpt-4o-mini-2024-07-18", KeyId = "key_1a2b3c4d", InputTokens = 7, OutputTokens = 64, CorrelationId = "key_1a2b3c4d",
        };

        Console.WriteLine($"parts of one call ({Runs:N0} runs each, one thread): time and bytes allocated per run");
        Time("read the request and its content seed", () =>
        {
            ChatRequest.TryRead(body, 7, null, out var r, out _);
            sink += r!.MaxTokens + r.ContentSeed;
        });
        Time("generate the answer text (64 tokens)", () => sink += FakeAnswer.Write(seed, 64, []).OutputTokens);
        Time("two ids (chatcmpl-, req_)", () => sink += ids.NewChatCompletionId().Length + ids.NewRequestId().Length);
        Time("serialise the answer", () =>
        {
            buffer.ResetWrittenCount();
            var json = new JsonAppender(buffer, buffer.Capacity);
            ChatCompletion.Write(ref json, chat);
            json.Commit();
            sink += buffer.WrittenCount;
        });
        Time("journal line (on the journal's writer thread)", () =>
        {
            buffer.ResetWrittenCount();
            JournalFile.WriteLine(buffer, call);
            sink += buffer.WrittenCount;
        });
        sink += await WholeCallAsync(body);
        return sink == 42 ? 1 : 0;
    }

    // The whole call as the fake's host runs it (request read, answer, headers, journal) against the bare endpoint's
    // work on the same in-memory contexts: the server-side cost per call without the network or wrk sharing the CPU.
    // Process CPU counts the journal's writer thread and the GC's threads too.
    private static async Task<long> WholeCallAsync(byte[] body)
    {
        var (fakes, journal) = await BenchFakes.StartAsync(StreamingSpec.Default);
        try
        {
            var handler = fakes.Fakes[0].Handler;
            var sample = NewContext(body, new MemoryStream());
            await handler.InvokeAsync(sample);
            var answer = ((MemoryStream)sample.Response.Body).ToArray();
            var headers = sample.Response.Headers.Select(h => (h.Key, h.Value.ToString())).Where(h => h.Key != "Content-Type").ToArray();
            Func<HttpContext, Task> fake = handler.InvokeAsync;
            Func<HttpContext, Task> bare = async context =>
            {
                using var copy = new MemoryStream();
                await context.Request.Body.CopyToAsync(copy);
                foreach (var (name, value) in headers) context.Response.Headers[name] = value;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = answer.Length;
                await context.Response.Body.WriteAsync(answer);
            };
            Console.WriteLine($"whole call in process ({Runs:N0} runs, alternating {WholeRounds} rounds): wall time on the calling thread, process CPU, bytes, garbage collections (gen 0/1/2)");
            var figures = new List<(double Fake, double Bare)>();
            // Tiered JIT with dynamic PGO keeps recompiling the fake's longer path for several seconds: without this,
            // the first rounds would measure the JIT's progress, not the call.
            foreach (var call in new[] { fake, bare })
            {
                for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < WholeWarmupMs;) await call(NewContext(body, Stream.Null));
            }
            for (var round = 0; round < WholeRounds; round++)
            {
                var f = await TimeCallsAsync("fake (journal on)", fake, body);
                var b = await TimeCallsAsync("bare endpoint, same bytes", bare, body);
                figures.Add((f, b));
            }
            // The fake's own work is the median of each round's difference: the host's speed drifts between rounds, and
            // a fake round and the bare round after it see nearly the same host.
            var medianFake = figures.Select(x => x.Fake).Order().ElementAt(WholeRounds / 2);
            var medianBare = figures.Select(x => x.Bare).Order().ElementAt(WholeRounds / 2);
            var medianOwn = figures.Select(x => x.Fake - x.Bare).Order().ElementAt(WholeRounds / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  median process CPU per call: fake {medianFake:0} ns, bare {medianBare:0} ns; fake's own work (median of the rounds' differences) {medianOwn:0} ns"));
            return answer.Length;
        }
        finally
        {
            await fakes.DisposeAsync();
            File.Delete(journal);
        }
    }

    /// <summary>Runs only the fake's handler on in-memory calls for <paramref name="seconds"/>, for a profiler to watch.</summary>
    public static async Task<int> ProfileAsync(int seconds)
    {
        var body = Encoding.UTF8.GetBytes(JsonBench.Body);
        var (fakes, journal) = await BenchFakes.StartAsync(StreamingSpec.Default);
        try
        {
            var handler = fakes.Fakes[0].Handler;
            var calls = 0L;
            for (var clock = Stopwatch.StartNew(); clock.Elapsed.TotalSeconds < seconds; calls++) await handler.InvokeAsync(NewContext(body, Stream.Null));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{calls:N0} calls"));
            return 0;
        }
        finally
        {
            await fakes.DisposeAsync();
            File.Delete(journal);
        }
    }

    private static DefaultHttpContext NewContext(byte[] body, Stream responseBody)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/v1/chat/completions";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers.Authorization = "Bearer " + BenchFakes.Key;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = responseBody;
        return context;
    }

    private static async Task<double> TimeCallsAsync(string name, Func<HttpContext, Task> call, byte[] body)
    {
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < WarmupMs;) await call(NewContext(body, Stream.Null));
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++) await call(NewContext(body, Stream.Null));
        clock.Stop();
        var cpuNs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / Runs;
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-50} {clock.Elapsed.TotalMilliseconds * 1e6 / Runs,7:0} ns {cpuNs,7:0} ns CPU {bytes,6:0} B; collections {GC.CollectionCount(0) - gen0,3}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds,4:0} ms, promoted by the last {GC.GetGCMemoryInfo(GCKind.Ephemeral).PromotedBytes / 1024,4} KB"));
        return cpuNs;
    }

    private static void Time(string name, Action part)
    {
        // Warm for a second at least: tiered JIT recompiles hot code only after its first 100 ms or so.
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < WarmupMs;) part();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++) part();
        clock.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-50} {clock.Elapsed.TotalMilliseconds * 1e6 / Runs,7:0} ns {bytes,6:0} B"));
    }
}
