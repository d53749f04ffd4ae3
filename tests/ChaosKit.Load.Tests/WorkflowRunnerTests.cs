using ChaosKit.Core.Scenarios;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

/// <summary>Workflows end to end against a real Kestrel target on loopback.</summary>
[Collection(TargetCollection.Name)]
public sealed class WorkflowRunnerTests(TargetServer server)
{
    private static StepSpec Step(string name, RequestTemplate request, IReadOnlyList<CaptureSpec>? captures = null, params CheckSpec[] checks) =>
        new(name, request, captures ?? [], checks, SourceLocation.None);

    private static WorkflowSpec Workflow(string name, double rate, params StepSpec[] steps) =>
        new(name, rate, [], [new WorkflowVariable("user", "{{internet.userName}}")], steps, SourceLocation.None);

    private static LoadSpec WithWorkflows(params WorkflowSpec[] workflows) =>
        Spec(workflows.Sum(w => w.RatePerSecond), "/") with { Workflows = workflows };

    private static WorkflowSpec CreateThenRead(string name = "items", double rate = 20) => Workflow(name, rate,
        Step("create", Get("/items", method: "POST", json: new Dictionary<string, object?> { ["owner"] = "{{user}}" }),
            [new CaptureSpec("item_id", CaptureSource.JsonPath, "$.id", SourceLocation.None),
             new CaptureSpec("header_id", CaptureSource.Header, "X-Item-Id", SourceLocation.None)],
            new StatusCheck([200], SourceLocation.None)),
        Step("read", Get("/items/{{item_id}}"), null,
            new JsonEqualsCheck("$.id", "{{header_id}}", SourceLocation.None),
            new BodyContainsCheck("owner", SourceLocation.None)));

    [Fact]
    public async Task A_capture_flows_into_the_next_step_and_both_steps_share_the_iteration_trace()
    {
        var tracesBefore = server.WorkflowTraces.Count;
        var runner = new LoadRunner(WithWorkflows(CreateThenRead()), seed: 3, server.BaseUrl, Clock(null, ("first", 0.5), ("second", 0.5)));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(20, result.Overall.Outcomes.Scheduled);
        Assert.Equal(20, result.Overall.Outcomes.Ok);
        Assert.Equal(["create", "read"], result.Steps.Select(s => s.Step));
        var read = result.Steps[1];
        Assert.Equal(20, read.Counts.Ok);
        Assert.Empty(read.Failures);
        // Per phase, by the iteration's scheduled start; the phases add up to the whole run.
        Assert.Equal(10, result.PhaseSteps[0][1].Counts.Ok);
        Assert.Equal(10, result.PhaseSteps[1][1].Counts.Ok);
        Assert.Equal(read.Latency.Count, result.PhaseSteps[0][1].Latency.Count + result.PhaseSteps[1][1].Latency.Count);
        var workflow = Assert.Single(result.Workflows);
        Assert.Equal(20, workflow.Overall.Outcomes.Ok);

        // One trace id per iteration across its steps, a parent id of its own per step.
        var traces = server.WorkflowTraces.Skip(tracesBefore).ToList();
        Assert.Equal(40, traces.Count);
        var byTrace = traces.GroupBy(t => t.TraceParent.Split('-')[1]).ToList();
        Assert.Equal(20, byTrace.Count);
        Assert.All(byTrace, g =>
        {
            Assert.Equal(["create", "read"], g.Select(t => t.Endpoint).Order());
            Assert.Equal(2, g.Select(t => t.TraceParent.Split('-')[2]).Distinct().Count());
        });
    }

