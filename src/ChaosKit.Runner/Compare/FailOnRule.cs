using System.Globalization;
using System.Text.RegularExpressions;
using ChaosKit.Core.Expectations;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Reports.Compare;
using ChaosKit.Scoring.Expectations;

namespace ChaosKit.Runner.Compare;

/// <summary>
/// A <c>--fail-on</c> rule of <c>chaoskit compare</c>: <c>METRIC OP CHANGE</c>, which holds (and fails the comparison)
/// when the metric changed from the base run to the new one as the rule says.
/// </summary>
/// <remarks>
/// <para><c>METRIC</c> is a metric as expectations name it (<c>score</c>, <c>availability</c>, <c>p95</c>,
/// <c>outage.p95</c>, <c>outage.failed.p99</c>, <c>step.ask.p95</c>, <c>outage.provider_calls_per_request</c>, ...), or
/// <c>[phase.]component.NAME</c> for a score component's value (0–1). <c>OP</c> is <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>
/// or <c>&gt;=</c>. <c>CHANGE</c> is signed (<c>+</c> or <c>-</c>) and is new minus base in the metric's unit: points
/// for the score (<c>-5</c>), milliseconds or a duration for a latency (<c>+200</c>, <c>+200ms</c>, <c>+1.5s</c>), a
/// ratio or percentage points for a share (<c>-0.02</c>, <c>-2pp</c>), a number otherwise; or, ending in <c>%</c>, a
/// share of the base value (<c>+20%</c>: grew by a fifth). <c>%</c> is always relative, even for a share; percentage
/// points are written <c>pp</c>.</para>
/// <para>A metric with data in only one of the runs holds (it appeared or vanished, which no limit can call within
/// bounds); with data in neither it does not (there is nothing to compare).</para>
/// </remarks>
/// <param name="Text">The rule as written.</param>
/// <param name="Spec">
/// The metric, read as an expectation would read it (phase, metric, step); for a component, its phase and
/// <see cref="ComponentPrefix"/> with its name as the metric.
/// </param>
/// <param name="Operator">How the change is compared with <paramref name="Limit"/>.</param>
/// <param name="Limit">The rule's change: in the metric's unit, or a share (0.2) when <paramref name="Relative"/>.</param>
/// <param name="Relative">True when the change is a share of the base value.</param>
/// <param name="Unit">The metric's unit.</param>
public sealed partial record FailOnRule(string Text, ExpectationSpec Spec, ComparisonOperator Operator, double Limit, bool Relative, ExpectationMetrics.Unit Unit)
{
    /// <summary>The segment that names a score component: <c>component.availability</c>.</summary>
    public const string ComponentPrefix = "component.";

    // Values are rounded in result.json: a drop of exactly 5 points must not count as more than 5.
    private const double Tolerance = 1e-9;

    /// <summary>The score component this rule reads, or <see langword="null"/> for an expectation metric.</summary>
    public string? Component => Spec.Metric.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? Spec.Metric[ComponentPrefix.Length..] : null;

