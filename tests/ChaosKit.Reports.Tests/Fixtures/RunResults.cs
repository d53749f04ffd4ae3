using ChaosKit.Core.Results;

namespace ChaosKit.Reports.Tests.Fixtures;

/// <summary>
/// A realistic outage rehearsal: 60 s at 20 requests/s through baseline → outage → recovery, where the primary
/// provider answers 529 for 20 s and the app falls back to the secondary. Phase and overall statistics are
/// summed from the per-second buckets, so every number in the fixture agrees with the others.
/// </summary>
internal static class RunResults
{
    public const string Payload = "<script>alert(1)</script>";

    /// <summary>The outage's fault: the primary answers 529 to every call.</summary>
    public static FaultInfo Overloaded { get; } = new("error", "primary", 1, new Dictionary<string, string> { ["status"] = "529" });

    /// <summary>How <see cref="Overloaded"/> reads in every report.</summary>
    public const string OverloadedWords = "error (status 529) on primary, 100% of calls";

    private static readonly (string Name, int Start, int End, FaultInfo[] Faults)[] Timeline =
    [
        ("baseline", 0, 20, []),
        ("outage", 20, 40, [Overloaded]),
        ("recovery", 40, 60, []),
    ];

    /// <summary>The outage rehearsal; one of its three expectations fails, so the run fails.</summary>
    public static RunResult OutageRehearsal()
    {
        var seconds = Enumerable.Range(0, 60).Select(Bucket).ToList();
        var phases = Timeline.Select((t, i) => new PhaseResult(
            i, t.Name, t.Start, t.End, t.Faults,
            Stats(seconds.Skip(t.Start).Take(t.End - t.Start).ToList()),
            ProviderCalls(t.Name))).ToList();

        return new RunResult
        {
            Scenario = new ScenarioInfo(
                "checkout-assistant: primary provider outage",
                "The primary provider answers 529 for 20 s; the assistant should fall back to the secondary within two seconds.",
                1234,
                "scenarios/primary-outage.yaml")
            {
                Text = ScenarioText,
                Revision = new SourceRevision(Commit, Dirty: true),
            },
            StartedAt = new DateTimeOffset(2025, 11, 27, 19, 0, 0, TimeSpan.FromHours(1)),
            Duration = TimeSpan.FromSeconds(60.8),
            TimeScale = 1,
            Target = new TargetInfo("http://127.0.0.1:5080", Bundled: true),
            Providers =
            [
                new ProviderInfo("primary", "anthropic", "http://127.0.0.1:41001"),
                new ProviderInfo("secondary", "openai", "http://127.0.0.1:41002"),
            ],
            Load = new LoadInfo(20, 64, 10_000, "POST", "/api/chat"),
            Phases = phases,
            Overall = Stats(seconds),
            Seconds = seconds,
            Score = new ScoreCard(
                71.35,
                "baseline",
                [
                    Scored("baseline", 100, 0, (1, 1, 0, 400), (1, 352, 352)),
                    Scored("outage", 52.4, 0.5, (0.931, 1, 0.8825, 400), (0.128, 2_750, 352)),
                    Scored("recovery", 90.3, 0.5, (1, 1, 0.0325, 400), (0.677, 880, 352)),
                ],
                ScoreMethod.DegradationV1)
            {
                Components = [ScoreComponent.Of("availability", 0.9655, 0.7), ScoreComponent.Of("latency", 0.4025, 0.3)],
            },
            Expectations =
            [
                new ExpectationResult("availability >= 0.9 during outage", true, 0.931, "93.1% of requests were served (fallback included)."),
                new ExpectationResult("p95 < 800ms during outage", false, 2750, "p95 was 2,750 ms, above 800 ms."),
                new ExpectationResult("fallback_rate < 0.1 during recovery", true, 0.0325, "3.25% of requests used the fallback."),
            ],
            Warnings = [RunWarning.Of(RunWarningCodes.ArrivalsLate, ("late", 3), ("arrived", 600), ("limit_ms", 50), ("worst_ms", 120))],
            Environment = Environment,
            Journal = "journal.jsonl",
        };
    }

