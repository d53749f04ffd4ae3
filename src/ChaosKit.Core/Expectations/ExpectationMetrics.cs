using System.Globalization;
using System.Text.RegularExpressions;

namespace ChaosKit.Core.Expectations;

/// <summary>
/// The metrics an expectation can name, with their units (the vocabulary the parser checks; the scoring stage reads
/// their values from a run): run and phase metrics
/// (<c>availability</c>, any percentile <c>pNN</c> / <c>pNN.N</c>, …), the failed requests' latency written after
/// <c>failed.</c> (<c>failed.p95</c>, <c>failed.max</c>), and workflow-step metrics written after
/// <c>step.&lt;name&gt;.</c> (<c>step.ask.p95</c>, <c>step.history.failed_rate</c>).
/// </summary>
public static partial class ExpectationMetrics
{
    /// <summary>How a metric's threshold is written and compared.</summary>
    public enum Unit
    {
        /// <summary>0–100 points.</summary>
        Points,
        /// <summary>A 0–1 ratio; thresholds may be written as <c>95%</c>.</summary>
        Ratio,
        /// <summary>Milliseconds; thresholds may be written as durations such as <c>1.5s</c>.</summary>
        Milliseconds,
        /// <summary>A count or rate, compared as written.</summary>
        Number,
    }

    /// <summary>A named metric.</summary>
    /// <param name="Name">Name as written in expectations.</param>
    /// <param name="Unit">Its unit.</param>
    /// <param name="Description">What it measures.</param>
    /// <param name="PhaseScoped">Whether it can be read for a single phase (<c>outage.p95</c>).</param>
    public sealed record Metric(string Name, Unit Unit, string Description, bool PhaseScoped = true)
    {
        /// <summary>The percentile a <c>pNN</c> metric reads (0–100); <see langword="null"/> for other metrics.</summary>
        public double? Percentile { get; init; }

        /// <summary>
        /// True for a latency of the requests that failed, timed out or errored (<c>failed.p95</c>); a latency metric
        /// without it reads the requests that were served (ok or fallback).
        /// </summary>
        public bool OfFailed { get; init; }
    }

    /// <summary>The prefix that turns a run or phase latency metric into the failed requests' (<c>failed.p95</c>).</summary>
    public const string FailedPrefix = "failed.";

    private static readonly Metric[] Catalog =
    [
        new("score", Unit.Points, "degradation score, 0-100"),
        new("availability", Unit.Ratio, "share of scheduled requests that got a usable answer (normal or fallback)"),
        new("error_rate", Unit.Ratio, "share of scheduled requests that failed, timed out, errored or were dropped"),
        new("fallback_rate", Unit.Ratio, "share of scheduled requests answered by the target's fallback path"),
        new("p50", Unit.Milliseconds, "median latency of served requests, from scheduled start") { Percentile = 50 },
        new("p90", Unit.Milliseconds, "90th percentile latency of served requests, from scheduled start") { Percentile = 90 },
        new("p95", Unit.Milliseconds, "95th percentile latency of served requests, from scheduled start") { Percentile = 95 },
        new("p99", Unit.Milliseconds, "99th percentile latency of served requests, from scheduled start") { Percentile = 99 },
        new("max", Unit.Milliseconds, "largest latency of served requests, from scheduled start"),
        new("throughput", Unit.Number, "completed requests per second"),
        new("dropped", Unit.Number, "arrivals dropped at the concurrency cap"),
        new("provider_calls_per_request", Unit.Number, "provider calls per scheduled request (retry amplification)"),
        new("early_retries", Unit.Number, "provider calls that came before the retry-after their client was given ran out"),
        new("time_to_detect", Unit.Milliseconds, "from a fault's start to the first fallback or error answer (the run: its slowest fault)"),
        new("time_to_recover", Unit.Milliseconds, "from a fault's end until the app serves as in the baseline again (the run: its slowest)"),
        new(WasteTokens, Unit.Number, "tokens billed on answers that were thrown away (cut streams, calls given up on)"),
    ];

    /// <summary>The metric of wasted tokens, written with its dot.</summary>
    public const string WasteTokens = "waste.tokens";

