using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace ChaosKit.SampleApp;

/// <summary>
/// Answers a question with Claude, and with a stored answer when Claude fails. The response header
/// <c>X-Answer-Source</c> says which path served it (<c>provider</c> or <c>fallback</c>), so a load test can tell a
/// degraded answer from a real one. Every answer gets an id and is kept for <c>GET /api/history/{id}</c>.
/// </summary>
internal sealed class AskHandler(IAnthropicClient client, AskSettings settings, FallbackAnswers fallback, AnswerStore store, ILogger<AskHandler> logger)
{
    public const string SourceHeader = "X-Answer-Source";

    public async Task<IResult> HandleAsync(AskRequest request, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Question))
            return Results.Problem("Ask a question: send {\"question\": \"...\"}.", statusCode: StatusCodes.Status400BadRequest);

        AskResponse answer;
        try
        {
            var message = await client.Messages.Create(Params(request.Question), http.RequestAborted);
            var text = string.Concat(message.Content.Select(block => block.TryPickText(out var t) ? t.Text : ""));
            answer = new AskResponse(text, "provider", message.Model.Raw(), null, AnswerStore.NewId());
        }
        catch (Exception e) when (IsProviderFailure(e) && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Claude failed ({Failure}); answering from the fallback", Describe(e));
            answer = new AskResponse(fallback.For(request.Question), "fallback", null, Describe(e), AnswerStore.NewId());
        }
        store.Add(answer);
        http.Response.Headers[SourceHeader] = answer.Source;
        return Results.Ok(answer);
    }

    /// <summary>
    /// Streams the answer as server-sent events (<c>delta</c> events, then <c>done</c> with the id), relaying Claude's
    /// stream as it arrives. When Claude fails before the first piece, the stored answer is sent instead; when it
    /// fails midway, the stream ends with what came, marked as fallback in the <c>done</c> event.
    /// </summary>
    public async Task StreamAsync(AskRequest request, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            await Results.Problem("Ask a question: send {\"question\": \"...\"}.", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        var id = AnswerStore.NewId();
        var text = new StringBuilder();
        string? model = null;
        var source = "provider";
        string? reason = null;
        try
        {
            await foreach (var e in client.Messages.CreateStreaming(Params(request.Question), http.RequestAborted))
            {
                if (e.TryPickStart(out var start)) model = start!.Message.Model.Raw();
                if (!e.TryPickContentBlockDelta(out var delta) || !delta!.Delta.TryPickText(out var piece)) continue;
                if (text.Length == 0) Begin(http, "provider");
                text.Append(piece!.Text);
                await SendAsync(http, "delta", JsonSerializer.Serialize(new StreamDelta(piece.Text), SampleAppJsonContext.Default.StreamDelta));
            }
        }
        catch (Exception e) when (IsProviderFailure(e) && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Claude's stream failed ({Failure}); answering from the fallback", Describe(e));
            source = "fallback";
            reason = Describe(e);
            if (text.Length == 0)
            {
                var stored = fallback.For(request.Question);
                Begin(http, "fallback");
                text.Append(stored);
                await SendAsync(http, "delta", JsonSerializer.Serialize(new StreamDelta(stored), SampleAppJsonContext.Default.StreamDelta));
            }
        }
        if (!http.Response.HasStarted) Begin(http, source); // an empty answer still gets its done event
        store.Add(new AskResponse(text.ToString(), source, model, reason, id));
        await SendAsync(http, "done", JsonSerializer.Serialize(new StreamDone(id, source, reason), SampleAppJsonContext.Default.StreamDone));
    }

    private MessageCreateParams Params(string question) => new()
    {
        Model = settings.Model,
        MaxTokens = settings.MaxTokens,
        Messages = [new UserMessageParam(question)],
    };

    private static void Begin(HttpContext http, string source)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers[SourceHeader] = source;
    }

    private static async Task SendAsync(HttpContext http, string name, string json)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static bool IsProviderFailure(Exception e) =>
        e is AnthropicException or HttpRequestException or TaskCanceledException or IOException;

    private static string Describe(Exception e) => e switch
    {
        AnthropicApiException api => $"{e.GetType().Name}: {api.Message.Split('\n')[0]}",
        _ => $"{e.GetType().Name}: {e.Message.Split('\n')[0]}",
    };
}
