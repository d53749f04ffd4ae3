using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Content;

/// <summary>A forced tool call the fake answers with instead of text.</summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">Arguments as compact JSON text, fitting the tool's schema.</param>
internal sealed record ToolCall(string Name, string Arguments)
{
    /// <summary>Output tokens the call counts as: its arguments plus a few for the name and framing.</summary>
    public int OutputTokens => FakeAnswer.Tokens(Arguments.Length) + FakeAnswer.Tokens(Name.Length) + 4;

    /// <summary>An id such as <c>toolu_01…</c> or <c>call_…</c>, derived from the content seed.</summary>
    public static string NewId(string prefix, int length, int seed)
    {
        var hash = new StableHash();
        hash.Add(seed);
        hash.Add("tool-call-id");
        return new SplitMix64(hash.Finish()).Base62String(prefix, length);
    }
}
