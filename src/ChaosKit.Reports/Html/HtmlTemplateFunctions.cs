using System.Collections;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Json.Dto;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Html;

/// <summary>
/// The functions <c>report.html.sbn</c> calls (in snake_case: <c>count</c>, <c>score_class</c>, ...): the number
/// formats and the words every report shares, and a few look-ups, so the template holds markup and no formatting.
/// </summary>
internal static class HtmlTemplateFunctions
{
    public static string Count(long value) => Format.Count(value);

    public static string Ms(double value) => Format.Ms(value);

    /// <summary>A ratio as a percentage, or <c>no data</c> when it has none.</summary>
    public static string Percent(double? ratio) => Format.Percent(ratio);

    public static string Points(double score) => Format.Score(score);

    public static string Number(double value) => Format.Number(value);

    public static string Throughput(double perSecond) => Format.Number(Math.Round(perSecond, 1));

    public static string Clock(double seconds) => Format.Clock(seconds);

    public static string Duration(double seconds) => Format.Duration(seconds);

    public static string Utc(DateTime utc) => Format.UtcTimestamp(utc);

    public static string Iso(DateTime utc) => Format.IsoTimestamp(utc);

    public static bool Any(IEnumerable? items) => items?.GetEnumerator().MoveNext() == true;

    public static bool HasText(string? text) => !string.IsNullOrWhiteSpace(text);

    /// <summary>The load profile in words, e.g. <c>inject 10 per 1s for 40s</c>; empty when unknown.</summary>
    public static string Profile(LoadDto load) => ProfileWords.Of([.. load.Profile.Select(p => p.ToProfile())]);

    /// <summary>Whether the steps break the run down (<see cref="StepBreakdown"/>).</summary>
    public static bool Breakdown(IReadOnlyCollection<StepDto>? steps) => StepBreakdown.Shows(steps);

    public static string Fault(FaultDto fault) => FaultWords.Of(fault.ToFault());

    public static string Warning(WarningDto warning) => WarningWords.Of(warning.ToWarning());

    /// <summary>How the run ended, in a sentence.</summary>
    public static string Completion(CompletionDto completion) => CompletionWords.Of(completion.ToCompletion());

    /// <summary>How the run ended, in a few words, e.g. <c>target died in outage</c>.</summary>
    public static string CompletionShort(CompletionDto completion) => CompletionWords.Short(completion.ToCompletion());

    public static string Explain(ScoreCard card, PhaseScore phase) => ScoreWords.Explain(card, phase);

    public static string Method(ScoreMethod method) => ScoreWords.Method(method);

    /// <summary>The run's deductions in words, the largest first (<see cref="ScoreWords.Deductions"/>).</summary>
    public static IReadOnlyList<string> Deductions(ScoreCard card) => ScoreWords.Deductions(card);

    /// <summary>The score's letter, or empty for a score of the first version, which had none.</summary>
    public static string Grade(ScoreCard card) => card.Method == ScoreMethod.DegradationV1 ? "" : card.Grade;

    /// <summary>One bar of a request's waterfall: where it starts and how wide it is, in percent of the row, and how it reads.</summary>
    public sealed record WaterfallBar(string Left, string Width, string Css, string Label, string Title);

