using System.Text;
using System.Text.Json;
using ChaosKit.SampleApp.KnowledgeBase;
using ChaosKit.SampleApp.Providers;
using ChaosKit.SampleApp.Resilience;

namespace ChaosKit.SampleApp.Answers;

/// <summary>
/// Streams an answer as server-sent events (<c>POST /api/ask/stream</c>): <c>delta</c> events as the provider's
/// stream arrives, then one <c>done</c> event with the id, the path that served the end of it, and <c>cut: true</c>
/// when it broke off and nothing could finish it. The response headers carry <c>x-served-by</c> of the path that
/// gave the first piece.
/// </summary>
/// <remarks>
/// A provider that fails before its first piece is passed over for the next, as in <see cref="SupportDesk"/>. One
/// that fails midway has already been relayed in part: in the <c>resilient</c> profile the next provider is asked to
/// continue from the text so far; otherwise, or when no provider is left, the answer ends marked as cut, never
/// silently half-written.
/// </remarks>
internal sealed class StreamAnswerer(AnswerPlan plan, SupportKnowledgeBase knowledgeBase, AnswerStore store, SupportDesk desk)
{
    /// <summary>Streams the answer to <paramref name="request"/>'s question.</summary>
    public async Task StreamAsync(AskRequest request, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            await SupportDesk.BadRequest(http, "Ask a question: send {\"question\": \"...\"}.").ExecuteAsync(http);
            return;
        }

        var question = request.Question;
        var ct = http.RequestAborted;
        var text = new StringBuilder();
        string? servedBy = null, continuedFrom = null, model = null;
        var source = AnswerHeaders.ProviderSource;
        List<string> reasons = [];
        Exception? last = null;
        var whole = false;
        var cut = false;

        for (var i = 0; i < plan.Providers.Count && !whole && !cut; i++)
        {
            if (text.Length > 0 && !plan.ContinuesBrokenStreams) break;
            var provider = plan.Providers[i];
            var partial = text.Length > 0 ? text.ToString() : null;
            // A stream not yet begun can still go to the next provider; one under way waits its idle timeout out.
            var failsOver = partial is null && i + 1 < plan.Providers.Count;
            using var deadline = new StreamDeadline(plan.StreamLimits, ct, anotherProviderFollows: failsOver);
            var tooLong = false;
            try
            {
                await foreach (var piece in provider.StreamAsync(question, partial, deadline.Token))
                {
                    // The deadlines are for text: a stream's opening event (its model, no text) is not a first token.
                    if (piece.Text.Length > 0)
                    {
                        // A first token as soon as a whole answer would be in time; one later, though within the
                        // failover deadline, says nothing of a provider that may be browning out.
                        if (!deadline.GotPiece && failsOver && plan.StreamLimits is { } limits && deadline.Elapsed <= limits.MinHedgeAfter) plan.PaceOf(i).OnTime();
                        deadline.OnPiece();
                    }
                    var name = AnswerHeaders.Of(provider.Provider);
                    if (servedBy != name)
                    {
                        if (servedBy is null) Begin(http, name, AnswerHeaders.ProviderSource);
                        else continuedFrom ??= servedBy;
                        servedBy = name;
                    }
                    model = piece.Model ?? model;
                    var room = plan.ValidatesOutput ? plan.MaxAnswerChars - text.Length : int.MaxValue;
                    var send = piece.Text.Length <= room ? piece.Text : piece.Text[..room];
                    text.Append(send);
                    if (send.Length > 0) await SendAsync(http, "delta", JsonSerializer.Serialize(new StreamDelta(send), SampleAppJsonContext.Default.StreamDelta), ct);
                    // Past the length limit the rest is not relayed, and no other provider is asked to make it longer.
                    if (send.Length < piece.Text.Length)
                    {
                        tooLong = true;
                        break;
                    }
                }
                if (plan.ValidatesOutput && string.IsNullOrWhiteSpace(text.ToString())) throw new InvalidOutputException("the stream had no text");
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var failure = deadline.Expired ? deadline.Failure() : e;
                if (deadline.MissedFirstToken && failsOver) plan.MissedDeadline(i);
                reasons.Add(plan.LogFailure(i, failure, partial: text.Length > 0));
                last = failure;
                continue;
            }
            if (tooLong) reasons.Add($"{AnswerHeaders.Of(provider.Provider)}: the answer ran past {plan.MaxAnswerChars} characters");
            (whole, cut) = (!tooLong, tooLong);
        }

        if (!whole && text.Length == 0)
        {
            if (!plan.UsesKnowledgeBase)
            {
                await desk.ProviderError(http, last!, AnswerPlan.ReasonOf(reasons)).ExecuteAsync(http);
                return;
            }
            var stored = knowledgeBase.Answer(question);
            (servedBy, source) = (AnswerHeaders.KnowledgeBase, AnswerHeaders.FallbackSource);
            Begin(http, servedBy, source);
            text.Append(stored.Text);
            await SendAsync(http, "delta", JsonSerializer.Serialize(new StreamDelta(stored.Text), SampleAppJsonContext.Default.StreamDelta), ct);
        }
        else if (!whole)
        {
            cut = true;
        }
        servedBy ??= AnswerHeaders.Of(plan.Providers[0].Provider); // a whole but empty answer (output not checked)
        if (!http.Response.HasStarted) Begin(http, servedBy, source);

        var id = AnswerStore.NewId();
        var reason = AnswerPlan.ReasonOf(reasons);
        store.Add(new AskResponse(text.ToString(), source, servedBy, model, reason, id) { ContinuedFrom = continuedFrom, Cut = cut });
        await SendAsync(http, "done", JsonSerializer.Serialize(new StreamDone(id, source, servedBy, cut, continuedFrom, reason), SampleAppJsonContext.Default.StreamDone), ct);
    }

    private static void Begin(HttpContext http, string servedBy, string source)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        AnswerHeaders.Set(http.Response, servedBy, source);
    }

    private static async Task SendAsync(HttpContext http, string name, string json, CancellationToken ct)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
