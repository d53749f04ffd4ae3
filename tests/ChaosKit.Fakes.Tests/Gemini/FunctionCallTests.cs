using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Gemini;

/// <summary>Forced function calls (<c>functionCallingConfig.mode: ANY</c>), raw HTTP as in <see cref="GenerateContentTests"/>.</summary>
public sealed class FunctionCallTests
{
    private const string Key = "AIza-chaoskit-test";

    // Gemini's OpenAPI subset: capitalised types, enums as strings.
    private const string Tools = """
        "tools":[{"functionDeclarations":[
          {"name":"get_time","description":"Time","parameters":{"type":"OBJECT","properties":{"zone":{"type":"STRING"}}}},
          {"name":"get_weather","description":"Weather forecast","parameters":{"type":"OBJECT","properties":{
            "city":{"type":"STRING"},"unit":{"type":"STRING","enum":["celsius","fahrenheit"]},
            "days":{"type":"INTEGER","minimum":1,"maximum":7}},"required":["city","unit","days"]}}]}]
        """;

    private static string Body(string mode, string? allowed = null)
    {
        var names = allowed is null ? "" : $",\"allowedFunctionNames\":[\"{allowed}\"]";
        return "{\"contents\":[{\"parts\":[{\"text\":\"Weather in Paris?\"}],\"role\":\"user\"}]," + Tools +
            ",\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"" + mode + "\"" + names + "}}}";
    }

    private static async Task<string> PostAsync(FakeRun run, string action, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1beta/models/gemini-2.5-flash:{action}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-goog-api-key", Key);
        using var response = await run.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Mode_any_with_allowed_names_answers_with_that_function_call_plain_and_streamed()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var plain = JsonDocument.Parse(await PostAsync(run, "generateContent", Body("ANY", "get_weather")));
        var stream = await PostAsync(run, "streamGenerateContent?alt=sse", Body("ANY", "get_weather"));

        var candidate = plain.RootElement.GetProperty("candidates")[0];
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        var call = candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        var args = call.GetProperty("args");
        Assert.False(string.IsNullOrEmpty(args.GetProperty("city").GetString()));
        Assert.Contains(args.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        Assert.InRange(args.GetProperty("days").GetInt32(), 1, 7);
        Assert.True(plain.RootElement.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32() > 0);

        Assert.EndsWith("}\r\n\r\n", stream, StringComparison.Ordinal);
        var chunk = Assert.Single(stream.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries));
        using var streamed = JsonDocument.Parse(chunk["data: ".Length..]);
        var streamedCandidate = streamed.RootElement.GetProperty("candidates")[0];
        Assert.Equal(call.GetRawText(), streamedCandidate.GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall").GetRawText());
        Assert.Equal("STOP", streamedCandidate.GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task Mode_any_without_names_calls_the_first_function_and_auto_answers_with_text()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        using var any = JsonDocument.Parse(await PostAsync(run, "generateContent", Body("ANY")));
        using var auto = JsonDocument.Parse(await PostAsync(run, "generateContent", Body("AUTO")));

        Assert.Equal("get_time", any.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0]
            .GetProperty("functionCall").GetProperty("name").GetString());
        var part = auto.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        Assert.False(part.TryGetProperty("functionCall", out _));
        Assert.False(string.IsNullOrEmpty(part.GetProperty("text").GetString()));
    }
}
