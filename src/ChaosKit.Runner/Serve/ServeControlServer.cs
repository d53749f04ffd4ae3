using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// The control surface of <c>chaoskit serve</c>: a few HTTP endpoints under <c>/__chaoskit/</c> on their own
/// loopback port, so scripts and tests drive the session as the console keys do.
/// </summary>
/// <remarks>
/// Its own port rather than a prefix on each fake: the fakes stay byte-for-byte the provider's API, and one URL
/// controls every provider. It binds 127.0.0.1 only and refuses any non-loopback peer (<see cref="LoopbackApp"/>).
/// </remarks>
internal sealed class ServeControlServer : IAsyncDisposable
{
    /// <summary>The path prefix of every endpoint.</summary>
    public const string Prefix = "/__chaoskit";

    private readonly LoopbackApp _app;

    private ServeControlServer(LoopbackApp app)
    {
        _app = app;
        BaseUrl = new Uri($"http://127.0.0.1:{app.Port}{Prefix}");
    }

    /// <summary>E.g. <c>http://127.0.0.1:5123/__chaoskit</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the endpoints for <paramref name="session"/> on 127.0.0.1:<paramref name="port"/> (0 for a free port).</summary>
    /// <exception cref="HarnessException">The port is in use.</exception>
    public static async Task<ServeControlServer> StartAsync(ServeSession session, int port, CancellationToken ct)
    {
        try
        {
            return new ServeControlServer(await LoopbackApp.StartAsync(port, app => Map(app.MapGroup(Prefix), session), ct));
        }
        catch (IOException e)
        {
            throw new HarnessException($"the control surface cannot listen on 127.0.0.1:{port} ({e.Message}); choose another --control-port or 0 for a free one", e);
        }
    }

    /// <summary>Stops listening.</summary>
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void Map(RouteGroupBuilder api, ServeSession session)
    {
        api.MapGet("/status", () => HttpResults.Json(session.Status()));
        api.MapPost("/pause", () => Act(session, session.Pause));
        api.MapPost("/resume", () => Act(session, session.Resume));
        api.MapPost("/next", () => Act(session, session.NextPhase));
        api.MapPost("/phase/{phase}", (string phase) => Act(session, () => session.JumpTo(phase)));
        api.MapPost("/faults", async (HttpRequest request) =>
        {
            JsonElement body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            }
            catch (JsonException e)
            {
                return Problem($"the body is not JSON: {e.Message}");
            }
            return Act(session, () => session.SwitchOn(LiveFaultRequest.Parse(body)));
        });
        api.MapDelete("/faults", () => Act(session, session.ClearLiveFaults));
        api.MapPost("/stop", () => Act(session, session.RequestStop));
        // Statuspage-style documents per provider: GET /__chaoskit/status-pages/{provider}/api/v2/summary.json.
        session.StatusPages.MapTo(api, "/status-pages");
    }

    // Every command answers with the status after it, or 400 and one line saying what was wrong.
    private static IResult Act(ServeSession session, Action command)
    {
        try
        {
            command();
            return HttpResults.Json(session.Status());
        }
        catch (Exception e) when (e is ScenarioException or ArgumentException)
        {
            return Problem(e is ArgumentException a ? a.Message.Split(" (Parameter", 2)[0] : e.Message);
        }
    }

    private static IResult Problem(string message) =>
        HttpResults.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: StatusCodes.Status400BadRequest);
}
