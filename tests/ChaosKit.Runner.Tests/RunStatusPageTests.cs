using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Logging;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// <c>run</c> serves the fake status pages too and prints their URLs. The target is a tiny loopback app rather than
/// the bundled sample, so this run stays light next to the end-to-end runs.
/// </summary>
public sealed class RunStatusPageTests : IDisposable
{
    private readonly ScenarioFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_run_prints_each_status_page_url_and_serves_it_while_the_load_runs()
    {
        await using var target = await StartTargetAsync();
        var path = _files.Write(ScenarioFiles.Outage(phaseDuration: "1s", rate: 5, target: $"target:\n  url: {target.Urls.First()}"));
        Task<string>? polled = null;
        using var http = new HttpClient();
        var observer = new RecordingObserver(o =>
        {
            var line = o.Steps.Single(s => s.StartsWith("status page of claude: ", StringComparison.Ordinal));
            polled = http.GetStringAsync(line["status page of claude: ".Length..]);
        });

        var outcome = await ScenarioRunner.RunAsync(new RunOptions(path) { OutputDirectory = _files.Out("run") }, observer, CancellationToken.None);

        Assert.NotNull(outcome.Result);
        Assert.NotNull(polled);
        using var status = JsonDocument.Parse(await polled);
        Assert.Equal("none", status.RootElement.GetProperty("status").GetProperty("indicator").GetString()); // polled in the baseline
        var url = new Uri(observer.Steps.Single(s => s.StartsWith("status page of claude: ", StringComparison.Ordinal))["status page of claude: ".Length..]);
        Assert.Equal("/status-pages/claude/api/v2/status.json", url.AbsolutePath);
    }

    private static async Task<WebApplication> StartTargetAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/ask", () => HttpResults.Text("ok"));
        await app.StartAsync();
        return app;
    }
}
