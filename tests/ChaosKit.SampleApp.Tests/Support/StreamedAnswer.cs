using System.Net;
using System.Text;
using System.Text.Json;

namespace ChaosKit.SampleApp.Tests.Support;

/// <summary>What a user of <c>/api/ask/stream</c> got: the status, the headers, the text of the deltas and the done event.</summary>
internal sealed record StreamedAnswer(HttpStatusCode Status, string? ServedBy, string? Source, string ContentType, string Text, int Deltas, JsonElement? Done, string Body)
{
    public static async Task<StreamedAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var text = new StringBuilder();
        var deltas = 0;
        JsonElement? done = null;
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..];
            var data = lines.FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal))?["data: ".Length..];
            if (data is null) continue;
            using var json = JsonDocument.Parse(data);
            if (name == "delta")
            {
                text.Append(json.RootElement.GetProperty("text").GetString());
                deltas++;
            }
            else if (name == "done")
            {
                done = json.RootElement.Clone();
            }
        }
        return new StreamedAnswer(
            response.StatusCode, Header(response, "x-served-by"), Header(response, "X-Answer-Source"),
            response.Content.Headers.ContentType?.MediaType ?? "", text.ToString(), deltas, done, body);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
