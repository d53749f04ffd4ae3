using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary>Start-up: the profile and providers configured, liveness and readiness, and settings the app refuses.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Healthz_is_ok_and_readyz_lists_the_profile_and_the_providers_in_order()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true), SampleAppRun.FastResilient);

        var health = await run.App.GetStringAsync("/healthz");
        using var ready = await run.App.GetAsync("/readyz");
        var readiness = await ready.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("ok", health);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(("ready", "resilient"), (readiness.Text("status"), readiness.Text("profile")));
        var providers = readiness.GetProperty("providers").EnumerateArray().ToList();
        Assert.Equal(["anthropic", "openai"], providers.Select(p => p.Text("name")));
        Assert.All(providers, p => Assert.Equal("closed", p.Text("circuit")));
    }

    [Fact]
    public async Task The_default_profile_is_sdk_defaults_with_the_primary_alone()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true));

        var readiness = await run.ReadinessAsync(_ => true);

        Assert.Equal("sdk-defaults", readiness.Text("profile"));
        Assert.Equal(["anthropic"], readiness.GetProperty("providers").EnumerateArray().Select(p => p.Text("name")));
    }

    [Fact]
    public async Task OpenAI_as_the_primary_answers_first()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true), new Dictionary<string, string> { ["SampleApp:Primary"] = "openai" });

        using var response = await run.AskAsync();
        var answer = await run.StreamAsync();

        Assert.Equal(("openai", "provider"), (response.ServedBy(), response.Source()));
        Assert.Equal("openai", answer.ServedBy);
        Assert.Equal("openai", answer.Done!.Value.Text("servedBy"));
        Assert.Equal(0, run.Calls(Claude).Total);
    }

    [Theory]
    [InlineData("SampleApp:Profile", "careful", "SampleApp:Profile is 'careful'")]
    [InlineData("SampleApp:Primary", "gemini", "SampleApp:Primary is 'gemini'")]
    public async Task An_unknown_setting_stops_the_app_at_start_up_with_what_to_write(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var run = await SampleAppRun.StartAsync(With(openAi: false), new Dictionary<string, string> { [key] = value });
        });

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_resilient_limit_the_pipeline_rejects_stops_the_app_at_start_up()
    {
        var settings = SampleAppRun.Resilient(("SampleApp:Resilient:BreakerFailureRatio", "2"));

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var run = await SampleAppRun.StartAsync(With(openAi: false), settings, warmUp: false);
        });

        Assert.Contains("FailureRatio", error.ToString());
    }

    [Fact]
    public async Task No_retries_in_the_resilient_profile_means_one_call_per_provider()
    {
        var settings = SampleAppRun.Resilient(("SampleApp:Resilient:MaxRetries", "0"));
        await using var run = await SampleAppRun.StartAsync(With(openAi: true, Fault("error", Claude, "status: 503")), settings);

        using var response = await run.AskAsync();

        Assert.Equal("openai", response.ServedBy());
        Assert.Equal(1, (await run.CallsAsync(Claude, 1)).Total);
    }

    [Fact]
    public async Task OpenAI_as_the_primary_without_its_base_url_stops_the_app_at_start_up()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var run = await SampleAppRun.StartAsync(With(openAi: false), new Dictionary<string, string> { ["SampleApp:Primary"] = "openai" });
        });

        Assert.Contains("OPENAI_BASE_URL", error.Message);
    }
}
