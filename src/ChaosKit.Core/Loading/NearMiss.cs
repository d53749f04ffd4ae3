namespace ChaosKit.Core.Loading;

/// <summary>Suggests the known name closest to a misspelt one ("did you mean ...?").</summary>
public static class NearMiss
{
    /// <summary>The longest word a suggestion is looked for: names are short, and longer text is not a typo of one.</summary>
    public const int MaxLength = 100;

    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="given"/>, if it is close enough to be a
    /// plausible typo (at most a third of the word, and never more than 3 edits); otherwise <see langword="null"/>.
    /// </summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        // The distance table is as big as the two words multiplied: a typo of a name is short, a pasted value is not.
        if (given.Length > MaxLength) return null;
        var allowed = Math.Min(3, Math.Max(1, given.Length / 3));
        var lower = given.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // Words whose lengths differ by more than the allowed edits cannot be close enough.
            if (Math.Abs(candidate.Length - given.Length) > allowed) continue;
            var distance = Distance(lower, candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>
    /// What is wrong with a fault aimed at <paramref name="provider"/>, which is none of <paramref name="names"/>: the
    /// nearest name as a suggestion, or every name when none is close.
    /// </summary>
    public static string NoProviderNamed(string provider, IReadOnlyCollection<string> names)
    {
        var hint = Suggest(provider, names);
        return hint is null
            ? $"no provider named '{provider}'; providers are: {string.Join(", ", names)}"
            : $"no provider named '{provider}'; did you mean '{hint}'?";
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