    /// <summary>Parses <paramref name="text"/> against what the compared runs hold.</summary>
    /// <param name="text">The rule as written.</param>
    /// <param name="phases">The runs' phase names.</param>
    /// <param name="steps">The runs' workflow steps.</param>
    /// <param name="components">The runs' score component names.</param>
    /// <exception cref="FailOnException">The rule cannot be read; the message is one line with the rule and the cause.</exception>
    public static FailOnRule Parse(
        string text, IReadOnlyCollection<string> phases, IReadOnlyCollection<(string Workflow, string Step)> steps, IReadOnlyCollection<string> components)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Shape().Match(text);
        if (!match.Success)
            throw new FailOnException(text, "write METRIC OP CHANGE, e.g. 'score < -5' (the score dropped by more than 5 points) or 'outage.p95 > +20%'");
        var op = match.Groups["op"].Value switch
        {
            "<" => ComparisonOperator.LessThan,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.GreaterThan,
            ">=" => ComparisonOperator.GreaterOrEqual,
            var other => throw new FailOnException(text, $"'{other}' does not compare a change; use <, <=, > or >="),
        };
        var left = match.Groups["left"].Value;
        var (spec, unit) = ComponentName().Match(left) is { Success: true } component
            ? ComponentSpec(text, component, phases, components)
            : MetricSpec(text, left, phases, steps);
        var (limit, relative) = Change(text, match.Groups["change"].Value, unit);
        return new FailOnRule(text.Trim(), spec, op, limit, relative, unit);
    }

    /// <summary>Reads the metric in both runs and says whether the rule holds.</summary>
    public CompareCheck Evaluate(RunResult baseRun, RunResult newRun)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(newRun);
        var (b, baseWhy) = Read(baseRun);
        var (n, newWhy) = Read(newRun);
        bool holds;
        if (b is { } bv && n is { } nv)
        {
            var change = Relative ? MetricChange.RelativeOf(bv, nv) : MetricChange.DeltaOf(bv, nv);
            holds = Operator switch
            {
                ComparisonOperator.LessThan => change < Limit - Tolerance,
                ComparisonOperator.LessOrEqual => change <= Limit + Tolerance,
                ComparisonOperator.GreaterThan => change > Limit + Tolerance,
                _ => change >= Limit - Tolerance,
            };
        }
        else
        {
            holds = b is not null || n is not null;
        }
        return new CompareCheck(Text, holds, UnitOf(Unit), b, n, Relative, Limit) { NoDataReason = baseWhy ?? newWhy };
    }

    private (double? Value, string? WhyNoData) Read(RunResult run)
    {
        if (Component is { } name)
        {
            var components = Spec.Phase is null ? run.Score.Components : run.Score.Phases.FirstOrDefault(p => p.Phase == Spec.Phase)?.Components ?? [];
            return components.FirstOrDefault(c => c.Name == name) is { } found
                ? (found.Value, null)
                : (null, $"the score has no component '{name}'{(Spec.Phase is null ? "" : $" in phase '{Spec.Phase}'")}");
        }
        // Read as the expectation would be: the same metric, phase and step, the same "no data" and its reason.
        var read = ExpectationEvaluator.Evaluate([Spec], run)[0];
        return read.Actual is { } actual ? (actual, null) : (null, NoDataReason().Match(read.Detail) is { Success: true } why ? why.Groups["why"].Value : read.Detail);
    }

    private static (ExpectationSpec, ExpectationMetrics.Unit) ComponentSpec(
        string text, Match component, IReadOnlyCollection<string> phases, IReadOnlyCollection<string> components)
    {
        var phase = component.Groups["phase"].Success ? component.Groups["phase"].Value : null;
        if (phase is not null && !phases.Contains(phase)) throw new FailOnException(text, NoPhase(phase, phases));
        var name = component.Groups["name"].Value;
        if (!components.Contains(name))
        {
            var hint = NearMiss.Suggest(name, components);
            throw new FailOnException(text, hint is null
                ? $"no score component '{name}'; the runs' components are: {string.Join(", ", components)}"
                : $"no score component '{name}'; did you mean '{hint}'?");
        }
        return (new ExpectationSpec(text, phase, ComponentPrefix + name, ComparisonOperator.GreaterOrEqual, 0, SourceLocation.None), ExpectationMetrics.Unit.Ratio);
    }

    private static (ExpectationSpec, ExpectationMetrics.Unit) MetricSpec(
        string text, string left, IReadOnlyCollection<string> phases, IReadOnlyCollection<(string Workflow, string Step)> steps)
    {
        try
        {
            // The left side is an expectation's: its parser names the phase, step and metric, and suggests near misses.
            var spec = ExpectationParser.Parse($"{left} >= 0", phases, steps, "--fail-on", SourceLocation.None);
            var metric = (spec.Step is null ? ExpectationMetrics.Find(spec.Metric) : ExpectationMetrics.FindStep(spec.Metric))!;
            return (spec with { Text = text }, metric.Unit);
        }
        catch (ScenarioException e)
        {
            var problem = e.Problem.StartsWith("unknown metric", StringComparison.Ordinal) && !e.Problem.Contains("did you mean", StringComparison.Ordinal)
                ? e.Problem + $", or {ComponentPrefix}<name> for a score component's value"
                : e.Problem;
            throw new FailOnException(text, problem);
        }
    }

    private static (double Limit, bool Relative) Change(string text, string change, ExpectationMetrics.Unit unit)
    {
        if (change[0] is not ('+' or '-'))
            throw new FailOnException(text, $"'{change}' is not a change; give it a sign, e.g. '-{change}' for a drop or '+{change}' for a rise");
        var sign = change[0] == '-' ? -1 : 1;
        var amount = change[1..];
        if (amount.EndsWith('%'))
        {
            return Number(amount[..^1]) is { } percent
                ? (sign * percent / 100, true)
                : throw new FailOnException(text, $"'{change}' is not a share of the base value; write it as e.g. '+20%'");
        }
        double? absolute = unit switch
        {
            ExpectationMetrics.Unit.Ratio when amount.EndsWith("pp", StringComparison.Ordinal) => Number(amount[..^2]) is { } points and <= 100 ? points / 100 : null,
            ExpectationMetrics.Unit.Ratio => Number(amount) is { } ratio and <= 1 ? ratio : null,
            ExpectationMetrics.Unit.Milliseconds => Number(amount) ?? (DurationParser.TryParse(amount, out var duration) ? duration.TotalMilliseconds : null),
            _ => Number(amount),
        };
        return absolute is { } value ? (sign * value, false) : throw new FailOnException(text, $"'{change}' is not a change of {Describe(unit)}");
    }

    private static string Describe(ExpectationMetrics.Unit unit) => unit switch
    {
        ExpectationMetrics.Unit.Points => "points, e.g. -5, or a share of the base value, e.g. -10%",
        ExpectationMetrics.Unit.Ratio => "a share: percentage points, e.g. -2pp, a ratio, e.g. -0.02, or a share of the base value, e.g. -5%",
        ExpectationMetrics.Unit.Milliseconds => "a latency: milliseconds or a duration, e.g. +200ms or +1.5s, or a share of the base value, e.g. +20%",
        _ => "a number, e.g. +0.5, or a share of the base value, e.g. +20%",
    };

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string NoPhase(string phase, IReadOnlyCollection<string> phases) => NearMiss.Suggest(phase, phases) is { } hint
        ? $"no phase named '{phase}'; did you mean '{hint}'?"
        : $"no phase named '{phase}'; phases are: {string.Join(", ", phases)}";

    private static MetricUnit UnitOf(ExpectationMetrics.Unit unit) => unit switch
    {
        ExpectationMetrics.Unit.Points => MetricUnit.Points,
        ExpectationMetrics.Unit.Ratio => MetricUnit.Ratio,
        ExpectationMetrics.Unit.Milliseconds => MetricUnit.Milliseconds,
        _ => MetricUnit.Number,
    };

    [GeneratedRegex(@"^\s*(?<left>[A-Za-z0-9_.\-]+)\s*(?<op><=|>=|==|=|<|>)\s*(?<change>\S+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^(?:(?<phase>[A-Za-z0-9_\-]+)\.)?component\.(?<name>[A-Za-z0-9_\-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentName();

    [GeneratedRegex(@"^failed: no data \((?<why>.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex NoDataReason();
}

/// <summary>A <c>--fail-on</c> rule that cannot be read; the message is one line with the rule and what is wrong.</summary>
/// <param name="rule">The rule as written.</param>
/// <param name="problem">What is wrong and how to write it.</param>
public sealed class FailOnException(string rule, string problem) : Exception($"--fail-on '{rule}': {problem}")
{
    /// <summary>The rule as written.</summary>
    public string Rule { get; } = rule;
}
