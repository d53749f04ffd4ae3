using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Anthropic;
using ChaosKit.Fakes.Gemini;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.OpenAi;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Hosting;

/// <summary>
/// Bytes no API reads (invalid UTF-8, a lone surrogate escape, a body over the limit, a type that is not JSON) get each
/// provider's own 4xx, never a 500: an SDK retries a 500, and a 500 from a fake means a ChaosKit bug
/// (docs/providers.md#bad-request-bodies).
/// </summary>
public sealed class BadRequestBodyTests
{
    public static TheoryData<string> Kinds() => ["anthropic", "openai", "gemini", "azure_openai"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Text_that_is_not_unicode_is_the_providers_400_and_good_text_still_passes(string kind)
    {
        await using var run = await StartAsync(kind);
        var provider = Wire.Of(kind);

        var good = await provider.SendAsync(run, provider.Body("caf\u00e9 \\ud83d\\ude00 and a literal \\\\ud800"));
        var invalidUtf8 = await provider.SendAsync(run, provider.Body([.. "bad "u8, 0xFF, 0xFE]));
        var noLow = await provider.SendAsync(run, provider.Body("half an emoji \\ud83d"));
        var loneLow = await provider.SendAsync(run, provider.Body("\\ude00 first"));

        Assert.Equal(HttpStatusCode.OK, good.Status);
        foreach (var answer in new[] { invalidUtf8, noLow, loneLow })
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            provider.AssertEnvelope(answer.Json);
        }
        Assert.Equal(0, run.Fakes.FakeFailures);
        Assert.Empty(run.Fakes.Warnings);
    }

