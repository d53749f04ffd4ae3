using System.Text;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json.Dto;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.Markdown;

/// <summary>
/// Writes <c>report.md</c>: the verdict, the score, the expectations and the per-phase table in GitHub-flavoured
/// Markdown, short enough to paste into a pull request or append to <c>$GITHUB_STEP_SUMMARY</c>. It renders from the
/// model every report shares (<see cref="RunResultDto"/>) and words it through <c>ChaosKit.Reports.Words</c>.
/// The HTML report stays the place for charts and the per-second detail.
/// </summary>
public sealed class MarkdownReportExporter : ExporterBase
{
    private MarkdownReportExporter()
    {
    }

    /// <summary>The exporter writing <c>report.md</c>.</summary>
    public static MarkdownReportExporter Default { get; } = new();

    /// <inheritdoc />
    public override string Name => "markdown";

    /// <inheritdoc />
    public override string FileName => "report.md";

    /// <inheritdoc />
    public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);
        var bytes = new UTF8Encoding(false).GetBytes(Render(result));
        await destination.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>How requests and provider calls are attributed to phases, said under the phase table.</summary>
    internal const string PhaseAttribution =
        "Requests count in the phase they were scheduled to start in; provider calls, and the faults they meet, count in " +
        "the phase they arrived at the fake in. So a request scheduled near the end of a phase can meet the next phase's faults.";

    /// <summary>Which requests the latency columns cover, said under the phase table.</summary>
    internal const string LatencySplit =
        "Latency is from each request's scheduled start; p50, p95 and p99 are of the requests served (ok or fallback), " +
        "as latency expectations read them, and failed p95 of those that failed, timed out or errored. A step's are of its runs that passed.";

    /// <summary>The Markdown text of the report.</summary>
    public static string Render(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(RunResultDto.From(result));
    }

    private static string Render(RunResultDto r)
    {
        var md = new StringBuilder();
        var score = r.Score.ToCard();
        var verdict = r.Passed ? "✅ passed" : "❌ failed";
        md.Append($"## ChaosKit: {Cell(r.Scenario.Name)} — {verdict}, score {Cell(ScoreWords.WithGrade(score))} / 100\n\n");
        if (r.Scenario.Description is { Length: > 0 } description) md.Append(Cell(description)).Append("\n\n");
        md.Append($"Started {Format.UtcTimestamp(r.StartedAt)}, ran {Format.Duration(r.DurationSeconds)}");
        if (r.TimeScale != 1) md.Append($" at time scale {Format.Number(r.TimeScale)}");
        md.Append($", seed {r.Scenario.Seed}, target `{Code(r.Target.Url)}`");
        md.Append(r.Target.Bundled ? (r.Target.Profile is { } profile ? $" (bundled sample app, {Cell(profile)} profile)" : " (bundled sample app)") : r.Target.Command is { } command ? $" (started as `{Code(command)}`)" : "");
        md.Append(r.Target.Log is { } log ? $"; its output is in [{Cell(log)}]({Format.RelativeUrl(log)}).\n\n" : ".\n\n");
        if (r.ComparedWith is { } compared)
        {
            md.Append($"Compared with the [{Cell(compared.Profile)} build]({Format.RelativeUrl(compared.Folder + "/report.md")}) on the same traffic: ");
            md.Append($"[side by side]({Format.RelativeUrl(compared.Comparison)}).\n\n");
        }
        var completion = r.Completion.ToCompletion();
        if (!completion.IsComplete) md.Append("> ⚠️ **Stopped early**: ").Append(Cell(CompletionWords.Of(completion))).Append("\n\n");

        if (r.Expectations.Count > 0)
        {
            md.Append("| | Expectation | Measured | Detail |\n|---|---|---:|---|\n");
            foreach (var e in r.Expectations)
            {
                md.Append($"| {(e.Passed ? "✅" : "❌")} | `{Code(e.Text)}` | {Cell(e.Display ?? (e.Actual is null ? Format.NoData : "—"))} | {Cell(e.Detail)} |\n");
            }
            md.Append('\n');
        }

        md.Append("| Phase | Faults | Scheduled | Provider calls | Availability | Fallback | Failed | Timeout | Error | Dropped | p50 ms | p95 ms | p99 ms | Failed p95 ms | Score |\n");
        md.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var phase in r.Phases)
        {
            var o = phase.Stats.Outcomes;
            var latency = phase.Stats.ServedLatency;
            var failed = phase.Stats.FailedLatency;
            var phaseScore = score.Phases.FirstOrDefault(p => p.Phase == phase.Name);
            var faults = phase.Faults.Count == 0 ? "—" : string.Join("<br>", phase.Faults.Select(f => Cell(FaultWords.Of(f.ToFault()))));
            md.Append($"| {Cell(phase.Name)} | {faults} | {Format.Count(o.Scheduled)} | {Format.Count(phase.ProviderCalls.Total)} | {Format.Percent(o.Availability)} | ");
            md.Append($"{Format.Count(o.Fallback)} | {Format.Count(o.Failed)} | {Format.Count(o.Timeout)} | {Format.Count(o.Error)} | {Format.Count(o.Dropped)} | ");
            md.Append($"{Ms(latency, latency.P50Ms)} | {Ms(latency, latency.P95Ms)} | {Ms(latency, latency.P99Ms)} | {Ms(failed, failed.P95Ms)} | ");
            md.Append(phaseScore is null ? "—" : Format.Score(phaseScore.Score)).Append(" |\n");
        }
        md.Append('\n').Append(PhaseAttribution).Append(' ').Append(LatencySplit).Append("\n\n");
        if (r.Phases.All(p => p.Trail is not null))
        {
            md.Append("| Phase | Requests by provider calls: 0 / 1 / 2 / 3 / 4+ | Served by: primary / other provider / fallback / failed |\n|---|---|---|\n");
            foreach (var phase in r.Phases)
            {
                var t = phase.Trail!;
                md.Append($"| {Cell(phase.Name)} | {string.Join(" / ", Core.Results.PhaseTrail.AttemptBuckets.Select(b => Format.Count(t.AttemptsPerRequest.GetValueOrDefault(b))))} | ");
                md.Append(string.Join(" / ", Core.Results.ServedByNames.All.Select(b => Format.Count(t.ServedBy.GetValueOrDefault(b))))).Append(" |\n");
            }
            md.Append('\n');
        }
        var deductions = ScoreWords.Deductions(score);
        if (deductions.Count > 0)
        {
            md.Append("**What cost points**\n\n");
            foreach (var line in deductions) md.Append("- ").Append(Cell(line)).Append('\n');
            md.Append('\n');
        }
        md.Append(Cell(ScoreWords.Method(score.Method))).Append('\n');

        if (StepBreakdown.Shows(r.Steps))
        {
            md.Append("\n| Workflow | Step | Ran | OK | Failed | Timeout | Error | Skipped | p50 ms | p95 ms | p99 ms | TTFB p95 ms | Failed checks |\n");
            md.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            foreach (var step in r.Steps)
            {
                var c = step.Counts;
                var l = step.ServedLatency;
                var ttfb = step.TimeToFirstByte is { } t ? Format.Ms(t.P95Ms) : "—";
                var failures = step.Failures.Count == 0 ? "—" : string.Join("<br>", step.Failures.Select(f => $"{Cell(f.Key)}: {Format.Count(f.Value)}"));
                md.Append($"| {Cell(step.Workflow)} | {Cell(step.Step)} | {Format.Count(c.Ran)} | {Format.Count(c.Ok + c.Fallback)} | {Format.Count(c.Failed)} | ");
                md.Append($"{Format.Count(c.Timeout)} | {Format.Count(c.Error)} | {Format.Count(c.Skipped)} | {Ms(l, l.P50Ms)} | ");
                md.Append($"{Ms(l, l.P95Ms)} | {Ms(l, l.P99Ms)} | {ttfb} | {failures} |\n");
            }
        }

        if (r.Warnings.Count > 0)
        {
            md.Append("\n**Read with care**\n\n");
            foreach (var warning in r.Warnings) md.Append("- ").Append(Cell(WarningWords.Of(warning.ToWarning()))).Append('\n');
        }
        AppendProvenance(md, r);
        return md.ToString();
    }

    // Last, in small print: what measured the run and which commit the scenario was at.
    private static void AppendProvenance(StringBuilder md, RunResultDto r)
    {
        var parts = new List<string>();
        if (r.Environment is { } environment) parts.Add("Measured by " + Cell(ProvenanceWords.Environment(environment.ToEnvironment())));
        if (r.Scenario is { SourcePath: { } path, Revision: { } revision })
            parts.Add($"the scenario file `{Code(path)}` was at {Cell(ProvenanceWords.Revision(revision.ToRevision()))}");
        if (r.Journal is { } journal) parts.Add($"every provider call is in [{Cell(journal)}]({Format.RelativeUrl(journal)})");
        if (parts.Count == 0) return;
        var line = string.Join("; ", parts);
        md.Append("\n<sub>").Append(char.ToUpperInvariant(line[0])).Append(line[1..]).Append(".</sub>\n");
    }

    // A latency of a span where no request completed is not 0 ms.
    private static string Ms(LatencyDto latency, double ms) => latency.Count == 0 ? Format.Missing : Format.Ms(ms);

    private static string Cell(string text) => MarkdownText.Cell(text);

    private static string Code(string text) => MarkdownText.Code(text);
}