    /// <summary>The prefix of a score component's value, e.g. <c>component.discipline</c> (0–1).</summary>
    public const string ComponentPrefix = "component.";

    private static readonly Metric[] StepCatalog =
    [
        new("failed_rate", Unit.Ratio, "share of the step's runs that failed a check, timed out or errored"),
        new("ok_rate", Unit.Ratio, "share of the step's runs that passed (normal or fallback)"),
        new("skipped", Unit.Number, "times the step was skipped because an earlier step failed"),
        new("runs", Unit.Number, "times the step sent its request"),
        new("p50", Unit.Milliseconds, "median step latency, send to end of body") { Percentile = 50 },
        new("p95", Unit.Milliseconds, "95th percentile step latency") { Percentile = 95 },
        new("p99", Unit.Milliseconds, "99th percentile step latency") { Percentile = 99 },
        new("max", Unit.Milliseconds, "largest step latency"),
        new("mean", Unit.Milliseconds, "mean step latency"),
        new("ttfb_p50", Unit.Milliseconds, "median time to first byte of a streamed step") { Percentile = 50 },
        new("ttfb_p95", Unit.Milliseconds, "95th percentile time to first byte of a streamed step") { Percentile = 95 },
    ];

    // [0-9], not \d: \d also matches other scripts' digits (p٩٥), which double.Parse then refuses.
    [GeneratedRegex(@"^(?<ttfb>ttfb_)?p(?<p>[0-9]{1,2}(?:\.[0-9]{1,3})?|100)$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentileName();

    /// <summary>Every run and phase metric name (any other <c>pNN</c> / <c>pNN.N</c> works too).</summary>
    public static IReadOnlyList<string> All { get; } = [.. Catalog.Select(m => m.Name), .. Results.ScoreComponentNames.All.Select(c => ComponentPrefix + c)];

    /// <summary>Every step metric name, written after <c>step.&lt;name&gt;.</c> (any <c>pNN</c> / <c>ttfb_pNN</c> works too).</summary>
    public static IReadOnlyList<string> AllStep { get; } = StepCatalog.Select(m => m.Name).ToArray();

    /// <summary>
    /// Looks a run or phase metric up by name; any percentile <c>pNN</c> or <c>pNN.N</c> is one, and so is any latency
    /// metric after <see cref="FailedPrefix"/> (<c>failed.p95</c>).
    /// </summary>
    public static Metric? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            var component = name[ComponentPrefix.Length..];
            return Results.ScoreComponentNames.All.Contains(component)
                ? new Metric(name, Unit.Ratio, $"value of the score's {component.Replace('_', ' ')} component, 0-1")
                : null;
        }
        if (!name.StartsWith(FailedPrefix, StringComparison.Ordinal))
            return Catalog.FirstOrDefault(m => m.Name == name) ?? PercentileMetric(name, step: false);
        return Find(name[FailedPrefix.Length..]) is { Unit: Unit.Milliseconds, OfFailed: false } served
            ? served with
            {
                Name = name,
                Description = served.Description.Replace("of served requests", "of failed requests (failed, timeout, error)", StringComparison.Ordinal),
                OfFailed = true,
            }
            : null;
    }

    /// <summary>Looks a step metric up by name; any percentile <c>pNN</c>, <c>pNN.N</c> or <c>ttfb_pNN</c> is one.</summary>
    public static Metric? FindStep(string name) => StepCatalog.FirstOrDefault(m => m.Name == name) ?? PercentileMetric(name, step: true);

    private static Metric? PercentileMetric(string name, bool step)
    {
        var match = PercentileName().Match(name);
        if (!match.Success || (match.Groups["ttfb"].Success && !step)) return null;
        var p = double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
        if (p is <= 0 or > 100) return null;
        var what = match.Groups["ttfb"].Success ? "time to first byte of a streamed step" : step ? "step latency" : "latency of served requests, from scheduled start";
        return new Metric(name, Unit.Milliseconds, $"{match.Groups["p"].Value}th percentile {what}") { Percentile = p };
    }
}
