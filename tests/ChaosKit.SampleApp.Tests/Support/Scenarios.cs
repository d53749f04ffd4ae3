namespace ChaosKit.SampleApp.Tests.Support;

/// <summary>
/// Scenarios for the tests, in the YAML users write: a fake Claude named <c>claude</c> and, unless left out, a fake
/// OpenAI named <c>gpt</c>, both streaming fast, in one hour-long phase with the faults given.
/// </summary>
internal static class Scenarios
{
    public const string Claude = "claude";
    public const string Gpt = "gpt";

    /// <summary>
    /// Claude's pace for a stream cut by a reset: a reset discards what the app has not read yet, so the stream runs
    /// at a pace the app reads as it comes, and long enough (<see cref="ReadableCut"/>) that some text has surely come.
    /// </summary>
    public const int ReadablePace = 200;

    /// <summary>When a stream at <see cref="ReadablePace"/> is cut: about 50 tokens in.</summary>
    public const string ReadableCut = "after: 250ms";

    /// <summary>The scenario; each fault is a YAML mapping's lines (<c>kind: error</c>, <c>provider: claude</c>, ...) joined by newlines.</summary>
    public static string With(bool openAi = true, params string[] faults) => With(openAi, 4000, faults);

    /// <summary>The scenario, with Claude streaming <paramref name="claudeTokensPerSecond"/>.</summary>
    public static string With(bool openAi, int claudeTokensPerSecond, params string[] faults)
    {
        var providers = $$"""
            providers:
              - name: claude
                kind: anthropic
                streaming: { ttft: 5ms, tokens_per_second: {{claudeTokensPerSecond}} }

            """;
        if (openAi)
        {
            providers += """
                  - name: gpt
                    kind: openai
                    streaming: { ttft: 5ms, tokens_per_second: 4000 }

                """;
        }
        var timeline = "timeline:\n  - name: only\n    duration: 1h\n";
        if (faults.Length > 0)
        {
            timeline += "    faults:\n" + string.Concat(faults.Select(f =>
                "      - " + string.Join("\n        ", f.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) + "\n"));
        }
        return providers + timeline;
    }

    /// <summary>A fault's lines: its kind, its provider, and its settings.</summary>
    public static string Fault(string kind, string provider, params string[] settings) =>
        string.Join("\n", [$"kind: {kind}", $"provider: {provider}", .. settings]);
}
