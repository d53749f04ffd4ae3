using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace ChaosKit.SampleApp;

/// <summary>
/// Answers a question with Claude, and with a stored answer when Claude fails. The response header
/// <c>X-Answer-Source</c> says which path served it (<c>provider</c> or <c>fallback</c>), so a load test can tell a
/// degraded answer from a real one.
/// </summary>
internal sealed class AskHandler(IAnthropicClient client, AskSettings settings, FallbackAnswers fallback, ILogger<AskHandler> logger)
{
    public const string SourceHeader = "X-Answer-Source";

    public async Task<IResult> HandleAsync(AskRequest request, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Question))
            return Results.Problem("Ask a question: send {\"question\": \"...\"}.", statusCode: StatusCodes.Status400BadRequest);

        try
        {
            var message = await client.Messages.Create(new MessageCreateParams
            {
                Model = settings.Model,
                MaxTokens = settings.MaxTokens,
                Messages = [new UserMessageParam(request.Question)],
            }, http.RequestAborted);

            var text = string.Concat(message.Content.Select(block => block.TryPickText(out var t) ? t.Text : ""));
            http.Response.Headers[SourceHeader] = "provider";
            return Results.Ok(new AskResponse(text, "provider", message.Model.Raw(), null));
        }
        catch (Exception e) when (IsProviderFailure(e) && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Claude failed ({Failure}); answering from the fallback", Describe(e));
            http.Response.Headers[SourceHeader] = "fallback";
            return Results.Ok(new AskResponse(fallback.For(request.Question), "fallback", null, Describe(e)));
        }
    }

    private static bool IsProviderFailure(Exception e) =>
        e is AnthropicException or HttpRequestException or TaskCanceledException or IOException;

    private static string Describe(Exception e) => e switch
    {
        AnthropicApiException api => $"{e.GetType().Name}: {api.Message.Split('\n')[0]}",
        _ => $"{e.GetType().Name}: {e.Message.Split('\n')[0]}",
    };
}