    /// <summary>
    /// The outage rehearsal with its provider trail, as a run that kept a journal has it: calls per second by status
    /// and, per phase, attempts per request, how requests were served and two example requests call by call.
    /// </summary>
    public static RunResult WithProviderTrail()
    {
        var run = OutageRehearsal();
        var outage = run.Phases.Single(p => p.Name == "outage");
        PhaseTrail Trail(PhaseResult phase)
        {
            var faulty = phase.Faults.Count > 0;
            var examples = new[]
            {
                new TracedRequest(101, "0af7651916cd43dd8448eb211c80319c", faulty ? "fallback" : "ok", 200, phase.StartSeconds + 1, faulty ? 2_400 : 380)
                {
                    ServedBy = faulty ? ServedByNames.Fallback : ServedByNames.Primary,
                    Attempts = faulty
                        ? [new ProviderAttempt("primary", "POST /v1/messages", 529, "error", 2, 300), new ProviderAttempt("primary", "POST /v1/messages", 529, "error", 800, 300) { RetryCount = 1, EarlyRetry = true },
                           new ProviderAttempt("secondary", "POST /v1/chat/completions", 429, "quota", 1_500, 40)]
                        : [new ProviderAttempt("primary", "POST /v1/messages", 200, null, 3, 360) { TokensIn = 12, TokensOut = 90 }],
                },
            };
            return new PhaseTrail(
                new Dictionary<string, long> { ["0"] = 0, ["1"] = faulty ? 0 : 400, ["2"] = 0, ["3"] = faulty ? 400 : 0, ["4+"] = 0 },
                new Dictionary<string, long> { ["primary"] = faulty ? 47 : 400, ["other_provider"] = 0, ["fallback"] = faulty ? 353 : 0, ["failed"] = 0 },
                examples);
        }
        return run with
        {
            ComparedWith = new ComparedWith("naive", "reference-naive", "compare.html"),
            // A streamed target: each second's first byte, slower while the primary is down.
            Seconds = [.. run.Seconds.Select(b => b with { TtfbP95Ms = b.Second >= outage.StartSeconds && b.Second < outage.EndSeconds ? 1_800 : 240 })],
            Phases = [.. run.Phases.Select(p => p with { Trail = Trail(p) })],
            ProviderSeconds = [.. run.Seconds.Select(b => new ProviderSecond(b.Second,
                b.Second >= outage.StartSeconds && b.Second < outage.EndSeconds
                    ? new Dictionary<string, long> { ["529"] = 40, ["200"] = 2 }
                    : new Dictionary<string, long> { ["200"] = b.Ok + b.Fallback }))],
        };
    }

    /// <summary>The commit the fixture's scenario file was at.</summary>
    public const string Commit = "2c1c7651871981e47147dcb04235eddd91022415";

    /// <summary>What the fixture ran on.</summary>
    public static RunEnvironment Environment { get; } = new(
        "0.1.0+" + Commit, ".NET 10.0.0", "Linux 6.12.48+deb13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.12.48-1 (2025-09-20)", "x64", 2);

    /// <summary>The start of the fixture's scenario file.</summary>
    public const string ScenarioText = "name: checkout-assistant\nseed: 1234\ntimeline:\n  - name: baseline\n    duration: 20s\n";

    /// <summary>How <c>outage</c>'s score reads in every report.</summary>
    public const string OutageScoreWords =
        "availability 93.1% vs 100% in the baseline, 88.3% served by fallback; p95 2,750 ms vs 352 ms in the baseline (7.8× slower)";

    private static PhaseScore Scored(
        string phase, double score, double weight,
        (double Value, double Baseline, double Fallback, long Scheduled) availability, (double Value, double P95, double BaselineP95) latency) =>
        new(phase, score,
        [
            ScoreComponent.Of("availability", availability.Value, 0.7, ("availability", availability.Value),
                ("baseline_availability", availability.Baseline), ("fallback_share", availability.Fallback), ("scheduled", availability.Scheduled)),
            ScoreComponent.Of("latency", latency.Value, 0.3, ("completed", availability.Scheduled), ("p95_ms", latency.P95),
                ("baseline_p95_ms", latency.BaselineP95), ("tolerated_p95_ms", latency.BaselineP95 * 1.2)),
        ])
        { Weight = weight };

    /// <summary>The same run with every expectation holding.</summary>
    public static RunResult Passing()
    {
        var run = OutageRehearsal();
        return run with { Expectations = [.. run.Expectations.Select(e => e with { Passed = true })] };
    }

