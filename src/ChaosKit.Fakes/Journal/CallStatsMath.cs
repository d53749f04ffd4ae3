using ChaosKit.Core.Results;

namespace ChaosKit.Fakes.Journal;

/// <summary>Adds <see cref="ProviderCallStats"/> together (across phases or across fakes).</summary>
internal static class CallStatsMath
{
    /// <summary>The sum of <paramref name="parts"/>; <see cref="ProviderCallStats.None"/> for none.</summary>
    public static ProviderCallStats Sum(IEnumerable<ProviderCallStats> parts)
    {
        long total = 0, faults = 0, retries = 0, early = 0, billed = 0, wasted = 0;
        var byStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            total += part.Total;
            faults += part.FaultsInjected;
            retries += part.Retries;
            early += part.EarlyRetries;
            billed += part.TokensBilled;
            wasted += part.TokensWasted;
            foreach (var (status, count) in part.ByStatus)
                byStatus[status] = byStatus.GetValueOrDefault(status) + count;
        }
        return total == 0 ? ProviderCallStats.None : new ProviderCallStats(total, new Dictionary<string, long>(byStatus), faults, retries)
        {
            EarlyRetries = early,
            TokensBilled = billed,
            TokensWasted = wasted,
        };
    }
}
