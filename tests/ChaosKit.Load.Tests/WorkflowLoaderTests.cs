using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Simulations;

namespace ChaosKit.Load.Tests;

public class WorkflowLoaderTests
{
    private const string Valid = """
        name: flows
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: baseline
            duration: 10s
          - name: outage
            duration: 10s
        load:
          timeout: 5s
          workflows:
            - name: ask-and-read
              rate: 5
              variables:
                user: "{{internet.userName}}"
              steps:
                - name: ask
                  request:
                    method: POST
                    path: /api/ask
                    json:
                      question: "{{lorem.sentence}}"
                      user: "{{user}}"
                  capture:
                    answer_id: $.id
                    etag: "header:ETag"
                  checks:
                    - status: [200, 201]
                    - json_exists: $.answer
                - name: history
                  request:
                    path: /api/history/{{answer_id}}
                  checks:
                    - json_equals: { path: $.id, value: "{{answer_id}}" }
                    - body_contains: answer
                    - latency_below: 2s
            - name: other
              simulations:
                - inject: { rate: 2, interval: 1s, during: 10s }
              steps:
                - name: ping
                  request:
                    path: /healthz
        expect:
          - p99.9 < 2s
          - outage.p75 < 1s
          - step.ask.p95 < 2s
          - outage.step.history.failed_rate < 1%
          - step.other.ping.ttfb_p95 < 1s
        """;

    // A workflow's own simulations are read by the load engine's kinds.
    private static readonly ScenarioCatalogs Catalogs = new() { Simulations = SimulationRegistry.Default };

