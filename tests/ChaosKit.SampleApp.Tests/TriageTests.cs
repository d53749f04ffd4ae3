using System.Net;
using System.Net.Http.Json;
using ChaosKit.SampleApp.Tests.Support;
using static ChaosKit.SampleApp.Tests.Support.Scenarios;

namespace ChaosKit.SampleApp.Tests;

/// <summary><c>POST /api/triage</c>: a ticket classified through a forced tool call, or by keyword rules when no AI is reachable.</summary>
public sealed class TriageTests
{
    private static readonly string[] Categories = ["billing", "technical", "account", "other"];
    private static readonly string[] Urgencies = ["low", "normal", "high", "urgent"];

    private static Task<HttpResponseMessage> TriageAsync(SampleAppRun run, string subject, string body) =>
        run.App.PostAsJsonAsync("/api/triage", new { subject, body });

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    public async Task The_primary_provider_classifies_the_ticket_with_its_forced_tool_call(string primary)
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: true), new Dictionary<string, string> { ["SampleApp:Primary"] = primary });

        using var response = await TriageAsync(run, "Export fails", "The CSV export fails with an error since this morning.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((primary, "provider"), (response.ServedBy(), response.Source()));
        var triage = await response.JsonAsync();
        Assert.Contains(triage.Text("category"), Categories);
        Assert.Contains(triage.Text("urgency"), Urgencies);
        Assert.Equal(1, (await run.CallsAsync(primary == "anthropic" ? Claude : Gpt, 1)).Total);
    }

    [Fact]
    public async Task With_both_providers_down_the_keyword_rules_classify_it()
    {
        await using var run = await SampleAppRun.StartAsync(
            With(openAi: true, Fault("overloaded", Claude, "should_retry: false"), Fault("overloaded", Gpt, "should_retry: false")), SampleAppRun.FastResilient);

        using var response = await TriageAsync(run, "Charged twice", "My card was charged twice for this month's subscription.");

        Assert.Equal(("knowledge-base", "fallback"), (response.ServedBy(), response.Source()));
        var triage = await response.JsonAsync();
        Assert.Equal(("billing", "high"), (triage.Text("category"), triage.Text("urgency")));
        Assert.Equal((1, 1), ((await run.CallsAsync(Claude, 1)).Total, (await run.CallsAsync(Gpt, 1)).Total));
    }

    [Fact]
    public async Task In_the_naive_profile_an_outage_of_the_triage_route_is_an_error_answer()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false, Fault("overloaded", Claude)),
            new Dictionary<string, string> { ["SampleApp:Profile"] = "naive" });

        using var response = await TriageAsync(run, "Down?", "Nothing loads.");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("none", response.ServedBy());
    }

    [Fact]
    public async Task A_ticket_without_subject_or_body_is_a_bad_request()
    {
        await using var run = await SampleAppRun.StartAsync(With(openAi: false));

        using var response = await TriageAsync(run, " ", "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, run.Calls(Claude).Total);
    }
}
