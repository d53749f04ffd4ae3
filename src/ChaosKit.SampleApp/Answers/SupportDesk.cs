using System.Text.Json;
using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.KnowledgeBase;
using ChaosKit.SampleApp.Providers;

namespace ChaosKit.SampleApp.Answers;

/// <summary>
/// Answers questions (<c>POST /api/ask</c>) and triages tickets (<c>POST /api/triage</c>) as the profile's
/// <see cref="AnswerPlan"/> says: the providers in turn, then the knowledge base, or an error answer in <c>naive</c>.
/// Every response says which path served it in <c>x-served-by</c> and <c>X-Answer-Source</c>; every answer gets
/// an id and is kept for <c>GET /api/history/{id}</c>.
/// </summary>
internal sealed class SupportDesk(AnswerPlan plan, SupportKnowledgeBase knowledgeBase, AnswerStore store)
{
    /// <summary>Answers <paramref name="request"/>'s question.</summary>
    public async Task<IResult> AskAsync(AskRequest request, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Question)) return BadRequest(http, "Ask a question: send {\"question\": \"...\"}.");

        var outcome = await plan.FirstAsync(async (provider, ct) => plan.Checked(await provider.AskAsync(request.Question, ct)), http.RequestAborted);
        AskResponse answer;
        if (outcome is { Provider: { } provider, Value: { } reply })
        {
            answer = new AskResponse(reply.Text, AnswerHeaders.ProviderSource, AnswerHeaders.Of(provider), reply.Model, outcome.Reason, AnswerStore.NewId());
        }
        else if (plan.UsesKnowledgeBase)
        {
            var stored = knowledgeBase.Answer(request.Question);
            answer = new AskResponse(stored.Text, AnswerHeaders.FallbackSource, AnswerHeaders.KnowledgeBase, null, outcome.Reason, AnswerStore.NewId())
            {
                Article = stored.ArticleId,
            };
        }
        else
        {
            return ProviderError(http, outcome.Failure!, outcome.Reason);
        }
        store.Add(answer);
        AnswerHeaders.Set(http.Response, answer.ServedBy, answer.Source);
        return Results.Ok(answer);
    }

    /// <summary>Classifies <paramref name="request"/>'s ticket with a forced tool call, or with the keyword rules.</summary>
    public async Task<IResult> TriageAsync(TriageRequest request, HttpContext http)
    {
        var ticket = string.Join("\n\n", new[] { request.Subject, request.Body }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (ticket.Length == 0) return BadRequest(http, "Send a ticket: {\"subject\": \"...\", \"body\": \"...\"}.");

        var outcome = await plan.FirstAsync(async (provider, ct) =>
        {
            var reply = await provider.TriageAsync(ticket, ct);
            return (Reply: reply, Triage: ParseTriage(reply.Text));
        }, http.RequestAborted);
        TriageResponse triage;
        if (outcome.Provider is { } provider)
        {
            var ((_, model), (category, urgency)) = outcome.Value;
            triage = new TriageResponse(category, urgency, AnswerHeaders.ProviderSource, AnswerHeaders.Of(provider), model, outcome.Reason);
        }
        else if (plan.UsesKnowledgeBase)
        {
            var (category, urgency) = TriageRules.Classify(ticket);
            triage = new TriageResponse(category, urgency, AnswerHeaders.FallbackSource, AnswerHeaders.KnowledgeBase, null, outcome.Reason);
        }
        else
        {
            return ProviderError(http, outcome.Failure!, outcome.Reason);
        }
        AnswerHeaders.Set(http.Response, triage.ServedBy, triage.Source);
        return Results.Ok(triage);
    }

    /// <summary>A 400 for a request without what it needs; no path served it.</summary>
    public static IResult BadRequest(HttpContext http, string detail)
    {
        AnswerHeaders.Set(http.Response, AnswerHeaders.None, null);
        return Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The <c>naive</c> profile's answer to an outage: 503 when the provider is busy or out of reach (try again
    /// later), 502 when it failed otherwise, as a problem body naming the provider and the failure.
    /// </summary>
    public IResult ProviderError(HttpContext http, Exception failure, string? reason)
    {
        AnswerHeaders.Set(http.Response, AnswerHeaders.None, null);
        var status = (int)ProviderFailure.ErrorStatusFor(failure);
        var provider = plan.Providers[0].Provider;
        return Results.Problem(
            detail: reason,
            statusCode: status,
            title: status == StatusCodes.Status503ServiceUnavailable
                ? $"{AiProviders.DisplayNameOf(provider)} is unavailable; try again later."
                : $"{AiProviders.DisplayNameOf(provider)} failed to answer.",
            extensions: new Dictionary<string, object?> { ["provider"] = AiProviders.NameOf(provider), ["servedBy"] = AnswerHeaders.None });
    }

    /// <summary>The tool call's arguments as a category and an urgency from the tool's lists.</summary>
    /// <exception cref="InvalidOutputException">Not a JSON object with both, or a value outside the lists.</exception>
    internal static (string Category, string Urgency) ParseTriage(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var category = document.RootElement.GetProperty("category").GetString();
            var urgency = document.RootElement.GetProperty("urgency").GetString();
            if (category is null || !TriageTool.Categories.Contains(category)) throw new InvalidOutputException($"the triage's category '{category}' is not one of the tool's");
            if (urgency is null || !TriageTool.Urgencies.Contains(urgency)) throw new InvalidOutputException($"the triage's urgency '{urgency}' is not one of the tool's");
            return (category, urgency);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOutputException($"the triage was not the JSON asked for ({e.Message})");
        }
    }
}
