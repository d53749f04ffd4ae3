using System.Xml.Linq;
using ChaosKit.Core.Results;
using ChaosKit.Reports.JUnit;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.JUnit;

public sealed class JUnitReportExporterTests
{
    private static async Task<XElement> ExportAsync(RunResult result) =>
        XDocument.Parse(await Export.ToStringAsync(JUnitReportExporter.Default, result)).Root!;

    [Fact]
    public async Task Each_expectation_is_a_test_case_and_the_failed_one_carries_its_detail()
    {
        var run = RunResults.OutageRehearsal();
        var root = await ExportAsync(run);

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("3", root.Attribute("tests")!.Value);
        Assert.Equal("1", root.Attribute("failures")!.Value);
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("chaoskit.checkout-assistant: primary provider outage", suite.Attribute("name")!.Value);
        Assert.Equal(run.Duration.TotalSeconds, double.Parse(suite.Attribute("time")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(run.Expectations.Select(e => e.Text), cases.Select(c => c.Attribute("name")!.Value));
        var failed = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.Equal("p95 < 800ms during outage", failed.Attribute("name")!.Value);
        Assert.Contains("p95 was 2,750 ms, above 800 ms.", failed.Element("failure")!.Attribute("message")!.Value);

        var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        Assert.Equal("1234", properties["seed"]);
        Assert.Equal("71.35", properties["score"]);
        Assert.Contains($"outage: {run.Phases[1].Stats.Outcomes.Scheduled} scheduled, availability", suite.Element("system-out")!.Value);
        Assert.Contains($"faults: {RunResults.OverloadedWords}\n", suite.Element("system-out")!.Value);
    }

    [Fact]
    public async Task A_passing_run_has_no_failures()
    {
        var root = await ExportAsync(RunResults.Passing());

        Assert.Equal("0", root.Attribute("failures")!.Value);
        Assert.DoesNotContain(root.Descendants("failure"), _ => true);
    }

    [Fact]
    public async Task A_run_without_expectations_is_one_passing_case()
    {
        var root = await ExportAsync(RunResults.OutageRehearsal() with { Expectations = [] });

        var testCase = Assert.Single(root.Descendants("testcase"));
        Assert.Equal("the rehearsal completed", testCase.Attribute("name")!.Value);
        Assert.Null(testCase.Element("failure"));
    }

    [Fact]
    public async Task User_text_is_escaped_into_well_formed_xml()
    {
        var text = await Export.ToStringAsync(JUnitReportExporter.Default, RunResults.Malicious());

        var root = XDocument.Parse(text).Root!;
        Assert.DoesNotContain("<script>", text);
        Assert.Contains(RunResults.Payload, root.Descendants("testcase").First().Attribute("name")!.Value);
    }
}
