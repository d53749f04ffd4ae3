using System.Globalization;
using System.Text.RegularExpressions;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Expectations;

/// <summary>
/// Parses expectations of the form <c>[phase.]metric op value</c>, e.g. <c>score &gt;= 60</c>,
/// <c>outage.availability &gt;= 95%</c> or <c>baseline.p95 &lt; 1.5s</c>.
/// </summary>
public static partial class ExpectationParser
{
    [GeneratedRegex(@"^\s*(?:(?<phase>[A-Za-z0-9_\-]+)\.)?(?<metric>[A-Za-z0-9_]+)\s*(?<op><=|>=|==|<|>)\s*(?<value>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Parses one expectation; throws <see cref="ScenarioException"/> pointing at it when it is malformed.</summary>
    /// <param name="text">The expectation as written.</param>
    /// <param name="phaseNames">Phase names of the scenario, for checking and suggestions.</param>
    /// <param name="field">Dotted field path for error messages, e.g. <c>expect[0]</c>.</param>
    /// <param name="location">Where it was written.</param>
    public static ExpectationSpec Parse(string text, IReadOnlyCollection<string> phaseNames, string field, SourceLocation location)
    {
        var match = Shape().Match(text);
        if (!match.Success)
            throw new ScenarioException(location, field,
                $"'{text}' is not an expectation; write '[phase.]metric op value', e.g. 'score >= 60' or 'outage.availability >= 95%'");

        string? phase = match.Groups["phase"].Success ? match.Groups["phase"].Value : null;
        if (phase is not null && !phaseNames.Contains(phase))
        {
            var hint = NearMiss.Suggest(phase, phaseNames);
            throw new ScenarioException(location, field, hint is null
                ? $"no phase named '{phase}'; phases are: {string.Join(", ", phaseNames)}"
                : $"no phase named '{phase}'; did you mean '{hint}'?");
        }

        var metricName = match.Groups["metric"].Value;
        var metric = ExpectationMetrics.Find(metricName);
        if (metric is null)
        {
            var hint = NearMiss.Suggest(metricName, ExpectationMetrics.All);
            throw new ScenarioException(location, field, hint is null
                ? $"unknown metric '{metricName}'; metrics are: {string.Join(", ", ExpectationMetrics.All)}"
                : $"unknown metric '{metricName}'; did you mean '{hint}'?");
        }

        var op = match.Groups["op"].Value switch
        {
            "<" => ComparisonOperator.LessThan,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.GreaterThan,
            ">=" => ComparisonOperator.GreaterOrEqual,
            _ => ComparisonOperator.Equal,
        };

        var valueText = match.Groups["value"].Value;
        var threshold = ParseValue(metric, valueText)
            ?? throw new ScenarioException(location, field, $"'{valueText}' is not a valid value for {metric.Name} ({Describe(metric.Unit)})");
        return new ExpectationSpec(text.Trim(), phase, metric.Name, op, threshold, location);
    }

    private static double? ParseValue(ExpectationMetrics.Metric metric, string text)
    {
        switch (metric.Unit)
        {
            case ExpectationMetrics.Unit.Ratio when text.EndsWith('%'):
                return TryNumber(text[..^1]) is { } percent ? percent / 100 : null;
            case ExpectationMetrics.Unit.Ratio:
                return TryNumber(text) is { } ratio and >= 0 and <= 1 ? ratio : null;
            case ExpectationMetrics.Unit.Milliseconds:
                if (TryNumber(text) is { } ms) return ms;
                return DurationParser.TryParse(text, out var duration) ? duration.TotalMilliseconds : null;
            default:
                return TryNumber(text);
        }
    }

    private static double? TryNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static string Describe(ExpectationMetrics.Unit unit) => unit switch
    {
        ExpectationMetrics.Unit.Points => "a number of points from 0 to 100",
        ExpectationMetrics.Unit.Ratio => "a ratio from 0 to 1 or a percentage such as 95%",
        ExpectationMetrics.Unit.Milliseconds => "milliseconds or a duration such as 1.5s",
        _ => "a number",
    };
}