    private static ScenarioException Error(string find, string replace)
    {
        Assert.Contains(find, Valid);
        return Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace(find, replace), "flows.yaml", Catalogs));
    }

    [Fact]
    public void Reads_workflows_steps_captures_checks_and_step_expectations()
    {
        var scenario = ScenarioLoader.Parse(Valid, "flows.yaml", Catalogs);

        var load = scenario.Load!;
        Assert.Equal(["ask-and-read", "other"], load.Workflows.Select(w => w.Name));
        Assert.Equal(7, load.RatePerSecond); // 5 + the other's peak 2, for reports
        var flow = load.Workflows[0];
        Assert.Equal(new WorkflowVariable("user", "{{internet.userName}}"), Assert.Single(flow.Variables));
        Assert.Equal(["ask", "history"], flow.Steps.Select(s => s.Name));
        Assert.Same(flow.Steps[0].Request, load.Request);
        Assert.Equal([(CaptureSource.JsonPath, "$.id"), (CaptureSource.Header, "ETag")], flow.Steps[0].Captures.Select(c => (c.Source, c.Expression)));
        Assert.Equal(["status 200|201", "json $.answer exists"], flow.Steps[0].Checks.Select(c => c.Describe()));
        Assert.Equal(["json $.id == {{answer_id}}", "body contains 'answer'", "latency < 2000 ms"], flow.Steps[1].Checks.Select(c => c.Describe()));
        Assert.Single(load.Workflows[1].Simulations);

        var e = scenario.Expectations;
        Assert.Equal((null, "p99.9", 2000.0), (e[0].Phase, e[0].Metric, e[0].Threshold));
        Assert.Equal(("outage", "p75"), (e[1].Phase, e[1].Metric));
        Assert.Equal(("ask-and-read", "ask", "p95", (string?)null), (e[2].StepWorkflow, e[2].Step, e[2].Metric, e[2].Phase));
        Assert.Equal(("outage", "history", "failed_rate", 0.01), (e[3].Phase, e[3].Step, e[3].Metric, e[3].Threshold));
        Assert.Equal(("other", "ping", "ttfb_p95"), (e[4].StepWorkflow, e[4].Step, e[4].Metric));
    }

    [Theory]
    [InlineData("capture:", "captur:", "flows.yaml:25:11: load.workflows[0].steps[0].captur: unknown key 'captur'; did you mean 'capture'?")]
    [InlineData("/api/history/{{answer_id}}", "/api/history/{{answer_ld}}", "flows.yaml:33:19: load.workflows[0].steps[1].request.path: {{answer_ld}} is not a variable or an earlier capture; did you mean {{answer_id}}?")]
    [InlineData("answer_id: $.id", "answer_id: id", "flows.yaml:26:24: load.workflows[0].steps[0].capture.answer_id: 'id' is not a JSON path; start it with '$', e.g. $.id; or capture a response header with header:Name")]
    [InlineData("- json_exists: $.answer", "- json_exist: $.answer", "flows.yaml:30:15: load.workflows[0].steps[0].checks[1].json_exist: unknown key 'json_exist'; did you mean 'json_exists'?")]
    [InlineData("- status: [200, 201]", "- status: 2000", "flows.yaml:29:23: load.workflows[0].steps[0].checks[0].status: '2000' is not an HTTP status; give a code from 100 to 599, or a list such as [200, 201]")]
    public void Workflow_mistakes_are_one_line_with_file_line_column_field_and_fix(string find, string replace, string message)
    {
        Assert.Equal(message, Error(find, replace).Message);
    }

    [Fact]
    public void A_capture_cannot_be_used_before_the_step_that_takes_it()
    {
        var error = Error("question: \"{{lorem.sentence}}\"", "question: \"{{answer_id}}\"");

        Assert.Equal("load.workflows[0].steps[0].request.json.question", error.Field);
        Assert.Contains("{{answer_id}} is not a variable or an earlier capture", error.Message);
    }

    [Fact]
    public void Request_and_workflows_cannot_both_be_given()
    {
        var error = Error("  timeout: 5s\n", "  timeout: 5s\n  rate: 3\n");

        Assert.Equal("load.rate", error.Field);
        Assert.Contains("belongs inside each workflow", error.Message);
    }

    [Theory]
    [InlineData("step.ask.p95 < 2s", "step.asc.p95 < 2s", "no workflow step named 'asc'; did you mean 'ask'?")]
    [InlineData("step.ask.p95 < 2s", "step.ask.failed_rat < 2s", "unknown step metric 'failed_rat'; did you mean 'failed_rate'?")]
    [InlineData("p99.9 < 2s", "p99.9x < 2s", "unknown metric 'p99.9x'")]
    [InlineData("outage.p75 < 1s", "outgae.p75 < 1s", "no phase named 'outgae'; did you mean 'outage'?")]
    public void Step_and_percentile_expectations_are_checked_when_loading(string find, string replace, string problem)
    {
        Assert.Contains(problem, Error(find, replace).Message);
    }

    [Fact]
    public void A_step_name_two_workflows_share_must_be_qualified()
    {
        var yaml = Valid.Replace("- name: ping", "- name: ask");
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml.Replace("step.other.ping", "step.other.ask"), "flows.yaml", Catalogs));

        Assert.Contains("several workflows have a step named 'ask'; name the workflow too, e.g. step.ask-and-read.ask", error.Message);
    }

    [Theory]
    [InlineData("$.id", true)]
    [InlineData("$.choices[0].message['content']", true)]
    [InlineData("$", true)]
    [InlineData("id", false)]
    [InlineData("$.a..b", false)]
    [InlineData("$.a[x]", false)]
    public void Json_paths_parse_the_documented_subset(string text, bool valid)
    {
        Assert.Equal(valid, JsonPath.TryParse(text, out _, out _));
    }

    [Fact]
    public void Json_paths_find_values_as_text()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"id":"a1","choices":[{"n":2,"message":{"content":"hi"}}]}""");

        Assert.True(JsonPath.Parse("$.choices[0].message['content']").TryFind(document.RootElement, out var content));
        Assert.Equal("hi", JsonPath.AsText(content));
        Assert.True(JsonPath.Parse("$.choices[0].n").TryFind(document.RootElement, out var n));
        Assert.Equal("2", JsonPath.AsText(n));
        Assert.False(JsonPath.Parse("$.choices[1]").TryFind(document.RootElement, out _));
        Assert.False(JsonPath.Parse("$.id.x").TryFind(document.RootElement, out _));
    }
}
