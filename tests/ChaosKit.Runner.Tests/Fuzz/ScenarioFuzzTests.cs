using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Runner.Serve;
using Xunit.Abstractions;

namespace ChaosKit.Runner.Tests.Fuzz;

/// <summary>
/// Hostile scenario files, made by <see cref="ScenarioMutator"/> from the bundled scenarios, are read as
/// <c>chaoskit validate</c> and <c>run</c> read them (<see cref="ScenarioLoader"/> with <see cref="ScenarioRunner.Catalogs"/>):
/// each is a scenario or a <see cref="ScenarioException"/> whose problems are one line each, never another exception
/// and never a hang. The suite runs a few thousand seeded cases; <c>FUZZ_CASES</c> runs more
/// (<c>./benchmarks/run.sh fuzz</c>), <c>FUZZ_SEED</c> other ones. A finding names its case, which <c>FUZZ_CASE</c>
/// replays alone.
/// </summary>
public sealed class ScenarioFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 3_000;

    // Far above any case's few milliseconds, so a busy machine never trips it; only a hang does.
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    private static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCases;

    [Fact]
    public void Mutated_and_random_scenarios_are_a_scenario_or_a_located_error_never_a_crash_or_a_hang()
    {
        var seeds = Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        Assert.NotEmpty(seeds);

        var summary = Fuzz("scenario", new ScenarioMutator(seeds), yaml =>
        {
            var scenario = ScenarioLoader.Parse(yaml, "fuzz.yaml", ScenarioRunner.Catalogs, loadRequired: yaml.Length % 2 == 0);
            // What the runtime builds first from a scenario it trusts.
            _ = new RunTimeline(scenario.Timeline, 0.1).Duration;
        });

        if (summary.Cases > 1) Assert.True(summary.Accepted > 0 && summary.Refused > 0, summary.ToString()); // the cases reach both sides of the loader
    }

    [Fact]
    public void Mutated_live_faults_are_a_fault_or_a_refusal_never_a_crash_or_a_hang()
    {
        var scenario = ScenarioLoader.Parse(File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "claude-outage.yaml")),
            "claude-outage.yaml", ScenarioRunner.Catalogs);
        string[] seeds =
        [
            """{"kind":"error","provider":"claude","status":529,"rate":0.5}""",
            """{"kind":"latency","delay":"300ms","route":"/v1/messages","model":"claude-*"}""",
            """{"kind":"error","status":429,"retry_after":"1s","message":"slow down"}""",
            """{"kind":"stream_cut","after_tokens":3,"mode":"error"}""",
            """{"kind":"quota","requests_per_minute":5}""",
        ];

        var summary = Fuzz("live fault", new ScenarioMutator(seeds), json => LiveFaultRequest.Parse(Encoding.UTF8.GetBytes(json), scenario), Math.Max(1, Cases / 3));

        if (summary.Cases > 1) Assert.True(summary.Accepted > 0 && summary.Refused > 0, summary.ToString());
    }

    private Summary Fuzz(string what, ScenarioMutator mutator, Action<string> read, int? cases = null)
    {
        var runSeed = ScenarioMutator.RunSeed;
        var count = cases ?? Cases;
        var findings = new List<string>();
        int accepted = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        // FUZZ_CASE replays the one case a finding names.
        var only = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CASE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var single) ? single : (int?)null;
        for (var index = only ?? 0; index < (only + 1 ?? count); index++)
        {
            var (text, recipe) = mutator.Case(runSeed, index);
            var attempt = Task.Run(() =>
            {
                try
                {
                    read(text);
                    return (Exception?)null;
                }
                catch (Exception e)
                {
                    return e;
                }
            });
            if (!attempt.Wait(PerCase))
            {
                findings.Add(Finding(what, runSeed, index, recipe, text, $"no answer within {PerCase.TotalSeconds:0} s"));
                continue;
            }
            switch (attempt.Result)
            {
                case null:
                    accepted++;
                    break;
                case ScenarioException e when e.Message.Length > 0 && e.Problems.All(p => !p.ToString().Contains('\n', StringComparison.Ordinal)):
                    refused++;
                    break;
                case var e:
                    findings.Add(Finding(what, runSeed, index, recipe, text, $"{e!.GetType().Name}: {e.Message.Split('\n')[0]}"));
                    break;
            }
        }
        var summary = new Summary(what, runSeed, only is null ? count : 1, accepted, refused, findings.Count, clock.Elapsed);
        output.WriteLine(summary.ToString());
        foreach (var finding in findings) output.WriteLine(finding);
        Assert.True(findings.Count == 0, $"{summary}\n{string.Join('\n', findings.Take(10))}");
        return summary;
    }

    // One line naming the case, so it replays alone (FUZZ_SEED, the index), and the text kept in a file to read.
    private static string Finding(string what, int runSeed, int index, string recipe, string text, string problem)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "chaoskit-fuzz")).FullName;
        var file = Path.Combine(folder, $"{what.Replace(' ', '-')}-{runSeed}-{index}.txt");
        File.WriteAllText(file, text, new UTF8Encoding(false)); // replaces a lone surrogate rather than throwing
        return $"{what} case {index} of seed {runSeed} ({recipe}): {problem}; text in {file}";
    }

    private sealed record Summary(string What, int Seed, int Cases, int Accepted, int Refused, int Findings, TimeSpan Elapsed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{What} fuzz, seed {Seed}: {Cases} cases in {Elapsed.TotalSeconds:0.0} s, {Accepted} accepted, {Refused} refused with located errors, {Findings} findings");
    }
}