    [Fact]
    public async Task A_failed_check_fails_the_step_and_the_iteration_names_the_check_and_skips_the_rest()
    {
        var workflow = Workflow("broken", 10,
            Step("create", Get("/items", method: "POST", json: new Dictionary<string, object?> { ["owner"] = "x" }),
                [new CaptureSpec("item_id", CaptureSource.JsonPath, "$.id", SourceLocation.None)],
                new JsonEqualsCheck("$.kind", "order", SourceLocation.None)),
            Step("read", Get("/items/{{item_id}}")));
        var runner = new LoadRunner(WithWorkflows(workflow), seed: 3, server.BaseUrl, Clock(0.5));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(5, result.Overall.Outcomes.Failed);
        var create = result.Steps[0];
        Assert.Equal(5, create.Counts.Failed);
        Assert.Equal(5, create.Failures["json $.kind == order"]);
        Assert.Equal(1.0, create.Counts.FailedRate);
        var read = result.Steps[1];
        Assert.Equal(5, read.Counts.Skipped);
        Assert.Equal(0, read.Counts.Ran);
        Assert.Equal(0, read.Latency.Count);

        // The live figures the console polls agree with the result: the failing step is visible while the run goes.
        var live = runner.Snapshot().Steps;
        Assert.Equal(["create", "read"], live.Select(s => s.Step));
        Assert.Equal((5L, 5L, 0L), (live[0].Ran, live[0].Failures, live[0].Skipped));
        Assert.Equal((0L, 5L), (live[1].Ran, live[1].Skipped));
        Assert.Equal(0, live[1].RecentRuns);
    }

    [Fact]
    public async Task A_missing_capture_and_a_status_check_fail_with_their_reasons()
    {
        var workflow = Workflow("missing", 10,
            Step("create", Get("/items", method: "POST", json: new Dictionary<string, object?> { ["owner"] = "x" }),
                [new CaptureSpec("nope", CaptureSource.JsonPath, "$.data[0].id", SourceLocation.None)]));
        var notFound = Workflow("not-found", 10,
            Step("read", Get("/items/unknown"), null, new StatusCheck([200, 201], SourceLocation.None)));
        var runner = new LoadRunner(WithWorkflows(workflow, notFound), seed: 3, server.BaseUrl, Clock(0.5));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(5, result.Steps[0].Failures["capture nope ($.data[0].id)"]);
        Assert.Equal(5, result.Steps[1].Failures["status 200|201"]);
        Assert.Equal(5, result.Steps[1].StatusCodes["404"]);
        Assert.Equal(10, result.Overall.Outcomes.Failed);
    }

    [Fact]
    public async Task A_step_times_the_first_byte_of_an_answer_that_streams_but_not_of_one_json_document()
    {
        // Chunked text (its first part at once, the rest 300 ms later), NDJSON with a length, and chunked JSON.
        var workflow = Workflow("answers", 4, Step("chunked-text", Get("/slow-body")), Step("ndjson", Get("/ndjson")), Step("chunked-json", Get("/chunked-json")));
        var runner = new LoadRunner(WithWorkflows(workflow), seed: 5, server.BaseUrl, Clock(0.5));

        var result = await runner.RunAsync(CancellationToken.None);

        var steps = result.Steps.ToDictionary(s => s.Step);
        Assert.Equal([2L, 2L, 2L], steps.Values.Select(s => s.Counts.Ok));
        Assert.Equal(2, steps["chunked-text"].TimeToFirstByte.Count);
        Assert.True(steps["chunked-text"].TimeToFirstByte.MaxMs < steps["chunked-text"].Latency.MinMs, "the first part came before the end");
        Assert.Equal(2, steps["ndjson"].TimeToFirstByte.Count);
        Assert.Equal(0, steps["chunked-json"].TimeToFirstByte.Count);
    }

