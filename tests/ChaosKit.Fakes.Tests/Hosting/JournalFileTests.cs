using System.Text.Json;
using ChaosKit.Fakes.Hosting;
using ChaosKit.Fakes.Tests.Support;

namespace ChaosKit.Fakes.Tests.Hosting;

public sealed class JournalFileTests
{
    [Fact]
    public async Task Every_call_is_a_json_line_with_a_key_hash_and_never_the_key()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"chaoskit-journal-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, "journal.jsonl");
        try
        {
            await WriteAndCheckAsync(path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WriteAndCheckAsync(string path)
    {
        var scenario = TestScenarios.Create([TestScenarios.Phase("only", TimeSpan.FromHours(1))]);
        await using (var run = await FakeRun.StartAsync(scenario, options: new FakeOptions { JournalPath = path }))
        {
            using var plain = await run.PostMessagesAsync(FakeRun.HelloBody, traceId: "4bf92f3577b34da6a3ce929d0e0e4736");
            using var streamed = await run.PostMessagesAsync(
                """{"model":"claude-sonnet-4-5","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
            _ = await streamed.Content.ReadAsStringAsync();
            using var unknown = await run.PostMessagesAsync("""{"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""");
        }

        var text = await File.ReadAllTextAsync(path);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(3, lines.Count);
        Assert.DoesNotContain(FakeRun.ApiKey, text, StringComparison.Ordinal);
        var first = lines.Single(l => l.GetProperty("correlation_id").ValueKind == JsonValueKind.String);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", first.GetProperty("correlation_id").GetString());
        Assert.Equal("POST /v1/messages", first.GetProperty("route").GetString());
        Assert.Equal("claude-sonnet-4-5", first.GetProperty("model").GetString());
        Assert.Matches("^key_[0-9a-f]{8}$", first.GetProperty("key_id").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.True(first.GetProperty("tokens_out").GetInt32() > 0);
        var stream = lines.Single(l => l.GetProperty("streaming").GetBoolean());
        Assert.Equal(5, stream.GetProperty("tokens_out").GetInt32());
        Assert.True(stream.GetProperty("first_token_ms").GetDouble() <= stream.GetProperty("end_ms").GetDouble());
        Assert.Contains(lines, l => l.GetProperty("status").GetInt32() == 404);
    }
}

public sealed class JournalFileTimeTests
{
    [Theory]
    [InlineData(125_000L, "12.5")]         // 12.5 ms: trailing zeros dropped
    [InlineData(10_432_174L, "1043.217")]  // rounded to the microsecond
    [InlineData(10_432_175L, "1043.218")]  // half a microsecond rounds away from zero
    [InlineData(20_000L, "2")]             // whole milliseconds have no fraction
    [InlineData(4L, "0")]                  // under half a microsecond
    [InlineData(10L, "0.001")]             // one microsecond keeps its leading zeros
    public async Task Times_are_milliseconds_to_the_microsecond(long ticks, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = ChaosKit.Fakes.Journal.JournalFile.Create(path))
            {
                file.Append(new ChaosKit.Fakes.Journal.CallRecord(
                    "p", "POST /x", 200, null, 0, null, null, TimeSpan.Zero, TimeSpan.FromTicks(ticks)));
            }
            var line = (await File.ReadAllLinesAsync(path)).Single();
            Assert.Contains($"\"duration_ms\":{expected},", line, StringComparison.Ordinal);
            Assert.Contains($"\"end_ms\":{expected},", line, StringComparison.Ordinal);
            Assert.Contains("\"received_ms\":0,", line, StringComparison.Ordinal);
            Assert.Equal(ticks / (double)TimeSpan.TicksPerMillisecond, JsonDocument.Parse(line).RootElement.GetProperty("duration_ms").GetDouble(), 3);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_full_buffer_drops_calls_counts_them_and_keeps_the_rest_in_order()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            const int Appended = 20_000;
            long dropped;
            await using (var file = ChaosKit.Fakes.Journal.JournalFile.Create(path, capacity: 100))
            {
                // From several threads at once, far faster than the writer takes a batch every 20 ms.
                await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
                {
                    for (var i = 0; i < Appended / 4; i++)
                    {
                        file.Append(new ChaosKit.Fakes.Journal.CallRecord(
                            "p", "POST /x", 200, null, thread, null, null, TimeSpan.FromTicks(i), TimeSpan.Zero));
                    }
                })));
                dropped = file.Dropped;
            }
            var lines = (await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var calls = lines.Where(l => l.TryGetProperty("phase", out _)).ToList();

            Assert.True(dropped > 0, "the buffer of 100 should have overflowed");
            Assert.Equal(Appended, calls.Count + dropped);
            Assert.Equal(dropped, lines[^1].GetProperty("dropped").GetInt64());
            // Each thread's calls keep their order in the file.
            foreach (var thread in calls.GroupBy(c => c.GetProperty("phase").GetInt32()))
            {
                var received = thread.Select(c => c.GetProperty("received_ms").GetDouble()).ToList();
                Assert.Equal(received.Order(), received);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Values_a_client_chose_are_escaped_so_every_line_stays_valid_json()
    {
        // The model and correlation id come from the client: a quote or a line break must not break the line apart.
        var path = Path.Combine(Path.GetTempPath(), $"chaoskit-journal-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var file = ChaosKit.Fakes.Journal.JournalFile.Create(path))
            {
                file.Append(new ChaosKit.Fakes.Journal.CallRecord(
                    "p", "POST /x", 200, "error", 2, 1, null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1))
                {
                    Model = "gpt-\"4o\"\nmini",
                    CorrelationId = "tr\\ace é",
                    Streaming = true,
                    FirstToken = TimeSpan.FromMilliseconds(0.5),
                    InputTokens = 3,
                });
            }
            var line = JsonDocument.Parse((await File.ReadAllLinesAsync(path)).Single()).RootElement;
            Assert.Equal("gpt-\"4o\"\nmini", line.GetProperty("model").GetString());
            Assert.Equal("tr\\ace é", line.GetProperty("correlation_id").GetString());
            Assert.Equal("error", line.GetProperty("fault").GetString());
            Assert.Equal(2, line.GetProperty("phase").GetInt32());
            Assert.Equal(1, line.GetProperty("retry_count").GetInt32());
            Assert.True(line.GetProperty("streaming").GetBoolean());
            Assert.Equal(5.5, line.GetProperty("first_token_ms").GetDouble());
            Assert.Equal(3, line.GetProperty("tokens_in").GetInt32());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("tokens_out").ValueKind);
            Assert.Equal(JsonValueKind.Null, line.GetProperty("key_id").ValueKind);
            Assert.False(line.GetProperty("early_retry").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
