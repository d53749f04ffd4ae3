using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Results;
using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Load;
using ChaosKit.Load.Scheduling;
using ChaosKit.Load.Simulations;
using ChaosKit.Reports.Words;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// Numbers one stage writes and the reports word: the load engine's simulation descriptions and warnings, and the
/// scorer's method. A key renamed on one side only would print a dash, a constant changed on one side a stale
/// figure; these tests catch it before a report does.
/// </summary>
public sealed class StageWordsTests
{
    /// <summary>A value for every setting a registered simulation kind takes.</summary>
    private static readonly Dictionary<string, string> SettingValues = new(StringComparer.Ordinal)
    {
        ["rate"] = "4", ["min_rate"] = "2", ["max_rate"] = "6", ["interval"] = "1s", ["during"] = "2s", ["copies"] = "3", ["iterations"] = "8",
    };

    [Fact]
    public void Every_registered_simulation_kind_is_worded_from_numbers_its_description_carries()
    {
        foreach (var kind in SimulationRegistry.Default.Kinds)
        {
            var settings = string.Join(", ", kind.Settings.Select(key =>
                SettingValues.TryGetValue(key, out var value) ? $"{key}: {value}" : throw new KeyNotFoundException($"give {kind.Name}'s setting '{key}' a value in SettingValues")));
            var simulation = Assert.Single(Parse($"simulations: [ {{ {kind.Name}: {{ {settings} }} }} ]").Load!.Simulations);
            var described = simulation.Describe();
            var numbers = new ReadRecorder(described.Numbers);

            var words = ProfileWords.Of(described with { Numbers = numbers });

            Assert.True(numbers.Missing.Count == 0, $"{kind.Name} is worded from {string.Join(", ", numbers.Missing)}, which its description lacks: {words}");
            Assert.StartsWith(kind.Name, words, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_warning_the_load_diagnosis_gives_is_worded_from_numbers_it_carries()
    {
        // Every trouble at once: slow to drain, requests abandoned, a late and busy generator, arrivals
        // dropped and started over the cap, and iterations the 10 s timeline cannot hold.
        var scenario = Parse("simulations: [ { iterations_for_inject: { rate: 1, interval: 1s, iterations: 50 } } ]");
        var timeline = new RunTimeline(scenario.Timeline);
        var plan = LoadPlan.Create(scenario.Load!, scenario.Seed, timeline);
        var drive = new LoadDrive(ScheduleCompleted: false, Cutoff: TimeSpan.FromSeconds(4), DrainedInTime: false, DrainLimit: TimeSpan.FromSeconds(35),
            Abandoned: 3, CpuShare: 0.95, new DispatcherCounts(Arrived: 100, Late: 50, OverCap: 7, Peak: 12));
        var slowDispatch = new LatencySummary(100, 1, 20, 15, 30, 40, 80, 90, 100);
        var overall = new PhaseStats(new OutcomeCounts(100, 90, 0, 0, 0, 0, 10), LatencySummary.Empty, LatencySummary.Empty, slowDispatch, 0, new Dictionary<string, long>());

        var warnings = LoadDiagnosis.Warnings(drive, overall, scenario.Load!, plan);

        Assert.Equal(AllWarningCodes().Except(FakesWarningCodes).Order(StringComparer.Ordinal), warnings.Select(w => w.Code).Order(StringComparer.Ordinal));
        foreach (var warning in warnings)
        {
            var numbers = new ReadRecorder(warning.Numbers);
            var words = WarningWords.Of(warning with { Numbers = numbers });
            Assert.True(numbers.Missing.Count == 0, $"{warning.Code} is worded from {string.Join(", ", numbers.Missing)}, which it lacks: {words}");
        }
    }

    [Fact]
    public void The_score_method_is_worded_with_the_default_weights()
    {
        var words = ScoreWords.Method(ScoreMethod.DegradationV3);

        foreach (var (name, weight) in ScoreSettings.DefaultWeights)
        {
            var label = name switch
            {
                ScoreComponentNames.Discipline => "provider discipline",
                ScoreComponentNames.Detect => "time to detect",
                ScoreComponentNames.Recover => "time to recover",
                ScoreComponentNames.FailFast => "fail-fast",
                _ => name.Replace('_', ' '),
            };
            Assert.Contains($"{label} {Percent(weight)}", words, StringComparison.Ordinal);
        }
    }

    private static string Percent(double share) => Math.Round(share * 100, 6).ToString(CultureInfo.InvariantCulture) + "%";

    /// <summary>The codes the fakes give (their own failures, the journal), not the load's diagnosis.</summary>
    private static readonly string[] FakesWarningCodes =
    [
        RunWarningCodes.FakeFailures, RunWarningCodes.JournalRotated, RunWarningCodes.JournalDropped, RunWarningCodes.JournalWriteFailed,
    ];

    private static IEnumerable<string> AllWarningCodes() =>
        typeof(RunWarningCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    /// <summary>A one-phase scenario whose load is <paramref name="load"/> (YAML flow style, on one line).</summary>
    private static Scenario Parse(string load) => ScenarioLoader.Parse($$"""
        name: words
        providers: [ { name: claude, kind: anthropic } ]
        timeline: [ { name: only, duration: 10s } ]
        load: { request: { path: / }, {{load}} }
        """, "words.yaml", ScenarioRunner.Catalogs);

    /// <summary>Numbers that remember every name asked for and not there.</summary>
    private sealed class ReadRecorder(IReadOnlyDictionary<string, double> numbers) : IReadOnlyDictionary<string, double>
    {
        public List<string> Missing { get; } = [];

        public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => numbers.Keys;

        public IEnumerable<double> Values => numbers.Values;

        public int Count => numbers.Count;

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
        {
            if (numbers.TryGetValue(key, out value)) return true;
            Missing.Add(key);
            return false;
        }

        public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => numbers.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A dispatcher's counts, as the diagnosis reads them after the drive.</summary>
    private sealed record DispatcherCounts(long Arrived, long Late, long OverCap, int Peak) : ILoadDispatcher
    {
        public int InFlight => 0;

        public int PeakInFlight => Peak;

        public long LateArrivals => Late;

        public TimeSpan MaxLag => TimeSpan.FromMilliseconds(250);

        public long OverCapStarts => OverCap;

        public Task Drained => Task.CompletedTask;

        public Task<bool> RunAsync(CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