    /// <summary>
    /// The rehearsal whose recovery scheduled nothing (a <c>pause</c>, or a run stopped before it), with an
    /// expectation on it that has no data.
    /// </summary>
    public static RunResult WithIdleRecovery()
    {
        var run = OutageRehearsal();
        var idle = run.Phases[2].Stats with
        {
            Outcomes = OutcomeCounts.Zero, Latency = LatencySummary.Empty, ServedLatency = LatencySummary.Empty,
            FailedLatency = LatencySummary.Empty, ServiceLatency = LatencySummary.Empty,
            DispatchDelay = LatencySummary.Empty, ThroughputPerSecond = 0, StatusCodes = new Dictionary<string, long>(),
        };
        return run with
        {
            Phases = [run.Phases[0], run.Phases[1], run.Phases[2] with { Stats = idle }],
            Expectations =
            [
                new ExpectationResult("recovery.availability >= 95%", false, null, "failed: no data (nothing was scheduled in phase 'recovery')")
                {
                    Display = "no data",
                },
            ],
        };
    }

    /// <summary>How the target's death in <see cref="TargetDied"/> is worded.</summary>
    public const string DeathCause = "target http://127.0.0.1:5080/ stopped answering: GET http://127.0.0.1:5080/healthz got no answer 3 times in a row (ConnectionRefused)";

    /// <summary>The rehearsal whose target died 31.2 s in, in the outage; every expectation it measured held.</summary>
    public static RunResult TargetDied()
    {
        var run = Passing();
        var numbers = new Dictionary<string, double> { ["at_seconds"] = 31.2, ["timeline_seconds"] = 60, ["missed_probes"] = 3 };
        return run with { Completion = new RunCompletion(RunCompletionStatus.TargetDied, numbers) { Phase = "outage", Cause = DeathCause } };
    }

    /// <summary>Every fixture run by name: the rehearsal and its variants, runs with workflow steps, and the edge cases.</summary>
    public static IEnumerable<(string Name, RunResult Run)> Every() =>
    [
        ("outage rehearsal", OutageRehearsal()),
        ("idle recovery", WithIdleRecovery()),
        ("target died", TargetDied()),
        ("malicious", Malicious()),
        ("provider trail", WithProviderTrail()),
        ("steps", Json.StepViewsTests.WithSteps()),
        ("one request", Json.OneStepRunTests.OneRequest()),
        ("built in code", OutageRehearsal() with { Environment = null, Journal = null, Scenario = new ScenarioInfo("bare", null, 1, null) }),
        .. EdgeCases(),
    ];

    /// <summary>Runs shaped unlike the rehearsal, each of which the report must still draw.</summary>
    public static IEnumerable<(string Name, RunResult Run)> EdgeCases()
    {
        var run = OutageRehearsal();
        yield return ("nothing measured", run with
        {
            Phases = [run.Phases[0] with { Stats = run.Phases[0].Stats with { Outcomes = OutcomeCounts.Zero, Latency = LatencySummary.Empty } }],
            Seconds = [],
            Expectations = [],
            Warnings = [],
            Score = run.Score with { Total = 0, Phases = [] },
        });
        // Time scale 0.1: phase boundaries fall between seconds.
        yield return ("time-scaled", run with
        {
            TimeScale = 0.1,
            Duration = TimeSpan.FromSeconds(6.2),
            Phases = [.. run.Phases.Select((p, i) => p with { StartSeconds = new[] { 0, 2.5, 4 }[i], EndSeconds = new[] { 2.5, 4, 6 }[i] })],
            Seconds = [.. run.Seconds.Where(b => b.Second % 10 == 0).Select(b => b with { Second = b.Second / 10 })],
        });
        // An hour: 3,600 buckets, each phase sixty times longer.
        yield return ("one hour", run with
        {
            Duration = TimeSpan.FromHours(1),
            Phases = [.. run.Phases.Select(p => p with { StartSeconds = p.StartSeconds * 60, EndSeconds = p.EndSeconds * 60 })],
            Seconds = [.. Enumerable.Range(0, 3600).Select(i => Bucket(i / 60) with { Second = i })],
        });
    }

    /// <summary>The run with <see cref="Payload"/> in every string a user can write.</summary>
    public static RunResult Malicious()
    {
        var run = OutageRehearsal();
        return run with
        {
            Scenario = run.Scenario with { Name = Payload, Description = Payload + " & \"quotes\" 'too'", SourcePath = Payload, Text = Payload + "\n</code></pre></details>" + Payload },
            Environment = new RunEnvironment(Payload, Payload, Payload, Payload, 1),
            Journal = Payload,
            Target = run.Target with { Url = Payload },
            Providers = [new ProviderInfo(Payload, Payload, Payload)],
            Load = run.Load with { Path = Payload },
            Phases = [.. run.Phases.Select(p => p with
            {
                Name = p.Name + Payload,
                Faults = [new FaultInfo(Payload, Payload, 1, new Dictionary<string, string> { [Payload] = Payload }) { Route = Payload, Model = Payload }],
            })],
            Score = run.Score with
            {
                Baseline = Payload,
                Method = new ScoreMethod(Payload, 1),
                Phases = [.. run.Score.Phases.Select(p => p with { Phase = p.Phase + Payload, Components = [ScoreComponent.Of(Payload, 0.5, 1, (Payload, 1))] })],
            },
            Expectations = [.. run.Expectations.Select(e => e with { Text = Payload, Detail = Payload })],
            Warnings = [new RunWarning(Payload, new Dictionary<string, double> { [Payload] = 1 })],
        };
    }

