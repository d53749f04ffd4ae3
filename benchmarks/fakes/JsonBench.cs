using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChaosKit.Core.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>The non-streaming comparison: the fake and a bare Kestrel endpoint that returns the fake's own bytes.</summary>
internal static class JsonBench
{
    public const string Body = """{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""";

    public static async Task<int> ServeAsync()
    {
        var (fakes, journal) = await BenchFakes.StartAsync(StreamingSpec.Default);
        await using var _ = fakes;
        var fakeUrl = new Uri(fakes.Fakes[0].BaseUrl, "v1/chat/completions");

        // Capture one real answer so the bare endpoint sends exactly the bytes the fake sends.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, fakeUrl) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchFakes.Key);
        using var sample = await http.SendAsync(request);
        var bytes = await sample.Content.ReadAsByteArrayAsync();
        // The bare endpoint answers with the fake's own status line, headers and body: the same bytes on the wire, so
        // the ratio measures the fake's work per call, not the size of its answer. Kestrel adds Date, Server and
        // Content-Length itself to both.
        var headers = sample.Headers.Concat(sample.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Server" or "Content-Length" or "Content-Type" or "Transfer-Encoding"))
            .Select(h => (h.Key, Value: string.Join(", ", h.Value)))
            .ToArray();
        var contentType = sample.Content.Headers.ContentType?.ToString() ?? "application/json";

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var bare = builder.Build();
        bare.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            // Read the body as the fake does, then answer with the same bytes.
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
        await bare.StartAsync();

        Console.WriteLine($"FAKE {fakeUrl}");
        Console.WriteLine($"BARE {bare.Urls.First()}/v1/chat/completions");
        Console.WriteLine($"BYTES {bytes.Length} body, {headers.Length} headers of the fake's");
        Console.WriteLine($"JOURNAL {journal}");
        Console.Out.Flush();
        // run.sh writes a label line to ask for a memory (or, for "cpu…" labels, a CPU) reading, and closes stdin when wrk is done. Console reads are
        // synchronous even when called asynchronously, so the loop runs on its own thread instead of holding a
        // thread-pool worker the servers need.
        await Task.Factory.StartNew(ReportMemoryUntilStdinCloses, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await bare.StopAsync();
        await fakes.DisposeAsync();
        File.Delete(journal);
        return 0;
    }

    // "MEM label heap_mb working_set_mb cpu_ms": the managed heap after a full collection (what the fakes keep), the
    // process's working set, so run.sh can show whether memory stays flat while the journal grows, the CPU time the
    // process has used so far and the bytes it has allocated, so run.sh can work out the server's CPU per call (which, unlike requests per second,
    // barely moves when something else shares the machine).
    private static void ReportMemoryUntilStdinCloses()
    {
        using var allocations = Environment.GetEnvironmentVariable("ALLOC_TYPES") == "1" ? new AllocationSampler() : null;
        while (Console.In.ReadLine() is { } label)
        {
            // "cpu-fake…-a" / "-b" bracket a measured run of the fake: sample its allocations by type meanwhile.
            if (allocations is not null && label.StartsWith("cpu-fake", StringComparison.Ordinal)) allocations.On = label.EndsWith("-a", StringComparison.Ordinal);
            if (allocations is not null && label == "loaded")
            {
                foreach (var line in allocations.Top(25)) Console.WriteLine("ALLOC " + line);
            }
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime.TotalMilliseconds;
            if (label.StartsWith("cpu", StringComparison.Ordinal))
            {
                Console.WriteLine(System.FormattableString.Invariant($"CPU {label} {cpu:0.0} {GC.GetTotalAllocatedBytes(precise: true)} end"));
                Console.Out.Flush();
                continue;
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Console.WriteLine(System.FormattableString.Invariant(
                $"MEM {label} {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:0.0} {process.WorkingSet64 / 1048576.0:0.0}"));
            Console.Out.Flush();
        }
    }
}
