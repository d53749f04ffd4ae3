using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Requests;
using static ChaosKit.Load.Tests.Fixtures;

namespace ChaosKit.Load.Tests;

public sealed class RequestRendererTests
{
    private static RequestTemplate Chat(string content = "{{lorem.sentence}}") => Get(
        "/api/ask",
        method: "post",
        headers: new Dictionary<string, string> { ["X-User"] = "{{internet.userName}}", ["X-Static"] = "same" },
        json: new Dictionary<string, object?>
        {
            ["model"] = "claude",
            ["max_tokens"] = 256,
            ["stream"] = false,
            ["messages"] = new List<object?>
            {
                new Dictionary<string, object?> { ["role"] = "user", ["content"] = content },
            },
            ["name"] = "Hello {{name.firstName}}!",
            ["note"] = null,
        });

    [Fact]
    public void Same_seed_renders_the_same_request_and_another_seed_does_not()
    {
        var a = new RequestRenderer(Chat(), seed: 42).Render(7);
        var b = new RequestRenderer(Chat(), seed: 42).Render(7);
        var otherSeed = new RequestRenderer(Chat(), seed: 43).Render(7);
        var otherIteration = new RequestRenderer(Chat(), seed: 42).Render(8);

        Assert.Equal(a.Body, b.Body);
        Assert.Equal(a.Headers, b.Headers);
        Assert.Equal(a.TraceParent, b.TraceParent);
        Assert.NotEqual(a.Body, otherSeed.Body);
        Assert.NotEqual(a.Body, otherIteration.Body);
        Assert.NotEqual(a.TraceParent, otherSeed.TraceParent);
    }

    [Fact]
    public void Body_keeps_its_shape_and_fills_only_expressions()
    {
        var rendered = new RequestRenderer(Chat(), seed: 1).Render(0);

        Assert.Equal("POST", rendered.Method);
        Assert.Equal("/api/ask", rendered.Path);
        using var json = JsonDocument.Parse(rendered.Body!);
        var root = json.RootElement;
        Assert.Equal("claude", root.GetProperty("model").GetString());
        Assert.Equal(256, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.GetProperty("stream").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("note").ValueKind);
        var content = root.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(content));
        Assert.DoesNotContain("{{", content);
        Assert.Matches("^Hello [^{}]+!$", root.GetProperty("name").GetString());

        Assert.Equal("same", rendered.Headers.Single(h => h.Key == "X-Static").Value);
        Assert.DoesNotContain("{{", rendered.Headers.Single(h => h.Key == "X-User").Value);
        Assert.Equal(KeyValuePair.Create("traceparent", rendered.TraceParent), rendered.Headers[^1]);
    }

    [Fact]
    public void A_bad_expression_is_named_in_a_clear_error()
    {
        var error = Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(Chat("Tell me {{lorem.nope}} now")));

        Assert.Contains("{{lorem.nope}}", error.Message);
        Assert.Equal("load.request.json.messages[0].content", error.Field);
    }

    [Fact]
    public void A_near_miss_gets_a_suggestion()
    {
        var error = Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(Chat("{{lorem.sentense}}")));

        Assert.Contains("did you mean {{lorem.sentence}}?", error.Message);
    }

    [Fact]
    public void Bad_header_expression_unclosed_braces_method_and_path_are_rejected()
    {
        var header = Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(
            Get("/x", headers: new Dictionary<string, string> { ["X-User"] = "{{nope.nothing}}" })));
        Assert.Equal("load.request.headers.X-User", header.Field);

        var unclosed = Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(Chat("{{lorem.sentence")));
        Assert.Contains("never closes", unclosed.Message);

        Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(Get("/x", method: "PO ST")));
        Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(Get("http://elsewhere/x")));
        Assert.Throws<ScenarioException>(() => RequestRenderer.Validate(
            Get("/x", headers: new Dictionary<string, string> { ["Bad Name"] = "v" })));
    }

    [Fact]
    public void The_load_runner_rejects_a_bad_template_before_running()
    {
        var spec = Spec(10, "/x", request: Chat("{{lorem.nope}}"));
        Assert.Throws<ScenarioException>(() => new LoadRunner(spec, 1, new Uri("http://127.0.0.1:1/"), Clock(1)));
    }

    [Fact]
    public void Trace_parent_is_valid_unique_and_reproducible()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => RequestRenderer.TraceParentFor(42, i)).ToList();

        Assert.All(ids, id => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", id));
        Assert.Equal(1000, ids.Distinct().Count());
        Assert.Equal(ids[7], RequestRenderer.TraceParentFor(42, 7));
        Assert.NotEqual(ids[7], RequestRenderer.TraceParentFor(43, 7));
    }

    [Fact]
    public void Messages_join_base_url_and_path_and_put_content_headers_on_the_content()
    {
        var template = Get("api/ask", method: "POST", json: new Dictionary<string, object?> { ["q"] = "x" },
            headers: new Dictionary<string, string> { ["Content-Type"] = "application/vnd.test+json", ["traceparent"] = "ignored" });
        var renderer = new RequestRenderer(template, 3);

        using var message = renderer.CreateMessage(5, new Uri("http://127.0.0.1:8080/base/"));

        Assert.Equal("http://127.0.0.1:8080/base/api/ask", message.RequestUri!.AbsoluteUri);
        Assert.Equal("application/vnd.test+json", message.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(RequestRenderer.TraceParentFor(3, 5), Assert.Single(message.Headers.GetValues("traceparent")));
    }
}