    private static SecondBucket Bucket(int second)
    {
        // Deterministic jitter: the same fixture every run, but not suspiciously flat.
        var jitter = (second * 37 % 11 - 5) / 100.0;
        return second switch
        {
            < 20 => new SecondBucket(second, 20, 0, 0, 0, 0, 0, 195 * (1 + jitter), 352 * (1 + jitter), 430 * (1 + jitter)),
            // The breaker has not opened yet: failures and timeouts before the fallback takes over.
            < 23 => new SecondBucket(second, 0, 10, 6, 2, 0, second == 21 ? 2 : 0, 1_800, 9_200, 10_000),
            < 40 => new SecondBucket(second, 0, 19, 1, 0, second == 31 ? 1 : 0, 0, 640 * (1 + jitter), 1_380 * (1 + jitter), 2_600 * (1 + jitter)),
            // Recovery: the breaker half-opens and traffic shifts back to the primary.
            < 45 => new SecondBucket(second, 4 * (second - 40) + 2, 18 - 4 * (second - 40), 0, 0, 0, 0, 420, 880, 1_250),
            _ => new SecondBucket(second, 20, 0, 0, 0, 0, 0, 205 * (1 + jitter), 360 * (1 + jitter), 445 * (1 + jitter)),
        };
    }

    private static PhaseStats Stats(IReadOnlyList<SecondBucket> buckets)
    {
        long ok = buckets.Sum(b => b.Ok), fallback = buckets.Sum(b => b.Fallback), failed = buckets.Sum(b => b.Failed);
        long timeout = buckets.Sum(b => b.Timeout), error = buckets.Sum(b => b.Error), dropped = buckets.Sum(b => b.Dropped);
        var outcomes = new OutcomeCounts(ok + fallback + failed + timeout + error + dropped, ok, fallback, failed, timeout, error, dropped);
        var completed = outcomes.Scheduled - dropped;
        var latency = Latency(buckets, completed, scale: 1);
        var unserved = failed + timeout + error;
        return new PhaseStats(
            outcomes,
            latency,
            Latency(buckets, completed, scale: 0.97),
            new LatencySummary(completed, 0.02, 0.4, 0.21, 0.9, 1.6, 4.8, 31.2, 52.7),
            (double)completed / buckets.Count,
            new Dictionary<string, long> { ["200"] = ok + fallback, ["502"] = failed, ["none"] = timeout + error })
        {
            // The served requests a little faster than all of them; the failures (timeouts among them) slower.
            ServedLatency = Latency(buckets, ok + fallback, scale: 0.9),
            FailedLatency = unserved == 0 ? LatencySummary.Empty : Latency(buckets, unserved, scale: 4),
        };
    }

    private static LatencySummary Latency(IReadOnlyList<SecondBucket> buckets, long count, double scale)
    {
        double P(Func<SecondBucket, double> pick, double q) =>
            buckets.Select(pick).Order().ElementAt((int)Math.Min(buckets.Count - 1, Math.Floor(q * buckets.Count))) * scale;
        return new LatencySummary(
            count,
            P(b => b.P50Ms, 0) * 0.4,
            buckets.Average(b => b.P50Ms) * 1.1 * scale,
            P(b => b.P50Ms, 0.5),
            P(b => b.P95Ms, 0.5) * 0.85,
            P(b => b.P95Ms, 0.5),
            P(b => b.P99Ms, 0.5),
            P(b => b.P99Ms, 0.95),
            P(b => b.P99Ms, 1) * 1.05);
    }

    private static ProviderCallStats ProviderCalls(string phase) => phase switch
    {
        "baseline" => new ProviderCallStats(400, new Dictionary<string, long> { ["200"] = 400 }, 0, 0),
        "outage" => new ProviderCallStats(1_046, new Dictionary<string, long> { ["529"] = 660, ["200"] = 386 }, 660, 262) { EarlyRetries = 41 },
        _ => new ProviderCallStats(408, new Dictionary<string, long> { ["200"] = 404, ["529"] = 4 }, 4, 2),
    };
}
