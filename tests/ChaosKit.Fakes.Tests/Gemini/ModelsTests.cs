using System.Text.Json;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Gemini;

/// <summary><c>GET /v1beta/models</c> and <c>GET /v1beta/models/{model}</c>, raw HTTP against the real shapes.</summary>
public sealed class ModelsTests
{
    private const string Key = "AIza-chaoskit-test";

    private static async Task<(int Status, JsonDocument Body)> GetAsync(FakeRun run, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-goog-api-key", Key);
        using var response = await run.Http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task List_has_models_with_names_limits_and_methods()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        var (status, body) = await GetAsync(run, "v1beta/models");
        using var owned = body;

        Assert.Equal(200, status);
        Assert.False(body.RootElement.TryGetProperty("nextPageToken", out _));
        var models = body.RootElement.GetProperty("models").EnumerateArray().ToList();
        var flash = models.Single(m => m.GetProperty("name").GetString() == "models/gemini-2.5-flash");
        Assert.Equal(1_048_576, flash.GetProperty("inputTokenLimit").GetInt32());
        Assert.Equal(65_536, flash.GetProperty("outputTokenLimit").GetInt32());
        Assert.Contains("generateContent", flash.GetProperty("supportedGenerationMethods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Gemini 2.5 Flash", flash.GetProperty("displayName").GetString());
        Assert.All(models, m => Assert.StartsWith("models/", m.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Contains(models, m => !m.GetProperty("supportedGenerationMethods").EnumerateArray().Any(x => x.GetString() == "generateContent"));
    }

    [Fact]
    public async Task Pages_follow_next_page_token_to_the_whole_list()
    {
        await using var run = await FakeRun.StartGeminiAsync();
        var (_, whole) = await GetAsync(run, "v1beta/models");
        var all = whole.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        whole.Dispose();

        var paged = new List<string?>();
        string? token = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var (status, page) = await GetAsync(run, "v1beta/models?pageSize=3" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            using var owned = page;
            Assert.Equal(200, status);
            var names = page.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
            Assert.InRange(names.Count, 1, 3);
            paged.AddRange(names);
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
            if (token is null) break;
        }

        Assert.Null(token);
        Assert.Equal(all, paged);
        var (badStatus, bad) = await GetAsync(run, "v1beta/models?pageToken=not-a-token");
        bad.Dispose();
        Assert.Equal(400, badStatus);
    }

    [Fact]
    public async Task Get_one_model_and_the_real_404_for_an_unknown_one()
    {
        await using var run = await FakeRun.StartGeminiAsync();

        var (status, one) = await GetAsync(run, "v1beta/models/gemini-2.0-flash");
        var (missingStatus, missing) = await GetAsync(run, "v1beta/models/wrong-model-name");
        using var a = one;
        using var b = missing;

        Assert.Equal(200, status);
        Assert.Equal("models/gemini-2.0-flash", one.RootElement.GetProperty("name").GetString());
        Assert.Equal(8_192, one.RootElement.GetProperty("outputTokenLimit").GetInt32());
        Assert.Equal(404, missingStatus);
        Assert.Equal("""{"error":{"code":404,"message":"Model is not found: models/wrong-model-name for api version v1beta","status":"NOT_FOUND"}}""",
            missing.RootElement.GetRawText());
    }
}
