namespace ChaosKit.SampleApp;

/// <summary>
/// Answers kept for when the provider is down: honest "try again later" replies rather than an error page, the way
/// a support assistant degrades gracefully.
/// </summary>
internal sealed class FallbackAnswers
{
    private static readonly string[] Answers =
    [
        "Our assistant is busy right now. Here is what usually helps: check the status page and try again in a minute.",
        "I can't reach the answer service at the moment. Your question has been noted; please retry shortly.",
        "The assistant is temporarily unavailable. In the meantime, the help centre covers the most common questions.",
    ];

    /// <summary>Picks a stored answer; the same question always gets the same one.</summary>
    public string For(string question) => Answers[(int)((uint)StableHash(question) % Answers.Length)];

    private static int StableHash(string text)
    {
        // string.GetHashCode is randomised per process; a fixed hash keeps answers stable across runs.
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
