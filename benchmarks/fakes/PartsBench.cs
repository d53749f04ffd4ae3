using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Benchmarks;

/// <summary>
/// Times each part of the fake's work for the non-streaming benchmark's call, in process and on one thread, so a
/// change to one part shows in its own figure instead of in the noise of a whole HTTP benchmark.
/// </summary>
internal static class PartsBench
{
    private const int Warmup = 50_000;
    private const int Runs = 300_000;

    public static int Run()
    {
        var body = Encoding.UTF8.GetBytes(JsonBench.Body);
        var ids = new OpenAiIds(7, "gpt");
        var buffer = new ArrayBufferWriter<byte>(4096);
        var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var sink = 0L;

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var seed = ContentSeed.Of(7, ContentSeed.OpenAiPurpose, root);
        var answer = FakeAnswer.Write(seed, 64, []);
        var chat = new ChatCompletion("chatcmpl-x", 1, "gpt-4o-mini-2024-07-18", "fp_x", answer, 7);

        Console.WriteLine($"parts of one call ({Runs:N0} runs each, one thread): time and bytes allocated per run");
        Time("read the request and its content seed", () =>
        {
            using var d = JsonDocument.Parse(body);
            ChatRequest.Read(d.RootElement, out var r);
            sink += r!.MaxTokens + ContentSeed.Of(7, ContentSeed.OpenAiPurpose, d.RootElement);
        });
        Time("generate the answer text (64 tokens)", () => sink += FakeAnswer.Write(seed, 64, []).OutputTokens);
        Time("two ids (chatcmpl-, req_)", () => sink += ids.NewChatCompletionId().Length + ids.NewRequestId().Length);
        Time("serialise the answer", () =>
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            ChatCompletion.Write(writer, chat);
            writer.Flush();
            sink += buffer.WrittenCount;
        });
        return sink == 42 ? 1 : 0;
    }

    private static void Time(string name, Action part)
    {
        for (var i = 0; i < Warmup; i++) part();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++) part();
        clock.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)Runs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-50} {clock.Elapsed.TotalMilliseconds * 1e6 / Runs,7:0} ns {bytes,6:0} B"));
    }
}
