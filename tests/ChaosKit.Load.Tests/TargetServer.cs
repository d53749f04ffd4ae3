using System.Diagnostics;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Load.Tests;

/// <summary>A tiny real HTTP target on 127.0.0.1 with one endpoint per behaviour the tests need.</summary>
public sealed class TargetServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentDictionary<string, string> _items = new();
    private WebApplication? _app;

    /// <summary>(endpoint, traceparent) of every workflow request to <c>/items</c>.</summary>
    public ConcurrentQueue<(string Endpoint, string TraceParent)> WorkflowTraces { get; } = new();

    private readonly ConcurrentDictionary<string, long> _firstCall = new(StringComparer.Ordinal);

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>(traceparent, content type, body) of every request to <c>/echo</c>.</summary>
    public ConcurrentQueue<(string? TraceParent, string? ContentType, string Body, string? Iteration)> Echoed { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        app.Map("/ok", () => Results.Text("ok"));

        app.Map("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Echoed.Enqueue((context.Request.Headers["traceparent"].ToString(), context.Request.ContentType, body, context.Request.Headers["X-ChaosKit-Iteration"].ToString()));
            return Results.Text("echo");
        });

        // Odd-numbered calls are marked as served from the fallback path, with the header value in upper case.
        app.Map("/alternate/{key}", (string key, HttpContext context) =>
        {
            var n = _counters.AddOrUpdate(key, 1, (_, c) => c + 1);
            context.Response.Headers["X-Answer-Source"] = n % 2 == 1 ? "FALLBACK" : "primary";
            return Results.Text("answer");
        });

        app.Map("/status/{code:int}", (int code) => Results.StatusCode(code));

        app.Map("/delay/{ms:int}", async (int ms, HttpContext context) =>
        {
            await Delay(TimeSpan.FromMilliseconds(ms), context.RequestAborted);
            return Results.Text("late");
        });

        // Every second call hangs until the client goes away.
        app.Map("/hang-every-other/{key}", async (string key, HttpContext context) =>
        {
            var n = _counters.AddOrUpdate(key, 1, (_, c) => c + 1);
            if (n % 2 == 0) await Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("maybe");
        });

        // The target stalls for a second: calls that arrive from 0.5 s to 1.5 s after a key's first call are all
        // held until 1.5 s, as a server that freezes (a GC pause, a lock) and then catches up.
        app.Map("/stall-window/{key}", async (string key, HttpContext context) =>
        {
            var first = _firstCall.GetOrAdd(key, _ => Stopwatch.GetTimestamp());
            var since = Stopwatch.GetElapsedTime(first);
            if (since >= TimeSpan.FromMilliseconds(500) && since < TimeSpan.FromMilliseconds(1500))
                await Delay(TimeSpan.FromMilliseconds(1500) - since, context.RequestAborted);
            return Results.Text("caught up");
        });

        // Headers at once, the end of the body 300 ms later.
        app.Map("/slow-body", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("first part ", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Delay(TimeSpan.FromMilliseconds(300), context.RequestAborted);
            await context.Response.WriteAsync("second part", context.RequestAborted);
        });

        // A two-step workflow's target: POST /items stores an item and answers its id; GET /items/{id} reads it back.
        app.MapPost("/items", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var id = $"item-{_counters.AddOrUpdate("items", 1, (_, c) => c + 1)}";
            _items[id] = body;
            WorkflowTraces.Enqueue(("create", context.Request.Headers["traceparent"].ToString()));
            context.Response.Headers["X-Item-Id"] = id;
            return Results.Json(new Dictionary<string, string> { ["id"] = id, ["kind"] = "item" });
        });
        app.MapGet("/items/{id}", (string id, HttpContext context) =>
        {
            WorkflowTraces.Enqueue(("read", context.Request.Headers["traceparent"].ToString()));
            return _items.TryGetValue(id, out var body)
                ? Results.Json(new Dictionary<string, string> { ["id"] = id, ["body"] = body })
                : Results.NotFound();
        });

        // Server-sent events: three events, 50 ms apart.
        app.MapGet("/sse", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < 3; i++)
            {
                if (i > 0) await Delay(TimeSpan.FromMilliseconds(50), context.RequestAborted);
                await context.Response.WriteAsync($"event: delta\ndata: {i}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });

        // NDJSON with a Content-Length (streamed by its media type alone), and JSON sent chunked (one document).
        app.MapGet("/ndjson", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            context.Response.ContentLength = 16;
            await context.Response.WriteAsync("{\"a\":1}\n{\"b\":2}\n", context.RequestAborted);
        });
        app.MapGet("/chunked-json", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("{\"a\":", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await context.Response.WriteAsync("1}", context.RequestAborted);
        });

        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private static async Task Delay(TimeSpan delay, CancellationToken aborted)
    {
        try
        {
            await Task.Delay(delay, aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up; nothing to answer.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TargetCollection : ICollectionFixture<TargetServer>
{
    public const string Name = "target";
}