    [Fact]
    public async Task Anthropic_words_a_lone_surrogate_as_its_parser_does_with_the_position()
    {
        await using var run = await StartAsync("anthropic");
        var body = Wire.Of("anthropic").Body("half an emoji \\ud83d");
        var after = Encoding.ASCII.GetString(body).IndexOf("\\ud83d", StringComparison.Ordinal) + 6;

        var answer = await Wire.Of("anthropic").SendAsync(run, body);

        var error = answer.Json.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal($"The request body is not valid JSON: no low surrogate in string: line 1 column {after + 1} (char {after})", error.GetProperty("message").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_body_typed_as_anything_but_json_is_the_providers_400_and_an_untyped_one_is_read(string kind)
    {
        await using var run = await StartAsync(kind);
        var provider = Wire.Of(kind);

        var plain = await provider.SendAsync(run, provider.Body("Hi"), contentType: "text/plain; charset=utf-8");
        var form = await provider.SendAsync(run, provider.Body("Hi"), contentType: "application/x-www-form-urlencoded");
        var untyped = await provider.SendAsync(run, provider.Body("Hi"), contentType: null);
        var charset = await provider.SendAsync(run, provider.Body("Hi"), contentType: "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.BadRequest, plain.Status);
        provider.AssertEnvelope(plain.Json);
        Assert.Contains("text/plain", plain.Json.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, form.Status);
        Assert.Equal(HttpStatusCode.OK, untyped.Status);
        Assert.Equal(HttpStatusCode.OK, charset.Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_body_over_the_providers_limit_is_refused_in_its_words_before_any_of_it_is_kept(string kind)
    {
        await using var run = await StartAsync(kind);
        var provider = Wire.Of(kind);

        // Three times the limit declared and never sent: the answer must come without reading it.
        var (status, json) = await provider.SendDeclaringAsync(run, 3L * provider.Limit);

        Assert.Equal(provider.TooLargeStatus, status);
        provider.AssertEnvelope(json);
        Assert.Equal(0, run.Fakes.FakeFailures);
    }

    [Fact]
    public async Task A_body_just_over_the_limit_is_read_to_its_end_so_the_client_gets_the_413()
    {
        await using var run = await StartAsync("anthropic");
        var provider = Wire.Of("anthropic");
        var body = new byte[AnthropicProvider.RequestLimit + 1];
        body.AsSpan().Fill((byte)' ');

        var answer = await provider.SendAsync(run, body);

        Assert.True(answer.Status == HttpStatusCode.RequestEntityTooLarge, answer.Json.ToString());
        Assert.Equal("request_too_large", answer.Json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_failure_of_the_fake_itself_is_counted_as_a_chaoskit_bug_and_reported_as_a_warning()
    {
        // A fault that throws stands for any bug in a fake: the call gets a 500 saying so, and the run a warning.
        await using var run = await FakeRun.StartAsync(TestScenarios.Create(
            [TestScenarios.Phase("only", TimeSpan.FromHours(1), TestScenarios.Fault(ThrowingFault.Kind))]),
            options: FakeOptions.Default with { Faults = ChaosKit.Fakes.Faults.FaultCatalog.Default.With(ThrowingFault.Registration) });

        using var response = await run.PostMessagesAsync(FakeRun.HelloBody);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("a ChaosKit bug", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, run.Fakes.FakeFailures);
        var warning = Assert.Single(run.Fakes.Warnings);
        Assert.Equal(Core.Results.RunWarningCodes.FakeFailures, warning.Code);
        Assert.Equal(1, warning["calls"]);
    }

    private static Task<FakeRun> StartAsync(string kind) => FakeRun.StartAsync(TestScenarios.Create(
        [TestScenarios.Phase("only", TimeSpan.FromHours(1))], providers: [TestScenarios.ProviderOf(kind, "p")]));

    private sealed class ThrowingFault : ChaosKit.Fakes.Faults.IFault
    {
        public const string Kind = "throws";

        public static ChaosKit.Fakes.Faults.FaultRegistration Registration { get; } = new(Kind, [], _ => new ThrowingFault());

        public ValueTask<ChaosKit.Fakes.Faults.FaultOutcome> ApplyAsync(ChaosKit.Fakes.Faults.FaultContext context, CancellationToken ct) =>
            throw new InvalidOperationException("a bug in a fault");
    }

    /// <summary>How each provider is called without its SDK, and what its error envelope looks like.</summary>
    private sealed record Wire(string Path, (string Name, string Value) Key, string Prefix, string Suffix, int Limit, HttpStatusCode TooLargeStatus)
    {
        public static Wire Of(string kind) => kind switch
        {
            "anthropic" => new("v1/messages", ("x-api-key", "sk-ant-test"),
                "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}",
                AnthropicProvider.RequestLimit, HttpStatusCode.RequestEntityTooLarge),
            "openai" => new("v1/chat/completions", ("Authorization", "Bearer sk-proj-test"),
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}",
                OpenAiProvider.RequestLimit, HttpStatusCode.RequestEntityTooLarge),
            "gemini" => new("v1beta/models/gemini-2.5-flash:generateContent", ("x-goog-api-key", "gemini-test-key"),
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"", "\"}]}]}",
                GeminiProvider.RequestLimit, HttpStatusCode.BadRequest),
            _ => new("openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21", ("api-key", "azure-test-key"),
                "{\"messages\":[{\"role\":\"user\",\"content\":\"", "\"}]}",
                OpenAiProvider.RequestLimit, HttpStatusCode.RequestEntityTooLarge),
        };

        /// <summary>A valid body whose prompt is <paramref name="jsonText"/>, written as it goes inside the JSON string.</summary>
        public byte[] Body(string jsonText) => Body(Encoding.UTF8.GetBytes(jsonText));

        /// <summary>A body whose prompt is these bytes, as they are.</summary>
        public byte[] Body(byte[] prompt) => [.. Encoding.UTF8.GetBytes(Prefix), .. prompt, .. Encoding.UTF8.GetBytes(Suffix)];

        public async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(
            FakeRun run, byte[] body, string? contentType = "application/json")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.TryAddWithoutValidation(Key.Name, Key.Value);
            request.Headers.Add("anthropic-version", "2023-06-01");
            using var response = await run.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, response.IsSuccessStatusCode ? default : JsonDocument.Parse(text).RootElement.Clone());
        }

        /// <summary>Sends headers that declare <paramref name="length"/> bytes of body, and no body.</summary>
        public async Task<(HttpStatusCode Status, JsonElement Json)> SendDeclaringAsync(FakeRun run, long length)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, run.Fake.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /{Path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{Key.Name}: {Key.Value}\r\nanthropic-version: 2023-06-01\r\n" +
                $"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10)); // Connection: close ends it
            var status = (HttpStatusCode)int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
            var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            if (response.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)) body = Unchunk(body);
            return (status, JsonDocument.Parse(body).RootElement.Clone());
        }

        public void AssertEnvelope(JsonElement json)
        {
            var error = json.GetProperty("error");
            if (Path.StartsWith("v1/messages", StringComparison.Ordinal))
            {
                Assert.Equal("error", json.GetProperty("type").GetString());
                Assert.Matches("^(invalid_request_error|request_too_large)$", error.GetProperty("type").GetString());
            }
            else if (Path.StartsWith("v1beta", StringComparison.Ordinal))
            {
                Assert.Equal(400, error.GetProperty("code").GetInt32());
                Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
            }
            else
            {
                Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            }
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        }

        private static string Unchunk(string chunked)
        {
            var body = new StringBuilder();
            var rest = chunked;
            while (rest.IndexOf("\r\n", StringComparison.Ordinal) is > 0 and var end
                   && int.Parse(rest[..end], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var size)
            {
                body.Append(rest.AsSpan(end + 2, size));
                rest = rest[(end + 2 + size + 2)..];
            }
            return body.ToString();
        }
    }
}
