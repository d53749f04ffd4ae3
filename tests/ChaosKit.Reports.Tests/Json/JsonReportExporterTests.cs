using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Json;

public sealed class JsonReportExporterTests
{
    private static async Task<JsonElement> ExportAsync(RunResult result)
    {
        var json = await Export.ToStringAsync(JsonReportExporter.Default, result);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Writes_the_run_under_a_versioned_camel_case_schema()
    {
        var run = RunResults.OutageRehearsal();
        var root = await ExportAsync(run);

        Assert.Equal(3, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(JsonReportExporter.SchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal("checkout-assistant: primary provider outage", root.GetProperty("scenario").GetProperty("name").GetString());
        Assert.Equal(1234, root.GetProperty("scenario").GetProperty("seed").GetInt32());

        var outage = root.GetProperty("phases")[1];
        Assert.Equal("outage", outage.GetProperty("name").GetString());
        Assert.Equal(20, outage.GetProperty("startSeconds").GetDouble());
        Assert.Equal(run.Phases[1].Stats.Outcomes.Fallback, outage.GetProperty("stats").GetProperty("outcomes").GetProperty("fallback").GetInt64());
        Assert.Equal(353, outage.GetProperty("stats").GetProperty("outcomes").GetProperty("fallback").GetInt64());
        Assert.Equal(660, outage.GetProperty("providerCalls").GetProperty("byStatus").GetProperty("529").GetInt64());
        Assert.Equal(262, outage.GetProperty("providerCalls").GetProperty("retries").GetInt64());
        Assert.Equal(41, outage.GetProperty("providerCalls").GetProperty("earlyRetries").GetInt64());
        var fault = outage.GetProperty("faults")[0];
        Assert.Equal("error", fault.GetProperty("kind").GetString());
        Assert.Equal("primary", fault.GetProperty("provider").GetString());
        Assert.Equal(1, fault.GetProperty("rate").GetDouble());
        Assert.Equal("529", fault.GetProperty("settings").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, fault.GetProperty("ramp").ValueKind);

        Assert.Equal(71.35, root.GetProperty("score").GetProperty("total").GetDouble());
        Assert.Equal("baseline", root.GetProperty("score").GetProperty("baseline").GetString());
        Assert.Equal(3, root.GetProperty("score").GetProperty("phases").GetArrayLength());

        var expectations = root.GetProperty("expectations");
        Assert.True(expectations[0].GetProperty("passed").GetBoolean());
        Assert.False(expectations[1].GetProperty("passed").GetBoolean());
        Assert.Equal(2750, expectations[1].GetProperty("actual").GetDouble());

        Assert.Equal(60, root.GetProperty("seconds").GetArrayLength());
        var warning = root.GetProperty("warnings")[0];
        Assert.Equal("arrivals_late", warning.GetProperty("code").GetString());
        Assert.Equal(3, warning.GetProperty("numbers").GetProperty("late").GetDouble());
        Assert.Equal(120, warning.GetProperty("numbers").GetProperty("worst_ms").GetDouble());
        Assert.Equal(2, root.GetProperty("providers").GetArrayLength());
        Assert.Equal(run.Overall.Outcomes.Scheduled, root.GetProperty("overall").GetProperty("outcomes").GetProperty("scheduled").GetInt64());
    }

    [Fact]
    public async Task Writes_the_score_as_data_its_method_and_each_phases_components_with_their_numbers()
    {
        var score = (await ExportAsync(RunResults.OutageRehearsal())).GetProperty("score");

        Assert.Equal("degradation", score.GetProperty("method").GetProperty("name").GetString());
        Assert.Equal(1, score.GetProperty("method").GetProperty("version").GetInt32());
        Assert.Equal(["availability", "latency"], score.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var outage = score.GetProperty("phases")[1];
        Assert.Equal(("outage", 52.4, 0.5), (outage.GetProperty("phase").GetString(), outage.GetProperty("score").GetDouble(), outage.GetProperty("weight").GetDouble()));
        var latency = outage.GetProperty("components")[1];
        Assert.Equal(("latency", 0.128, 0.3, 26.16),
            (latency.GetProperty("name").GetString(), latency.GetProperty("value").GetDouble(), latency.GetProperty("weight").GetDouble(), latency.GetProperty("pointsLost").GetDouble()));
        Assert.Equal(["baseline_p95_ms", "completed", "p95_ms", "tolerated_p95_ms"], latency.GetProperty("numbers").EnumerateObject().Select(n => n.Name));
        Assert.Equal(2750, latency.GetProperty("numbers").GetProperty("p95_ms").GetDouble());
        Assert.False(outage.TryGetProperty("explanation", out _), "words are the reports' business");
    }

    [Fact]
    public async Task Puts_units_in_field_names_and_writes_utc_timestamps()
    {
        var root = await ExportAsync(RunResults.OutageRehearsal());

        // 19:00 at +01:00 is 18:00 UTC.
        Assert.Equal("2025-11-27T18:00:00Z", root.GetProperty("startedAt").GetString());
        Assert.Equal(60.8, root.GetProperty("durationSeconds").GetDouble());
        Assert.False(root.TryGetProperty("duration", out _));
        Assert.Equal(10_000, root.GetProperty("load").GetProperty("timeoutMs").GetDouble());
        var latency = root.GetProperty("phases")[0].GetProperty("stats").GetProperty("latency");
        Assert.True(latency.GetProperty("p95Ms").GetDouble() > 0);
        Assert.Equal("http://127.0.0.1:5080", root.GetProperty("target").GetProperty("url").GetString());
        Assert.True(root.GetProperty("target").GetProperty("bundled").GetBoolean());
    }

    [Fact]
    public async Task Rounds_numbers_by_unit_and_includes_derived_rates()
    {
        var run = RunResults.OutageRehearsal();
        var phase = run.Phases[0] with
        {
            Stats = run.Phases[0].Stats with
            {
                Outcomes = new OutcomeCounts(3, 2, 0, 1, 0, 0, 0),
                Latency = LatencySummary.Empty with { Count = 3, P95Ms = 123.456789 },
            },
        };
        var root = await ExportAsync(run with { Phases = [phase], Score = run.Score with { Total = 71.3549 } });

        var stats = root.GetProperty("phases")[0].GetProperty("stats");
        Assert.Equal(123.457, stats.GetProperty("latency").GetProperty("p95Ms").GetDouble());
        Assert.Equal(0.666667, stats.GetProperty("outcomes").GetProperty("availability").GetDouble());
        Assert.Equal(2, stats.GetProperty("outcomes").GetProperty("served").GetInt64());
        Assert.Equal(0.333333, stats.GetProperty("outcomes").GetProperty("errorRate").GetDouble());
        Assert.Equal(71.35, root.GetProperty("score").GetProperty("total").GetDouble());
    }

    [Fact]
    public async Task Writes_missing_values_as_null_and_non_finite_numbers_as_strings()
    {
        var run = RunResults.OutageRehearsal();
        var root = await ExportAsync(run with
        {
            Scenario = run.Scenario with { Description = null },
            Score = run.Score with { Total = double.NaN },
            Expectations = [new ExpectationResult("p95 < 1s", false, null, "No request completed.")],
        });

        Assert.Equal(JsonValueKind.Null, root.GetProperty("scenario").GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("expectations")[0].GetProperty("actual").ValueKind);
        Assert.Equal("NaN", root.GetProperty("score").GetProperty("total").GetString());
    }

    [Fact]
    public async Task Is_indented_and_keeps_non_ascii_text_readable()
    {
        var run = RunResults.OutageRehearsal();
        var json = await Export.ToStringAsync(JsonReportExporter.Default, run with { Scenario = run.Scenario with { Name = "Ausfallübung – Primär" } });

        Assert.Contains("\"name\": \"Ausfallübung – Primär\"", json);
        Assert.StartsWith("{\n  \"schemaVersion\": 3,\n  \"passed\": false,", json.ReplaceLineEndings("\n"));
        Assert.EndsWith("}\n", json.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Orders_status_code_keys_so_files_diff_cleanly()
    {
        var root = await ExportAsync(RunResults.OutageRehearsal());

        var keys = root.GetProperty("phases")[1].GetProperty("providerCalls").GetProperty("byStatus").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["200", "529"], keys);
    }
}