    [Fact]
    public async Task Several_workflows_run_at_once_each_on_its_own_schedule()
    {
        var sse = Workflow("stream", 6, Step("events", Get("/sse")));
        var runner = new LoadRunner(WithWorkflows(CreateThenRead(rate: 14), sse), seed: 9, server.BaseUrl, Clock(0.5));
        Assert.Equal(10, runner.PlannedIterations);

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(10, result.Overall.Outcomes.Scheduled);
        Assert.Equal([7L, 3L], result.Workflows.Select(w => w.Overall.Outcomes.Scheduled));
        // A streamed response records its time to first byte apart from its full duration; a JSON one does not.
        var events = result.Steps.Single(s => s.Step == "events");
        Assert.Equal(3, events.Counts.Ok);
        Assert.Equal(3, events.TimeToFirstByte.Count);
        Assert.True(events.TimeToFirstByte.MaxMs <= events.Latency.MaxMs);
        Assert.Equal(0, result.Steps.Single(s => s.Step == "create").TimeToFirstByte.Count);
        // Each second a stream was scheduled in has its first-byte p95, within the stream's own figures; the others none.
        var streamed = result.Seconds.Where(b => b.TtfbP95Ms > 0).ToArray();
        Assert.InRange(streamed.Length, 1, 3);
        Assert.All(streamed, b => Assert.InRange(b.TtfbP95Ms, events.TimeToFirstByte.MinMs * 0.9, events.TimeToFirstByte.MaxMs * 1.1));

        // The live snapshot lists every step, grouped by workflow in the scenario's order, with the run's counts.
        var live = runner.Snapshot().Steps;
        Assert.Equal(["items/create", "items/read", "stream/events"], live.Select(s => $"{s.Workflow}/{s.Step}"));
        Assert.Equal(result.Steps.Select(s => s.Counts.Ran), live.Select(s => s.Ran));
        Assert.Equal(result.Steps.Select(s => s.Counts.Ok), live.Select(s => s.Ok));
        Assert.All(live, s => Assert.True(s.RecentRuns > 0 && s.RecentP95Ms > 0, $"{s.Step}: no recent latency"));
    }

    [Theory]
    [InlineData("/alternate/{0}")] // every other answer marked as fallback
    [InlineData("/status/503")]    // every answer failed
    public async Task A_one_request_load_and_the_same_request_as_a_one_step_workflow_measure_the_same(string pathFormat)
    {
        var fallback = new FallbackMarker("x-answer-source", "fallback");
        var oneRequest = Spec(20, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, Guid.NewGuid().ToString("N")), fallback: fallback);
        var explicitStep = new WorkflowSpec("ask", 20, [], [],
            [Step("send", Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, Guid.NewGuid().ToString("N"))))], SourceLocation.None);
        var asWorkflow = Spec(20, "/", fallback: fallback) with { Workflows = [explicitStep] };

        var one = await new LoadRunner(oneRequest, seed: 3, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);
        var flow = await new LoadRunner(asWorkflow, seed: 3, server.BaseUrl, Clock(0.5)).RunAsync(CancellationToken.None);

        Assert.Equal(10, one.Overall.Outcomes.Scheduled);
        Assert.Equal(flow.Overall.Outcomes, one.Overall.Outcomes);
        Assert.Equal(flow.Overall.StatusCodes, one.Overall.StatusCodes);
        var (oneStep, flowStep) = (Assert.Single(one.Steps), Assert.Single(flow.Steps));
        Assert.Equal(("load", "request"), (oneStep.Workflow, oneStep.Step));
        Assert.Equal(flowStep.Counts, oneStep.Counts);
        Assert.Equal(flowStep.StatusCodes, oneStep.StatusCodes);
        Assert.Equal(flowStep.Failures, oneStep.Failures);
        Assert.Equal(one.Overall.Outcomes, Assert.Single(one.Workflows).Overall.Outcomes);
        Assert.Equal(one.Phases[0].Outcomes, one.Workflows[0].Phases[0].Outcomes);
        Assert.Equal(oneStep.Counts, Assert.Single(one.PhaseSteps[0]).Counts);
    }

    [Fact]
    public void A_bogus_typo_in_a_step_fails_before_the_run_with_the_field_and_a_suggestion()
    {
        var workflow = Workflow("typo", 1, Step("ask", Get("/items", method: "POST", json: new Dictionary<string, object?> { ["q"] = "{{lorem.sentense}}" })));

        var error = Assert.Throws<ScenarioException>(() => LoadRunner.Validate(WithWorkflows(workflow), seed: 1));

        Assert.Equal("load.workflows[0].steps[0].request.json.q", error.Field);
        Assert.Contains("did you mean {{lorem.sentence}}", error.Message);
    }

    [Fact]
    public void An_unclosed_expression_next_to_a_capture_is_explained_as_unclosed()
    {
        var workflow = Workflow("unclosed", 1, Step("ask", Get("/items/{{user}}/{{lorem.word")));

        var error = Assert.Throws<ScenarioException>(() => LoadRunner.Validate(WithWorkflows(workflow), seed: 1));

        Assert.Equal("load.workflows[0].steps[0].request.path", error.Field);
        Assert.Contains("never closes it", error.Message);
    }
}
