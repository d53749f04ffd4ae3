namespace ChaosKit.SampleApp.KnowledgeBase;

/// <summary>
/// Triage without AI: keyword rules that give every ticket a category and an urgency from the same lists the model
/// chooses from, so tickets keep being routed when no provider is reachable.
/// </summary>
internal static class TriageRules
{
    private static readonly (string Category, string[] Words)[] CategoryWords =
    [
        ("billing", ["invoice", "refund", "charge", "charged", "payment", "billing", "bill", "subscription", "price", "card"]),
        ("account", ["password", "login", "log", "sign", "account", "2fa", "two-factor", "email", "locked", "username"]),
        ("technical", ["error", "bug", "crash", "api", "slow", "down", "outage", "timeout", "broken", "fails", "failed", "export"]),
    ];

    private static readonly (string Urgency, string[] Words)[] UrgencyWords =
    [
        ("urgent", ["outage", "down", "urgent", "asap", "security", "breach", "hacked", "emergency"]),
        ("high", ["error", "failed", "fails", "blocked", "locked", "cannot", "can't", "twice", "broken"]),
        ("low", ["question", "wondering", "feature", "suggestion", "curious", "idea"]),
    ];

    /// <summary>The category and urgency of <paramref name="ticket"/>: the first rule whose word it contains, else <c>other</c> and <c>normal</c>.</summary>
    public static (string Category, string Urgency) Classify(string ticket)
    {
        var words = SupportKnowledgeBase.Words(ticket);
        var category = CategoryWords.FirstOrDefault(rule => rule.Words.Any(words.Contains)).Category ?? "other";
        var urgency = UrgencyWords.FirstOrDefault(rule => rule.Words.Any(words.Contains)).Urgency ?? "normal";
        return (category, urgency);
    }
}
