using System.Globalization;
using System.Text.RegularExpressions;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Expectations;

/// <summary>
/// Parses expectations of the form <c>[phase.][step.name.]metric op value</c>, e.g. <c>score &gt;= 60</c>,
/// <c>outage.availability &gt;= 95%</c>, <c>baseline.p95 &lt; 1.5s</c>, <c>p99.9 &lt; 2s</c>, <c>outage.failed.p95 &lt; 500ms</c>
/// (the failed requests' latency), <c>step.ask.p95 &lt; 2s</c> or <c>outage.step.history.failed_rate &lt; 1%</c>. A step is named by its name, or <c>workflow.step</c> when two
/// workflows share the name; a one-request load's step is <c>request</c> (<see cref="LoadSpec.AsWorkflows"/>).
/// </summary>
public static partial class ExpectationParser
{
    [GeneratedRegex(@"^\s*(?<left>[A-Za-z0-9_.\-]+)\s*(?<op><=|>=|==|<|>)\s*(?<value>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Parses one expectation; throws <see cref="ScenarioException"/> pointing at it when it is malformed.</summary>
    /// <param name="text">The expectation as written.</param>
    /// <param name="phaseNames">Phase names of the scenario, for checking and suggestions.</param>
    /// <param name="field">Dotted field path for error messages, e.g. <c>expect[0]</c>.</param>
    /// <param name="location">Where it was written.</param>
    public static ExpectationSpec Parse(string text, IReadOnlyCollection<string> phaseNames, string field, SourceLocation location) =>
        Parse(text, phaseNames, [], field, location);

    /// <summary>Parses one expectation that may name a workflow step; throws <see cref="ScenarioException"/> when it is malformed.</summary>
    /// <param name="text">The expectation as written.</param>
    /// <param name="phaseNames">Phase names of the scenario.</param>
    /// <param name="steps">The scenario's workflow steps as (workflow, step) names, for <c>step.&lt;name&gt;.</c> metrics.</param>
    /// <param name="field">Dotted field path for error messages.</param>
    /// <param name="location">Where it was written.</param>
    public static ExpectationSpec Parse(
        string text, IReadOnlyCollection<string> phaseNames, IReadOnlyCollection<(string Workflow, string Step)> steps, string field, SourceLocation location) =>
        Parse(text, new ExpectationNames(phaseNames, steps), field, location);

    /// <summary>Parses one expectation against <paramref name="names"/>; names it cannot check in full are taken as written.</summary>
    internal static ExpectationSpec Parse(string text, ExpectationNames names, string field, SourceLocation location)
    {
        var (phaseNames, steps) = (names.Phases, names.Steps);
        var match = Shape().Match(text);
        if (!match.Success)
            throw new ScenarioException(location, field,
                $"'{text}' is not an expectation; write '[phase.]metric op value', e.g. 'score >= 60' or 'outage.availability >= 95%'");

        var (phase, stepPath, metricName) = Split(match.Groups["left"].Value);
        if (phase is not null && phase.Length == 0)
            throw new ScenarioException(location, field, $"'{text}' is not an expectation; write '[phase.]metric op value' or '[phase.]step.<name>.metric op value'");
        if (phase is not null && !phaseNames.Contains(phase) && stepPath is null && LooksLikePercentile().IsMatch(phase))
            throw new ScenarioException(location, field,
                $"unknown metric '{match.Groups["left"].Value}'; percentiles are written pNN or pNN.N, e.g. p95 or p99.9");
        if (phase is not null && !phaseNames.Contains(phase) && names.PhasesComplete)
        {
            var hint = NearMiss.Suggest(phase, phaseNames);
            throw new ScenarioException(location, field, hint is null
                ? $"no phase named '{phase}'; phases are: {string.Join(", ", phaseNames)}"
                : $"no phase named '{phase}'; did you mean '{hint}'?");
        }

        if (phase is null && metricName.StartsWith(ExpectationMetrics.FailedPrefix, StringComparison.Ordinal) && phaseNames.Contains(FailedSegment))
            throw new ScenarioException(location, field,
                $"'{match.Groups["left"].Value}' reads the failed requests' latency over the whole run, and a phase is named '{FailedSegment}' too; " +
                $"rename the phase, or write '{FailedSegment}.{metricName}' for that phase's failed requests");

        (string Workflow, string Step)? step = null;
        if (stepPath is not null)
        {
            step = ResolveStep(stepPath, names, field, location);
            var stepMetric = ExpectationMetrics.FindStep(metricName);
            if (stepMetric is null)
            {
                var hint = NearMiss.Suggest(metricName, ExpectationMetrics.AllStep);
                throw new ScenarioException(location, field, hint is null
                    ? $"unknown step metric '{metricName}'; step metrics are: {string.Join(", ", ExpectationMetrics.AllStep)} and any pNN"
                    : $"unknown step metric '{metricName}'; did you mean '{hint}'?");
            }
            return new ExpectationSpec(text.Trim(), phase, stepMetric.Name, ParseOperator(match), Threshold(stepMetric, match, field, location), location)
            {
                StepWorkflow = step.Value.Workflow,
                Step = step.Value.Step,
            };
        }

        var metric = ExpectationMetrics.Find(metricName);
        if (metric is null)
        {
            var hint = NearMiss.Suggest(metricName, ExpectationMetrics.All);
            throw new ScenarioException(location, field, hint is null
                ? $"unknown metric '{metricName}'; metrics are: {string.Join(", ", ExpectationMetrics.All)}, any pNN or pNN.N, failed.<latency metric> and step.<name>.<metric>"
                : $"unknown metric '{metricName}'; did you mean '{hint}'?");
        }

        return new ExpectationSpec(text.Trim(), phase, metric.Name, ParseOperator(match), Threshold(metric, match, field, location), location);
    }

    // The segment before a latency metric that makes it the failed requests' (failed.p95).
    private static readonly string FailedSegment = ExpectationMetrics.FailedPrefix.TrimEnd('.');

    /// <summary>
    /// Splits the left side into phase, step path and metric. A trailing percentile may hold a dot (<c>p99.9</c>);
    /// <c>step</c> marks the step path, which may be <c>name</c> or <c>workflow.name</c>; <c>failed</c> right before a
    /// latency metric belongs to the metric (<c>outage.failed.p95</c> is phase <c>outage</c>, metric <c>failed.p95</c>).
    /// </summary>
    private static (string? Phase, string? StepPath, string Metric) Split(string left)
    {
        var percentile = TrailingPercentile().Match(left);
        var dotted = TrailingDottedMetric().Match(left);
        string metric, prefix;
        if (percentile.Success)
        {
            metric = percentile.Groups["metric"].Value;
            prefix = left[..percentile.Index].TrimEnd('.');
        }
        else if (dotted.Success)
        {
            metric = dotted.Groups["metric"].Value;
            prefix = left[..dotted.Index].TrimEnd('.');
        }
        else
        {
            var dot = left.LastIndexOf('.');
            metric = left[(dot + 1)..];
            prefix = dot < 0 ? "" : left[..dot];
        }
        if (prefix.Length == 0) return (null, null, metric);
        var segments = prefix.Split('.');
        var stepAt = Array.IndexOf(segments, "step");
        if (stepAt is 0 or 1 && segments.Length - stepAt - 1 is 1 or 2)
            return (stepAt == 1 ? segments[0] : null, string.Join('.', segments[(stepAt + 1)..]), metric);
        if (segments[^1] == FailedSegment && segments.Length <= 2 && ExpectationMetrics.Find(metric)?.Unit == ExpectationMetrics.Unit.Milliseconds)
            return (segments.Length == 2 ? segments[0] : null, null, ExpectationMetrics.FailedPrefix + metric);
        return segments.Length == 1 ? (segments[0], null, metric) : ("", null, metric);
    }

    private static (string Workflow, string Step) ResolveStep(string path, ExpectationNames names, string field, SourceLocation location)
    {
        var steps = names.Steps;
        var parts = path.Split('.');
        var matches = parts.Length == 2
            ? steps.Where(s => s.Workflow == parts[0] && s.Step == parts[1]).ToList()
            : steps.Where(s => s.Step == parts[0]).ToList();
        if (matches.Count == 1) return matches[0];
        if (matches.Count == 0 && !names.StepsComplete) return parts.Length == 2 ? (parts[0], parts[1]) : ("", parts[0]);
        if (matches.Count > 1)
            throw new ScenarioException(location, field,
                $"several workflows have a step named '{parts[0]}'; name the workflow too, e.g. step.{matches[0].Workflow}.{parts[0]}");
        if (steps.Count == 0)
            throw new ScenarioException(location, field, $"'step.{path}' names a step of the load, and this scenario has no load");
        var candidates = steps.Select(s => parts.Length == 2 ? $"{s.Workflow}.{s.Step}" : s.Step).Distinct().ToArray();
        var hint = NearMiss.Suggest(path, candidates);
        throw new ScenarioException(location, field, hint is null
            ? $"no workflow step named '{path}'; steps are: {string.Join(", ", candidates)}"
            : $"no workflow step named '{path}'; did you mean '{hint}'?");
    }

    private static ComparisonOperator ParseOperator(Match match) => match.Groups["op"].Value switch
    {
        "<" => ComparisonOperator.LessThan,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.GreaterThan,
        ">=" => ComparisonOperator.GreaterOrEqual,
        _ => ComparisonOperator.Equal,
    };

    private static double Threshold(ExpectationMetrics.Metric metric, Match match, string field, SourceLocation location)
    {
        var valueText = match.Groups["value"].Value;
        return ParseValue(metric, valueText)
            ?? throw new ScenarioException(location, field, $"'{valueText}' is not a valid value for {metric.Name} ({Describe(metric.Unit)})");
    }

    [GeneratedRegex(@"^(?:ttfb_)?p[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikePercentile();

    [GeneratedRegex(@"(?:^|\.)(?<metric>(?:ttfb_)?p[0-9]+\.[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPercentile();

    /// <summary>A metric whose name holds a dot: <c>waste.tokens</c>, or a score component's <c>component.&lt;name&gt;</c>.</summary>
    [GeneratedRegex(@"(?:^|\.)(?<metric>waste\.tokens|component\.[a-z_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingDottedMetric();

    private static double? ParseValue(ExpectationMetrics.Metric metric, string text)
    {
        switch (metric.Unit)
        {
            case ExpectationMetrics.Unit.Ratio when text.EndsWith('%'):
                return TryNumber(text[..^1]) is { } percent and >= 0 and <= 100 ? percent / 100 : null;
            case ExpectationMetrics.Unit.Ratio:
                return TryNumber(text) is { } ratio and >= 0 and <= 1 ? ratio : null;
            case ExpectationMetrics.Unit.Milliseconds:
                if (TryNumber(text) is { } ms) return ms;
                return DurationParser.TryParse(text, out var duration) ? duration.TotalMilliseconds : null;
            case ExpectationMetrics.Unit.Points:
                return TryNumber(text) is { } points and >= 0 and <= 100 ? points : null;
            default:
                return TryNumber(text);
        }
    }

    private static double? TryNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static string Describe(ExpectationMetrics.Unit unit) => unit switch
    {
        ExpectationMetrics.Unit.Points => "a number of points from 0 to 100",
        ExpectationMetrics.Unit.Ratio => "a ratio from 0 to 1 or a percentage from 0% to 100%, such as 95%",
        ExpectationMetrics.Unit.Milliseconds => $"milliseconds or a duration such as 1.5s, at most {DurationParser.Longest.TotalHours:0}h",
        _ => "a number",
    };
}

/// <summary>
/// The names an expectation may refer to. A list is incomplete when the loader could not read one of its names (the
/// problem is reported there); then a name not in it is taken as written rather than reported again.
/// </summary>
/// <param name="Phases">The scenario's phase names.</param>
/// <param name="Steps">The scenario's workflow steps as (workflow, step) names.</param>
internal sealed record ExpectationNames(IReadOnlyCollection<string> Phases, IReadOnlyCollection<(string Workflow, string Step)> Steps)
{
    public bool PhasesComplete { get; init; } = true;

    public bool StepsComplete { get; init; } = true;
}
