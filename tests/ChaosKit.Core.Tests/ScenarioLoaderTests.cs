using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Tests;

public class ScenarioLoaderTests
{
    internal const string Valid = """
        name: demo
        seed: 9
        providers:
          - name: claude
            kind: anthropic
        timeline:
          - name: baseline
            duration: 10s
          - name: outage
            duration: 1m30s
            faults:
              - kind: error
                provider: claude
                status: 529
                rate: 0.5
        load:
          rate: 5
          timeout: 2s
          request:
            method: post
            path: /api/ask
            json:
              question: "{{lorem.sentence}}"
              max_tokens: 200
              stream: false
        expect:
          - score >= 60
          - outage.availability >= 95%
          - baseline.p95 < 1.5s
        """;

    [Fact]
    public void Reads_every_section_of_a_valid_file()
    {
        var scenario = ScenarioLoader.Parse(Valid, "demo.yaml", ScenarioCatalogs.None);

        Assert.Equal("demo", scenario.Name);
        Assert.Equal(9, scenario.Seed);
        Assert.Equal("anthropic", Assert.Single(scenario.Providers).Kind);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90)], scenario.Timeline.Select(p => p.Duration));
        var fault = Assert.Single(scenario.Timeline[1].Faults);
        Assert.Equal(("error", "claude", 0.5), (fault.Kind, fault.Provider, fault.Rate));
        Assert.Equal(529, fault.Settings.GetRequiredInt("status"));
        Assert.True(scenario.Target.IsBundledSample);
        Assert.Equal("POST", scenario.Load!.Request.Method);
        var json = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(scenario.Load.Request.Json);
        Assert.Equal("{{lorem.sentence}}", json["question"]);
        Assert.Equal(200L, json["max_tokens"]);
        Assert.Equal(false, json["stream"]);
        Assert.Equal(0.95, scenario.Expectations[1].Threshold, 6);
        Assert.Equal(1500, scenario.Expectations[2].Threshold, 6);
        Assert.Equal(TimeSpan.FromSeconds(100), scenario.TotalDuration);
    }

    [Fact]
    public void A_misspelt_key_names_file_line_column_and_suggests_the_right_key()
    {
        var yaml = Valid.Replace("timeline:", "timline:");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Equal("demo.yaml:6:1: timline: unknown key 'timline'; did you mean 'timeline'?", error.Message);
    }

    [Fact]
    public void A_misspelt_nested_key_gives_its_dotted_path()
    {
        var yaml = Valid.Replace("  timeout: 2s", "  timout: 2s");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Contains("demo.yaml:18:3: load.timout: unknown key 'timout'; did you mean 'timeout'?", error.Message);
    }

    [Fact]
    public void A_target_may_name_the_path_its_health_is_probed_at()
    {
        var yaml = Valid.Replace("load:", "target:\n  url: http://127.0.0.1:5000\n  health_path: /healthz\nload:");

        var target = ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None).Target;

        Assert.Equal((new Uri("http://127.0.0.1:5000"), "/healthz"), (target.Url, target.HealthPath));
        Assert.Null(ScenarioLoader.Parse(Valid, "demo.yaml", ScenarioCatalogs.None).Target.HealthPath);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml.Replace("/healthz", "healthz"), "demo.yaml", ScenarioCatalogs.None));
        Assert.Equal(("target.health_path", "'healthz' is not a path; write one line starting with '/', e.g. /healthz"), (error.Field, error.Problem));
    }

    [Fact]
    public void A_target_may_be_a_command_chaoskit_starts_with_its_folder_variables_and_readiness()
    {
        var yaml = Valid.Replace("load:", """
            target:
              command: node server.js
              cwd: ../myapp
              env:
                LLM_URL: ${ANTHROPIC_BASE_URL}/v1
                MODE: rehearsal
              ready: { path: /healthz, timeout: 90s }
            load:
            """);

        var target = ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None).Target;

        Assert.Equal(("node server.js", "../myapp", "/healthz", TimeSpan.FromSeconds(90)), (target.Command, target.WorkingDirectory, target.ReadyPath, target.ReadyTimeout));
        Assert.Null(target.Url);
        Assert.False(target.IsBundledSample);
        var expanded = target.ExpandEnvironment(new Dictionary<string, string> { ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:4000" }, _ => null);
        Assert.Equal("http://127.0.0.1:4000/v1", expanded["LLM_URL"]);
        Assert.Equal("rehearsal", expanded["MODE"]);
        var unknown = Assert.Throws<ScenarioException>(() => target.ExpandEnvironment(new Dictionary<string, string> { ["PORT"] = "1" }, _ => null));
        Assert.Equal(("target.env.LLM_URL", "${ANTHROPIC_BASE_URL} is neither a variable ChaosKit sets (PORT) nor one in its environment"), (unknown.Field, unknown.Problem));
        // Its own environment fills what ChaosKit does not set.
        Assert.Equal("from-env/v1", target.ExpandEnvironment(new Dictionary<string, string>(), name => name == "ANTHROPIC_BASE_URL" ? "from-env" : null)["LLM_URL"]);
    }

    [Fact]
    public void A_target_commands_mistakes_are_all_reported_at_once()
    {
        var yaml = Valid.Replace("load:", """
            target:
              command: app
              env:
                9LIVES: x
                URL: ${OPEN
              ready: { path: healthz, timeout: 11m }
            load:
            """);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Equal(
            [
                ("target.env.9LIVES", "'9LIVES' is not a variable name; use letters, digits and _, not starting with a digit"),
                ("target.env.URL", "write a reference as ${NAME}, e.g. ${ANTHROPIC_BASE_URL}"),
                ("target.ready.path", "'healthz' is not a path; write one line starting with '/', e.g. /healthz"),
                ("target.ready.timeout", "use a duration from 1s to 10m"),
            ],
            error.Problems.Select(p => (p.Field, p.Problem)).OrderBy(p => p.Field, StringComparer.Ordinal).ToArray());
        var orphan = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            Valid.Replace("load:", "target:\n  url: http://127.0.0.1:5000\n  cwd: ../app\nload:"), "demo.yaml", ScenarioCatalogs.None));
        Assert.Equal(("target.cwd", "'cwd' is for a target ChaosKit starts; add target.command, or remove it"), (orphan.Field, orphan.Problem));
    }

    [Fact]
    public void The_bundled_sample_app_takes_a_profile_a_reference_profile_and_variables()
    {
        var scenario = ScenarioLoader.Parse(
            Valid.Replace("load:", "target:\n  profile: resilient\n  compare_with: naive\n  env:\n    SampleApp__Primary: openai\nload:"),
            "demo.yaml", ScenarioCatalogs.None);

        Assert.True(scenario.Target.IsBundledSample);
        Assert.Equal(("resilient", "naive"), (scenario.Target.Profile, scenario.Target.CompareWith));
        Assert.Equal("openai", scenario.Target.Environment["SampleApp__Primary"]);
    }

    [Theory]
    [InlineData("target:\n  profile: sturdy", "target.profile", "'sturdy' is not a profile of the sample app; use one of naive, sdk-defaults, resilient")]
    [InlineData("target:\n  compare_with: sdk-defaults", "target.compare_with", "compare with another profile than the judged one (sdk-defaults), e.g. naive")]
    [InlineData("target:\n  url: http://127.0.0.1:5000\n  profile: naive", "target.profile", "'profile' chooses how the bundled sample app is built; remove it, or remove target.url and target.command")]
    [InlineData("target:\n  ready:\n    path: /healthz", "target.ready", "'ready' is for a target ChaosKit starts with target.command; the bundled sample app needs none")]
    public void A_profile_is_only_for_the_bundled_sample_app_and_must_be_one_it_knows(string target, string field, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("load:", target + "\nload:"), "demo.yaml", ScenarioCatalogs.None));

        Assert.Equal((field, problem), (error.Field, error.Problem));
    }

    [Theory]
    [InlineData("duration: 10s", "duration: 10", "timeline[0].duration", "add a unit, e.g. '10s'")]
    [InlineData("duration: 10s", "duration: ten seconds", "timeline[0].duration", "not a duration")]
    [InlineData("rate: 5", "rate: fast", "load.rate", "expected a number, got 'fast'")]
    [InlineData("rate: 0.5", "rate: 1.5", "timeline[1].faults[0].rate", "out of range")]
    [InlineData("seed: 9", "seed: [1, 2]", "seed", "expected a single value, got a list")]
    [InlineData("kind: anthropic", "kind: antropic", "providers[0].kind", "did you mean 'anthropic'?")]
    [InlineData("provider: claude", "provider: claud", "timeline[1].faults[0].provider", "did you mean 'claude'?")]
    [InlineData("outage.availability", "outgae.availability", "expect[1]", "did you mean 'outage'?")]
    [InlineData("score >= 60", "scor >= 60", "expect[0]", "did you mean 'score'?")]
    [InlineData("path: /api/ask", "path: api/ask", "load.request.path", "must start with '/'")]
    [InlineData("duration: 10s", "duration: 99999999999h", "timeline[0].duration", "'99999999999h' is longer than 365 days (8760h), the longest duration a scenario takes")]
    [InlineData("p95 < 1.5s", "p95 < 99999999999999999h", "expect[2]", "'99999999999999999h' is not a valid value for p95")]
    [InlineData("availability >= 95%", "availability >= 101%", "expect[1]", "'101%' is not a valid value for availability (a ratio from 0 to 1 or a percentage from 0% to 100%")]
    [InlineData("availability >= 95%", "availability >= -5%", "expect[1]", "'-5%' is not a valid value for availability")]
    [InlineData("path: /api/ask", "path: \"/api/ask\\r\\nX-Evil: 1\"", "load.request.path", "holds a line break or another control character")]
    public void Bad_values_point_at_the_field(string find, string replace, string field, string problem)
    {
        var yaml = Valid.Replace(find, replace);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", new ScenarioCatalogs { Providers = new ProviderKinds() }));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
        Assert.True(error.Location.Line > 0, error.Message);
        Assert.StartsWith($"demo.yaml:{error.Location.Line}:{error.Location.Column}: {field}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Tool_calls_default_to_forced_take_auto_and_a_typo_is_named()
    {
        var byDefault = ScenarioLoader.Parse(Valid, "demo.yaml", ScenarioCatalogs.None);
        var auto = ScenarioLoader.Parse(Valid.Replace("    kind: anthropic", "    kind: anthropic\n    tool_calls: auto"), "demo.yaml", ScenarioCatalogs.None);
        var error = Assert.Throws<ScenarioException>(() =>
            ScenarioLoader.Parse(Valid.Replace("    kind: anthropic", "    kind: anthropic\n    tool_calls: atuo"), "demo.yaml", ScenarioCatalogs.None));

        Assert.False(byDefault.Providers[0].AutoToolCalls);
        Assert.True(auto.Providers[0].AutoToolCalls);
        Assert.Equal("providers[0].tool_calls", error.Field);
        Assert.Contains("did you mean 'auto'?", error.Message);
    }

    [Fact]
    public void A_status_page_can_lag_or_stay_operational_and_a_bad_mode_is_named()
    {
        var lagging = ScenarioLoader.Parse(Valid.Replace("    kind: anthropic", "    kind: anthropic\n    status_page: { lag: 7m }"), "demo.yaml", ScenarioCatalogs.None);
        Assert.Equal(new StatusPageSpec(TimeSpan.FromMinutes(7), false), lagging.Providers[0].StatusPage);

        var silent = ScenarioLoader.Parse(Valid.Replace("    kind: anthropic", "    kind: anthropic\n    status_page: { mode: always_operational }"), "demo.yaml", ScenarioCatalogs.None);
        Assert.True(silent.Providers[0].StatusPage.AlwaysOperational);

        var error = Assert.Throws<ScenarioException>(() =>
            ScenarioLoader.Parse(Valid.Replace("    kind: anthropic", "    kind: anthropic\n    status_page: { mode: always_operatonal }"), "demo.yaml", ScenarioCatalogs.None));
        Assert.Equal("providers[0].status_page.mode", error.Field);
        Assert.Contains("did you mean 'always_operational'?", error.Message);
    }

    [Fact]
    public void A_missing_required_section_is_named()
    {
        var yaml = Valid.Replace("name: demo\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Equal("name", error.Field);
        Assert.Equal("missing required field", error.Problem);
    }

    [Fact]
    public void A_scenario_without_load_parses_with_no_load_for_serve_to_take()
    {
        var yaml = Valid[..Valid.IndexOf("load:", StringComparison.Ordinal)];

        var scenario = ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None);

        Assert.Null(scenario.Load);
        Assert.Equal(["baseline", "outage"], scenario.Timeline.Select(p => p.Name));
    }

    [Fact]
    public void A_one_request_load_has_its_one_step_for_expectations_to_name()
    {
        var yaml = Valid.Replace("  - baseline.p95 < 1.5s", "  - baseline.p95 < 1.5s\n  - step.request.p95 < 2s\n  - outage.step.load.request.failed_rate < 1%");

        var scenario = ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None);

        var workflow = Assert.Single(scenario.Load!.AsWorkflows());
        Assert.Equal((LoadSpec.RequestWorkflowName, LoadSpec.RequestStepName), (workflow.Name, Assert.Single(workflow.Steps).Name));
        Assert.Same(scenario.Load.Request, workflow.Steps[0].Request);
        Assert.Equal(
            [("load", "request", "p95", (string?)null), ("load", "request", "failed_rate", "outage")],
            scenario.Expectations.Skip(3).Select(e => (e.StepWorkflow, e.Step, e.Metric, e.Phase)));
        var typo = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml.Replace("step.request.p95", "step.requst.p95"), "demo.yaml", ScenarioCatalogs.None));
        Assert.Equal("no workflow step named 'requst'; did you mean 'request'?", Assert.Single(typo.Problems).Problem);
    }

    [Fact]
    public void A_step_expectation_without_a_load_says_there_is_no_step_to_name()
    {
        var yaml = Valid[..Valid.IndexOf("load:", StringComparison.Ordinal)] + "expect:\n  - step.request.p95 < 2s\n";

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Equal("'step.request' names a step of the load, and this scenario has no load", Assert.Single(error.Problems).Problem);
    }

    [Fact]
    public void Broken_yaml_reports_the_parser_position()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("name: demo\ntimeline: [\n", "x.yaml", ScenarioCatalogs.None));

        Assert.StartsWith("x.yaml:", error.Message);
        Assert.Contains("invalid YAML", error.Message);
    }

    [Fact]
    public void Duplicate_phase_names_are_rejected()
    {
        var yaml = Valid.Replace("name: outage", "name: baseline");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        Assert.Contains("already exists", error.Message);
    }

    [Fact]
    public void The_catalog_checks_fault_kinds_and_settings()
    {
        var catalog = new StrictCatalog();

        var unknownKind = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("kind: error", "kind: eror"), "d.yaml", new ScenarioCatalogs { Faults = catalog }));
        Assert.Contains("did you mean 'error'?", unknownKind.Message);

        var badSetting = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("status: 529", "staus: 529"), "d.yaml", new ScenarioCatalogs { Faults = catalog }));
        Assert.Equal("timeline[1].faults[0].staus", badSetting.Field);
        Assert.Contains("did you mean 'status'?", badSetting.Message);
    }

    [Fact]
    public void The_catalog_checks_provider_kinds_and_without_one_any_written_kind_is_taken()
    {
        var catalogs = new ScenarioCatalogs { Providers = new ProviderKinds() };

        var unknown = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("kind: anthropic", "kind: mistral"), "d.yaml", catalogs));
        Assert.Equal("d.yaml:5:11: providers[0].kind: unknown provider kind 'mistral'; supported: anthropic, openai", unknown.Message);
        Assert.Equal("openai", Assert.Single(ScenarioLoader.Parse(Valid.Replace("kind: anthropic", "kind: openai"), "d.yaml", catalogs).Providers).Kind);

        Assert.Equal("mistral", Assert.Single(ScenarioLoader.Parse(Valid.Replace("kind: anthropic", "kind: mistral"), "d.yaml", ScenarioCatalogs.None).Providers).Kind);
        var missing = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("kind: anthropic", "kind: ''"), "d.yaml", ScenarioCatalogs.None));
        Assert.Equal("providers[0].kind", missing.Field);
        Assert.Contains("missing required field", missing.Problem);
    }

    [Fact]
    public async Task A_missing_file_says_so_with_its_path()
    {
        var error = await Assert.ThrowsAsync<ScenarioException>(() => ScenarioLoader.LoadAsync("nope/missing.yaml", ScenarioCatalogs.None));

        Assert.StartsWith("nope/missing.yaml: file not found", error.Message);
    }

    [Fact]
    public void Three_mistakes_in_three_sections_are_three_errors_of_one_pass_in_file_order()
    {
        var yaml = Valid.Replace("kind: anthropic", "kind: antropic").Replace("duration: 10s", "duration: 10").Replace("timeout: 2s", "timeout: 0s");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", new ScenarioCatalogs { Providers = new ProviderKinds() }));

        Assert.Equal(
            [
                "demo.yaml:5:11: providers[0].kind: unknown provider kind 'antropic'; did you mean 'anthropic'?",
                "demo.yaml:8:15: timeline[0].duration: '10' is not a duration; write a number with a unit: 500ms, 30s, 2m, 1h or 1m30s (add a unit, e.g. '10s')",
                "demo.yaml:18:12: load.timeout: must be longer than 0s",
            ],
            error.Problems.Select(p => p.ToString()));
        Assert.Equal(string.Join('\n', error.Problems), error.Message);
        Assert.Equal("providers[0].kind", error.Field);
    }

    [Fact]
    public void A_phase_without_a_name_is_one_error_not_one_more_for_each_expectation_naming_it()
    {
        var yaml = Valid.Replace("  - name: outage\n    duration: 1m30s", "  - duration: 1m30s");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("timeline[1].name", "missing required field"), (problem.Field, problem.Problem));
    }

    [Fact]
    public void A_misspelt_section_is_one_error_not_one_more_for_what_refers_to_it()
    {
        var timeline = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("timeline:", "timelines:"), "demo.yaml", ScenarioCatalogs.None));
        var providers = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("providers:", "provider:"), "demo.yaml", ScenarioCatalogs.None));
        var load = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Valid.Replace("load:", "lod:"), "demo.yaml", ScenarioCatalogs.None, loadRequired: true));

        Assert.Equal("unknown key 'timelines'; did you mean 'timeline'?", Assert.Single(timeline.Problems).Problem);
        Assert.Equal("unknown key 'provider'; did you mean 'providers'?", Assert.Single(providers.Problems).Problem);
        Assert.Equal("unknown key 'lod'; did you mean 'load'?", Assert.Single(load.Problems).Problem);
    }

    [Fact]
    public void A_bad_fault_wrapper_is_reported_without_asking_the_catalog_about_its_settings()
    {
        var yaml = Valid.Replace("status: 529", "staus: 529").Replace("rate: 0.5", "rate: 2");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "d.yaml", new ScenarioCatalogs { Faults = new StrictCatalog() }));

        Assert.Equal("timeline[1].faults[0].rate", Assert.Single(error.Problems).Field);
    }

    [Fact]
    public void A_run_needs_load_and_says_so_with_the_other_problems()
    {
        var yaml = Valid[..Valid.IndexOf("load:", StringComparison.Ordinal)].Replace("duration: 10s", "duration: soon");

        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml, "demo.yaml", ScenarioCatalogs.None, loadRequired: true));

        Assert.Equal(["load", "timeline[0].duration"], error.Problems.Select(p => p.Field));
        Assert.StartsWith("demo.yaml:1:1: load: missing required field", error.Message);
    }

    /// <summary>Two provider kinds, as the fakes' catalog would list them.</summary>
    private sealed class ProviderKinds : IProviderCatalog
    {
        public IReadOnlyCollection<string> Kinds { get; } = ["anthropic", "openai"];
    }

    /// <summary>A catalog with the two v1 kinds, reading settings the way a real fault does.</summary>
    private sealed class StrictCatalog : IFaultCatalog
    {
        public IReadOnlyCollection<string> Kinds { get; } = ["error", "latency"];

        public void Validate(FaultSpec fault)
        {
            if (fault.Kind == "error")
            {
                fault.Settings.GetRequiredInt("status");
                fault.Settings.GetOptionalDuration("retry_after");
                fault.Settings.EnsureAllRead(["status", "retry_after"]);
            }
            else
            {
                // The latency kind's settings (see LatencyFault); the real catalog checks their values.
                string[] latency = ["delay", "distribution", "min", "max", "stddev", "sigma", "on"];
                foreach (var key in latency) fault.Settings.GetString(key, "");
                fault.Settings.EnsureAllRead(latency);
            }
        }
    }
}