    /// <summary>
    /// The bars of an example request's waterfall: the request itself (from its scheduled start to its end), then each
    /// provider call it caused, on one scale from 0 to whichever ends last.
    /// </summary>
    public static IReadOnlyList<WaterfallBar> Waterfall(TracedRequestDto request)
    {
        var end = Math.Max(1, request.Attempts.Select(a => a.StartMs + a.DurationMs).Append(request.LatencyMs).Max());
        string Pct(double ms) => Format.Number(Math.Round(Math.Clamp(ms / end * 100, 0, 100), 2));
        var bars = new List<WaterfallBar>
        {
            new("0", Pct(request.LatencyMs), "req req-" + request.Outcome,
                $"request → {request.Outcome}{(request.Status > 0 ? $" {request.Status}" : "")}, {Format.Ms(request.LatencyMs)} ms",
                $"iteration {request.Iteration}, trace {request.TraceId}: scheduled at {Format.Clock(request.ScheduledSeconds)}, served by {request.ServedBy ?? "—"}"),
        };
        foreach (var a in request.Attempts)
        {
            var css = ProviderAttempt.AnsweredWhole(a.Status, a.Fault) ? "call call-ok"
                : a.Status == 429 ? "call call-limited" : a.Status is 0 or 499 ? "call call-none" : "call call-error";
            var status = a.Status switch { 0 => "no connection", 499 => "no answer", _ => a.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            bars.Add(new(Pct(a.StartMs), Pct(Math.Max(a.DurationMs, end / 400)), css,
                $"{a.Provider} {status}{(a.EarlyRetry ? " early" : "")}, {Format.Ms(a.DurationMs)} ms",
                $"{a.Route} at +{Format.Ms(a.StartMs)} ms{(a.Fault is { } fault ? $", fault {fault}" : "")}{(a.RetryCount is > 0 ? $", retry {a.RetryCount}" : "")}" +
                $"{(a.TokensOut is > 0 ? $", {a.TokensIn ?? 0}+{a.TokensOut} tokens" : "")}{(a.EarlyRetry ? ", before its retry-after ran out" : "")}"));
        }
        return bars;
    }

    /// <summary>Whether any second of the run timed a first byte, so the report draws that chart.</summary>
    public static bool HasFirstBytes(IEnumerable<SecondDto> seconds) => seconds.Any(s => s.TtfbP95Ms > 0);

    /// <summary>A trail bucket's label, e.g. <c>other provider</c>.</summary>
    public static string Words(string name) => name.Replace('_', ' ');

    /// <summary>What a component's numbers say, in a phrase.</summary>
    public static string Says(ScoreComponent component) => ScoreWords.Part(component);

    public static string Label(ScoreComponent component) => ScoreWords.Label(component);

    /// <summary>A component's value in points of 100, e.g. <c>33.3</c>.</summary>
    public static string Part(ScoreComponent component) => Format.Score(100 * component.Value);

    /// <summary>A component's bar width in percent, 0–100.</summary>
    public static string BarWidth(ScoreComponent component) =>
        Format.Number(double.IsFinite(component.Value) ? Math.Clamp(100 * component.Value, 0, 100) : 0);

    public static PhaseScore? PhaseScore(ScoreCard card, string phase) => card.Phases.FirstOrDefault(s => s.Phase == phase);

    public static StepDto? PhaseStep(PhaseDto phase, StepDto step) =>
        phase.Steps?.FirstOrDefault(s => s.Workflow == step.Workflow && s.Step == step.Step);

    /// <summary>The line under the verdict, e.g. <c>1 of 3 expectations failed</c>.</summary>
    public static string VerdictNote(RunResultDto r)
    {
        if (r.Completion.Status != RunCompletionStatus.Complete) return "Stopped early: " + CompletionShort(r.Completion);
        var failed = r.Expectations.Count(e => !e.Passed);
        return r.Expectations.Count switch
        {
            0 => "No expectations declared",
            var n when failed == 0 => n == 1 ? "The expectation held" : $"All {n} expectations held",
            var n => $"{failed} of {n} expectations failed",
        };
    }

    // Colour bands for scores; the thresholds are presentation only and do not affect the verdict.
    public static string ScoreClass(double score) => score switch
    {
        >= 90 => "good",
        >= 60 => "fair",
        _ => "poor",
    };

    /// <summary>ChaosKit's version with its commit cut short, e.g. <c>0.1.0+2c1c765</c>.</summary>
    public static string Version(string version) => ProvenanceWords.Version(version);

    /// <summary>The machine a run ran on, e.g. <c>Linux 6.8.0, x64, 2 processors</c>.</summary>
    public static string Machine(EnvironmentDto environment) => ProvenanceWords.Machine(environment.ToEnvironment());

    /// <summary>The scenario file's commit, e.g. <c>commit 2c1c765 with uncommitted changes</c>.</summary>
    public static string Revision(RevisionDto revision) => ProvenanceWords.Revision(revision.ToRevision());

    /// <summary>
    /// A relative link to a file of the run folder (<c>target.log</c>, <c>../run/journal.jsonl</c>), each segment
    /// escaped so a name with a space, <c>#</c> or <c>?</c> still leads to the file.
    /// </summary>
    public static string Href(string path) => Format.RelativeUrl(path);

    public static string StatusClass(string status) => status.Length == 3 && char.IsAsciiDigit(status[0]) ? status[0] + "xx" : "other";
}
