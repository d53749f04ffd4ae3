using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChaosKit.Runner.Serve;

namespace ChaosKit.Runner.Tests.Serve;

/// <summary>
/// The control surface takes only what a script sends: the session's token, no request from another site's page, a
/// loopback Host, small JSON bodies; and every refusal or bad command is a 4xx with one line of JSON.
/// </summary>
public sealed class ServeControlTests(ServeControlTests.Session serve) : IClassFixture<ServeControlTests.Session>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string Control => serve.Control.ControlUrl.ToString();

    [Fact]
    public async Task The_printed_url_carries_a_token_that_the_surface_requires_in_the_path_or_a_header()
    {
        var url = serve.Control.ControlUrl;
        var token = url.AbsolutePath[(ServeControlServer.Prefix.Length + 1)..];
        var bare = $"{url.Scheme}://{url.Authority}{ServeControlServer.Prefix}";

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"{Control}/status")).Status);
        var missing = await SendAsync(HttpMethod.Get, $"{bare}/status");
        var wrong = await SendAsync(HttpMethod.Post, $"{bare}/{new string('0', 32)}/pause");
        var header = await SendAsync(HttpMethod.Get, $"{bare}/status", configure: r => r.Headers.Add(ServeControlServer.TokenHeader, token));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Contains(ServeRunner.ControlUrlVariable, missing.Error);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.OK, header.Status);
        Assert.Equal("running", JsonDocument.Parse(header.Body).RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_page_of_another_site_cannot_switch_a_fault_on_even_with_a_simple_request()
    {
        // What any web page can send without a preflight: a text/plain POST, here even with the right URL.
        var fromPage = await SendAsync(HttpMethod.Post, $"{Control}/faults", """{"kind":"error","status":503}""", "text/plain",
            r => r.Headers.Add("Origin", "https://evil.example"));
        var fetchMetadata = await SendAsync(HttpMethod.Post, $"{Control}/stop", configure: r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        var status = await StatusAsync();

        Assert.Equal(HttpStatusCode.Forbidden, fromPage.Status);
        Assert.Contains("https://evil.example", fromPage.Error);
        Assert.Equal(HttpStatusCode.Forbidden, fetchMetadata.Status);
        Assert.Equal(0, status.GetProperty("live_faults").GetArrayLength());
        Assert.False(serve.Control.StopRequested.IsCompleted);
    }

    [Fact]
    public async Task A_host_that_is_not_loopback_is_refused_so_dns_rebinding_cannot_reach_the_surface()
    {
        var rebound = await SendAsync(HttpMethod.Get, $"{Control}/status", configure: r => r.Headers.Host = "attacker.example:80");
        var localhost = await SendAsync(HttpMethod.Get, $"{Control}/status", configure: r => r.Headers.Host = $"localhost:{serve.Control.ControlUrl.Port}");

        Assert.Equal(HttpStatusCode.Forbidden, rebound.Status);
        Assert.Contains("attacker.example", rebound.Error);
        Assert.Equal(HttpStatusCode.OK, localhost.Status);
    }

    [Fact]
    public async Task A_body_must_be_json_and_small()
    {
        var plain = await SendAsync(HttpMethod.Post, $"{Control}/faults", """{"kind":"error","status":503}""", "text/plain");
        var big = await SendAsync(HttpMethod.Post, $"{Control}/faults",
            $$"""{"kind":"error","status":503,"message":"{{new string('x', LiveFaultRequest.MaxBytes)}}"}""", "application/json");
        var chunked = await SendAsync(HttpMethod.Post, $"{Control}/faults", configure: r =>
        {
            r.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"message":"{{new string('x', 2 * LiveFaultRequest.MaxBytes)}}"}""")));
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            r.Headers.TransferEncodingChunked = true;
        });
        var tenMegabytes = await RawStatusAsync($"POST {serve.Control.ControlUrl.AbsolutePath}/faults", "Content-Type: application/json\r\nContent-Length: 10485760");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.Status);
        Assert.Contains("application/json", plain.Error);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tenMegabytes);
        Assert.Equal(0, (await StatusAsync()).GetProperty("live_faults").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"kind":"latency","delay":"99999999999h"}""", "delay: '99999999999h' is longer than 365 days")]
    [InlineData("""{"kind":"latency","delay":"-5s"}""", "delay: '-5s' is not a duration")]
    [InlineData("""{"kind":"error","status":99999999999999999999}""", "status")]
    [InlineData("""{"kind":"error","status":503,"rate":1e999}""", "rate: expected a number")]
    [InlineData("""{"kind":"error","status":503,"provider":"claud"}""", "did you mean 'claude'")]
    [InlineData("""{"kind":"error","status":503,"ramp":"10s"}""", "ramp: a live fault holds its rate")]
    [InlineData("""{"kind":"error","status":503,"flap":{"on":"1s","off":"1s"}}""", "flap: a live fault holds its rate")]
    [InlineData("""{"kind":"error","status":503,"rate":{"from":0,"to":1}}""", "a live fault holds its rate")]
    [InlineData("""{"kind":"error","status":{"nested":[1,2]}}""", "status: expected a single value")]
    [InlineData("""{"kind":"error","status":503,"status":504}""", "Duplicate key status")]
    [InlineData("""{"kind":"error","message":"\ud800"}""", "not valid Unicode")]
    [InlineData("""[{"kind":"error"}]""", "expected a JSON object")]
    [InlineData("""{"kind":""", "the body is not JSON")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{}}}}}}}}}}""", "the body is not JSON")]
    [InlineData("", "no body")]
    public async Task A_bad_fault_is_a_400_with_one_line_of_json_and_switches_nothing_on(string body, string reason)
    {
        var answer = await SendAsync(HttpMethod.Post, $"{Control}/faults", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(reason, answer.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await StatusAsync()).GetProperty("live_faults").GetArrayLength());
    }

    [Fact]
    public async Task A_live_fault_takes_the_same_filters_as_a_phases_fault()
    {
        var on = await SendAsync(HttpMethod.Post, $"{Control}/faults", """{"kind":"error","status":503,"route":"/v1/messages"}""", "application/json");
        var models = await ModelsStatusAsync();
        var messages = await MessagesStatusAsync();
        await SendAsync(HttpMethod.Delete, $"{Control}/faults");
        var afterwards = await MessagesStatusAsync();

        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, messages); // the fault is live on its route
        Assert.Equal(HttpStatusCode.OK, models); // and the route filter keeps it off GET /v1/models
        Assert.Equal(HttpStatusCode.OK, afterwards);
    }

    [Theory]
    [InlineData("GET", "/pause", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "/nowhere", HttpStatusCode.NotFound)]
    [InlineData("POST", "/phase/nope", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/phase/99", HttpStatusCode.BadRequest)]
    public async Task Every_refusal_says_why_in_one_line_of_json(string method, string path, HttpStatusCode expected)
    {
        var answer = await SendAsync(new HttpMethod(method), Control + path);

        Assert.Equal(expected, answer.Status);
        Assert.False(string.IsNullOrWhiteSpace(answer.Error));
    }

    private async Task<JsonElement> StatusAsync()
    {
        var answer = await SendAsync(HttpMethod.Get, $"{Control}/status");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return JsonDocument.Parse(answer.Body).RootElement.Clone();
    }

    private async Task<HttpStatusCode> MessagesStatusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{serve.Control.Environment["ANTHROPIC_BASE_URL"]}/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> ModelsStatusAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{serve.Control.Environment["ANTHROPIC_BASE_URL"]}/v1/models");
        request.Headers.Add("x-api-key", "sk-ant-test");
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Sends a request; a refusal's body must be one line of JSON with an <c>error</c>, which comes back as <c>Error</c>.</summary>
    private static async Task<(HttpStatusCode Status, string Body, string Error)> SendAsync(
        HttpMethod method, string url, string? body = null, string? contentType = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        configure?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return (response.StatusCode, text, "");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain('\n', text);
        return (response.StatusCode, text, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!);
    }

    // Headers only, declaring a body it never sends: the answer must come before any of it is read.
    private async Task<HttpStatusCode> RawStatusAsync(string requestLine, string headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, serve.Control.ControlUrl.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return (HttpStatusCode)int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>One serve session for the class, stopped at the end.</summary>
    public sealed class Session : IAsyncLifetime
    {
        private readonly ScenarioFiles _files = new();
        private readonly CancellationTokenSource _stop = new();
        private Task<ServeOutcome>? _serving;

        /// <summary>The session's commands and URLs.</summary>
        public ServeSession Control { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var observer = new ServeRunnerTests.ReadyObserver();
            var options = new ServeOptions(_files.Write(ScenarioFiles.Outage(phaseDuration: "1h"))) { RunDirectory = _files.Out("control") };
            _serving = ServeRunner.RunAsync(options, observer, _stop.Token);
            Control = await observer.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async Task DisposeAsync()
        {
            await _stop.CancelAsync();
            if (_serving is not null) await _serving.WaitAsync(TimeSpan.FromSeconds(30));
            _stop.Dispose();
            _files.Dispose();
        }
    }
}
