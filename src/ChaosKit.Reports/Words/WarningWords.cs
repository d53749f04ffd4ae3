using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Words;

/// <summary>
/// Puts a <see cref="RunWarning"/> into one sentence. Every report format and the console word warnings here, so
/// they all say the same thing; a code this version does not know is shown with its numbers.
/// </summary>
public static class WarningWords
{
    /// <summary>The sentence for <paramref name="warning"/>.</summary>
    public static string Of(RunWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var w = warning;
        return w.Code switch
        {
            RunWarningCodes.DrainTimedOut =>
                F($"Requests were still running {w["limit_seconds"]:0.#} s after the schedule ended (timeout plus grace); they were abandoned."),
            RunWarningCodes.RequestsAbandoned =>
                F($"{w["requests"]} request(s) in flight at the stop were abandoned and are not counted in any outcome."),
            RunWarningCodes.GeneratorCpuBound =>
                F($"The ChaosKit process used {100 * w["cpu_share"]:0} % of all {w["processors"]} CPUs during the run; the load generator (and the fakes it hosts) may be the bottleneck, not the target."),
            RunWarningCodes.DispatchDelayHigh =>
                F($"The load generator fell behind: dispatch delay p99 was {w["p99_ms"]:0.#} ms (limit {w["limit_ms"]:0} ms), so latencies from the scheduled start include time lost in the generator itself. Lower the rate or give the generator more CPU."),
            RunWarningCodes.ArrivalsLate =>
                F($"The load generator fell behind schedule: {w["late"]} of {w["arrived"]} arrivals ({100 * w["late"] / Math.Max(1, w["arrived"]):0.#} %) started more than {w["limit_ms"]:0} ms late, at worst {w["worst_ms"]:0} ms."),
            RunWarningCodes.ArrivalsDropped =>
                F($"{w["dropped"]} of {w["scheduled"]} arrivals were dropped because {w["max_concurrency"]} requests were already in flight (max_concurrency); dropped arrivals count as errors."),
            RunWarningCodes.OverCapStarts =>
                F($"{w["over_cap"]} of {w["arrived"]} arrivals started with {w["max_concurrency"]} or more requests already in flight (overload: grow); concurrency peaked at {w["peak_in_flight"]}, and the overload shows as latency."),
            RunWarningCodes.FakeFailures =>
                F($"The fake providers failed to answer {w["calls"]} call(s) because of a bug in ChaosKit, not an injected fault (HTTP 500 saying so, or an answer cut part-way); the results include what that did to the target. Please report it with the run's journal.jsonl."),
            RunWarningCodes.IterationsNotScheduled =>
                F($"The timeline ended before iterations_for_inject was done: {w["iterations"]} of its iterations were not scheduled."),
            RunWarningCodes.JournalRotated =>
                F($"The call journal reached its limit of {ByteSize.Format(w["limit_bytes"])} and rotated: journal.1.jsonl and journal.jsonl keep the last {w["kept"]:#,0} of {w["calls"]:#,0} calls, and the {w["rotated_out"]:#,0} before them are gone. Every count in this report comes from the fakes' own counters, not from the journal; raise --journal-limit to keep more."),
            RunWarningCodes.JournalDropped =>
                F($"{w["dropped"]:#,0} of {w["calls"]:#,0} calls are missing from the call journal because its writer fell behind them (a slow disk); every count in this report includes them."),
            RunWarningCodes.JournalWriteFailed =>
                F($"Writing the call journal failed{(w["disk_full"] > 0 ? " (the disk was full)" : "")}: {w["lost"]:#,0} of {w["calls"]:#,0} calls are missing from its files, but every count in this report includes them."),
            _ => w.Numbers.Count == 0
                ? w.Code
                : $"{w.Code}: {string.Join(", ", w.Numbers.Select(n => F($"{n.Key} {n.Value}")))}",
        };
    }

    private static string F(FormattableString text) => Format.Sentence(text);
}
