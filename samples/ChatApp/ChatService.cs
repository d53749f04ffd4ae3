using System.ClientModel;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using OpenAI.Chat;

namespace ChatApp;

/// <summary>A question.</summary>
public sealed record ChatRequest(string? Question);

/// <summary>The answer and who gave it: <c>openai</c>, <c>anthropic</c> (the fallback) or <c>canned</c> (both failed).</summary>
public sealed record ChatAnswer(string Answer, string ServedBy);

/// <summary>Asks OpenAI, then Claude, then gives up gracefully.</summary>
public sealed class ChatService(ChatClient openAI, IAnthropicClient anthropic, ChatSettings settings, ILogger<ChatService> logger)
{
    public const string Canned = "The assistant is busy right now; please try again in a minute.";

    public async Task<ChatAnswer> AnswerAsync(string question, CancellationToken ct)
    {
        try
        {
            ChatCompletion completion = await openAI.CompleteChatAsync([new UserChatMessage(question)], cancellationToken: ct);
            return new ChatAnswer(completion.Content[0].Text, "openai");
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("OpenAI failed ({Error}); asking Claude", e.Message.Split('\n')[0]);
        }
        try
        {
            var message = await anthropic.Messages.Create(new MessageCreateParams
            {
                Model = settings.AnthropicModel,
                MaxTokens = 300,
                Messages = [new UserMessageParam(question)],
            }, ct);
            return new ChatAnswer(string.Concat(message.Content.Select(b => b.TryPickText(out var text) ? text.Text : "")), "anthropic");
        }
        catch (Exception e) when (e is AnthropicException or HttpRequestException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Claude failed too ({Error}); answering from the canned reply", e.Message.Split('\n')[0]);
        }
        return new ChatAnswer(Canned, "canned");
    }
}
