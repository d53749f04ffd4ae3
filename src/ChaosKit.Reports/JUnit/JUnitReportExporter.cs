using System.Globalization;
using System.Text;
using System.Xml;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json.Dto;
using ChaosKit.Reports.Words;

namespace ChaosKit.Reports.JUnit;

/// <summary>
/// Writes <c>junit.xml</c>, so a CI system (GitHub Actions test reporters, GitLab, Jenkins, Azure Pipelines) lists a
/// rehearsal's verdict beside the team's unit tests: one test suite per run, one test case per expectation, failed
/// when the expectation did not hold. A run without expectations has one case that passes when it completed. It renders
/// from the model every report shares (<see cref="RunResultDto"/>) and words it through <c>ChaosKit.Reports.Words</c>.
/// </summary>
/// <remarks>
/// The file follows the de facto JUnit XML shape those systems share (the Ant <c>testsuites/testsuite/testcase</c>
/// elements with <c>failure</c> children); the per-phase table goes into <c>system-out</c>, where every CI viewer shows it.
/// </remarks>
public sealed class JUnitReportExporter : ExporterBase
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private JUnitReportExporter()
    {
    }

    /// <summary>The exporter writing <c>junit.xml</c>.</summary>
    public static JUnitReportExporter Default { get; } = new();

    /// <inheritdoc />
    public override string Name => "junit";

    /// <inheritdoc />
    public override string FileName => "junit.xml";

    /// <inheritdoc />
    public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);

        var r = RunResultDto.From(result);
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(destination, settings);
        var suite = "chaoskit." + r.Scenario.Name;
        var cases = TestCases(r);
        var failures = cases.Count(c => c.Failure is not null);
        var completion = r.Completion.ToCompletion();
        var errors = completion.IsComplete ? 0 : 1;
        var seconds = r.DurationSeconds.ToString("0.###", Invariant);

        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "chaoskit");
        xml.WriteAttributeString("tests", (cases.Count + errors).ToString(Invariant));
        xml.WriteAttributeString("failures", failures.ToString(Invariant));
        xml.WriteAttributeString("errors", errors.ToString(Invariant));
        xml.WriteAttributeString("time", seconds);

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", suite);
        xml.WriteAttributeString("tests", (cases.Count + errors).ToString(Invariant));
        xml.WriteAttributeString("failures", failures.ToString(Invariant));
        xml.WriteAttributeString("errors", errors.ToString(Invariant));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("time", seconds);
        xml.WriteAttributeString("timestamp", r.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss", Invariant));

        xml.WriteStartElement("properties");
        Property(xml, "scenario", r.Scenario.Name);
        if (r.Scenario.SourcePath is { } source) Property(xml, "scenario.file", source);
        Property(xml, "seed", r.Scenario.Seed.ToString(Invariant));
        Property(xml, "score", r.Score.Total.ToString("0.##", Invariant));
        Property(xml, "time_scale", r.TimeScale.ToString("0.####", Invariant));
        Property(xml, "target", r.Target.Url);
        Property(xml, "completion", r.Completion.Status);
        xml.WriteEndElement();

        // A run that stopped early is an error of the rehearsal itself, apart from the expectations it measured.
        if (!completion.IsComplete)
        {
            var words = CompletionWords.Of(completion);
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", suite);
            xml.WriteAttributeString("name", CompletedCase);
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", completion.Status);
            xml.WriteAttributeString("message", words);
            xml.WriteString(words);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        foreach (var testCase in cases)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", suite);
            xml.WriteAttributeString("name", testCase.Name);
            xml.WriteAttributeString("time", "0");
            if (testCase.Failure is { } failure)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", "expectation");
                xml.WriteAttributeString("message", failure);
                xml.WriteString(failure);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }

        xml.WriteElementString("system-out", PhaseSummary(r));
        xml.WriteEndElement();
        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private const string CompletedCase = "the rehearsal completed";

    private static List<(string Name, string? Failure)> TestCases(RunResultDto r)
    {
        if (r.Expectations.Count == 0)
        {
            // Its own error case says so when the run stopped early.
            return r.Completion.Status == RunCompletionStatus.Complete ? [(CompletedCase, null)] : [];
        }
        return [.. r.Expectations.Select(e => (e.Text, e.Passed ? null : $"{e.Text}: {e.Detail}"))];
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string P95(LatencyDto latency) => latency.Count == 0 ? Format.NoData : Format.Ms(latency.P95Ms) + " ms";

    private static string PhaseSummary(RunResultDto r)
    {
        var text = new StringBuilder();
        var card = r.Score.ToCard();
        text.Append($"score {ScoreWords.WithGrade(card)} / 100 ({ScoreWords.Method(card.Method)})\n");
        foreach (var line in ScoreWords.Deductions(card)) text.Append("  ").Append(line).Append('\n');
        foreach (var phase in r.Phases)
        {
            var o = phase.Stats.Outcomes;
            text.Append(
                $"{phase.Name}: {Format.Count(o.Scheduled)} scheduled, availability {Format.Percent(o.Availability)}, " +
                $"fallback {Format.Percent(o.FallbackRate)}, p95 {P95(phase.Stats.ServedLatency)}, failed p95 {P95(phase.Stats.FailedLatency)}, " +
                $"faults: {(phase.Faults.Count == 0 ? "none" : string.Join("; ", phase.Faults.Select(f => FaultWords.Of(f.ToFault()))))}\n");
        }
        foreach (var warning in r.Warnings) text.Append("warning: ").Append(WarningWords.Of(warning.ToWarning())).Append('\n');
        return text.ToString();
    }
}
