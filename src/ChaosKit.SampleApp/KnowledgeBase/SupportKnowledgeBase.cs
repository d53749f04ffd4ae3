namespace ChaosKit.SampleApp.KnowledgeBase;

/// <summary>
/// The critical answers kept in the app for when no AI provider is reachable: a few help-centre articles, matched
/// to a question by the keywords it contains (the most distinct keywords win; a tie goes to the earlier article),
/// and, for a question no article covers, an honest "try again later". The same question always gets the same answer.
/// </summary>
internal sealed class SupportKnowledgeBase
{
    /// <summary>The articles, in the order a tie is broken.</summary>
    public static readonly IReadOnlyList<Article> Articles =
    [
        new("service-status", "Service status and outages",
            ["down", "outage", "status", "unavailable", "incident", "working", "slow", "offline"],
            "If something is not working, first check our status page: it lists every ongoing incident and is updated "
            + "every few minutes. Most incidents are resolved within the hour, and nothing you saved is lost."),
        new("reset-password", "Resetting your password",
            ["password", "reset", "forgot", "forgotten", "locked", "login", "log", "sign"],
            "To reset your password, open the sign-in page, choose \"Forgot password?\" and follow the link we email you. "
            + "The link works for one hour. If no email arrives within ten minutes, check your spam folder."),
        new("two-factor", "Two-factor authentication",
            ["2fa", "two-factor", "authenticator", "mfa", "verification", "otp"],
            "Two-factor codes come from the authenticator app you paired when you turned the feature on. Lost your phone? "
            + "Sign in with one of your recovery codes, then pair a new device under Settings > Security."),
        new("refunds", "Refunds and billing",
            ["refund", "charge", "charged", "invoice", "billing", "payment", "bill", "subscription", "money"],
            "Invoices are under Settings > Billing. You can cancel your subscription there at any time; a charge made "
            + "in the last 14 days is refunded in full on request, within five working days."),
        new("export-data", "Exporting your data",
            ["export", "download", "backup", "csv", "archive"],
            "Go to Settings > Data and choose \"Export\": we prepare a ZIP of your data as CSV files and email you a "
            + "download link, usually within a few minutes. The link stays valid for seven days."),
        new("api-keys", "API keys",
            ["api", "key", "keys", "token", "rotate", "revoke"],
            "Create and revoke API keys under Settings > Developers. A key is shown once, when it is created; if one may "
            + "have leaked, revoke it at once and create a new one."),
    ];

    // For a question no article covers: what a support assistant says rather than an error page.
    private static readonly string[] General =
    [
        "Our assistant is busy right now. Here is what usually helps: check the status page and try again in a minute.",
        "I can't reach the answer service at the moment. Your question has been noted; please retry shortly.",
        "The assistant is temporarily unavailable. In the meantime, the help centre covers the most common questions.",
    ];

    /// <summary>The answer for <paramref name="question"/>: the best-matching article, or a general reply.</summary>
    public StoredAnswer Answer(string question)
    {
        var words = Words(question);
        Article? best = null;
        var bestScore = 0;
        foreach (var article in Articles)
        {
            var score = article.Keywords.Count(words.Contains);
            if (score > bestScore) (best, bestScore) = (article, score);
        }
        return best is not null
            ? new StoredAnswer(best.Answer, best.Id)
            : new StoredAnswer(General[(int)(StableHash(question) % (uint)General.Length)], null);
    }

    /// <summary>The distinct words of <paramref name="text"/>, lower case (letters, digits, inner hyphens and apostrophes).</summary>
    internal static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '-' or '\'');
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                if (text.AsSpan(start, i - start).Trim("-'") is { Length: > 0 } word) words.Add(word.ToString().ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }

    // string.GetHashCode is randomised per process; FNV-1a keeps answers stable across runs.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}

/// <summary>An answer from the knowledge base.</summary>
/// <param name="Text">The answer.</param>
/// <param name="ArticleId">The article it comes from, or <see langword="null"/> for a general reply.</param>
internal sealed record StoredAnswer(string Text, string? ArticleId);
