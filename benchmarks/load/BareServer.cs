using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Load.Benchmarks;

/// <summary>The baseline target: the smallest Kestrel endpoint, so the figures measure the load generator.</summary>
internal static class BareServer
{
    public static async Task<int> ServeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/hello", () => Results.Text("ok"));
        await app.StartAsync();
        Console.WriteLine($"URL {app.Urls.First()}");
        // Bounded: the script closes stdin when done; a stuck script is cut by its own timeout.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
