using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// A workflow ready to run: its variables, and per step the request and the judge, all validated. Every load runs as
/// workflows: a one-request load is one workflow (<see cref="LoadSpec.RequestWorkflowName"/>) of one step.
/// </summary>
internal sealed class CompiledWorkflow
{
    private CompiledWorkflow(WorkflowSpec spec, int index, int seed, (string Name, TemplateText Template)[] variables, CompiledStep[] steps)
    {
        Spec = spec;
        Index = index;
        Seed = seed;
        Variables = variables;
        Steps = steps;
        NeedsState = variables.Length > 0 || steps.Any(s => s.Request.UsesState);
    }

    /// <summary>The workflow as written (for a one-request load, as <see cref="LoadSpec.AsWorkflows"/> writes it).</summary>
    public WorkflowSpec Spec { get; }

    /// <summary>Position in the scenario.</summary>
    public int Index { get; }

    /// <summary>The seed its iterations' data and trace ids derive from.</summary>
    public int Seed { get; }

    /// <summary>Per-iteration variables, rendered in order.</summary>
    public (string Name, TemplateText Template)[] Variables { get; }

    /// <summary>The steps, in order.</summary>
    public CompiledStep[] Steps { get; }

    /// <summary>True when an iteration needs its own state (a seeded Faker, variables and captures); a one-request load's does not.</summary>
    public bool NeedsState { get; }

    /// <summary>Gets the workflow ready for a run: pooled Fakers for its iterations' state, and each step's first render.</summary>
    public void Prewarm(Uri baseUrl)
    {
        if (NeedsState) IterationRandom.Prewarm(Environment.ProcessorCount);
        foreach (var step in Steps) step.Request.Prewarm(baseUrl);
    }

    /// <summary>Compiles every workflow of <paramref name="spec"/> (<see cref="LoadSpec.AsWorkflows"/>).</summary>
    /// <exception cref="ScenarioException">A bad method, path, header or Bogus expression.</exception>
    public static IReadOnlyList<CompiledWorkflow> CompileAll(LoadSpec spec, int scenarioSeed)
    {
        var workflows = spec.AsWorkflows();
        return spec.Workflows.Count == 0
            ? [OneRequest(workflows[0], scenarioSeed, spec.Fallback)]
            : [.. workflows.Select((w, i) => Compile(w, i, scenarioSeed, spec.Fallback))];
    }

    /// <summary>A one-request load's workflow: its step renders <c>load.request</c> and is judged by status and fallback marker only.</summary>
    private static CompiledWorkflow OneRequest(WorkflowSpec spec, int seed, FallbackMarker? fallback)
    {
        var step = spec.Steps[0];
        var judge = new StepJudge(step, fallback, [], "load.request");
        return new CompiledWorkflow(spec, 0, seed, [], [new CompiledStep(step, new RequestRenderer(step.Request, seed), judge, TimesFirstByte: false)]);
    }

    /// <summary>Compiles workflow <paramref name="index"/> of the scenario.</summary>
    private static CompiledWorkflow Compile(WorkflowSpec spec, int index, int scenarioSeed, FallbackMarker? fallback)
    {
        // Workflow 0 keeps the scenario seed; the others draw from their own stream of it, so their data and traces differ.
        var seed = index == 0 ? scenarioSeed : (int)IterationRandom.Mix(scenarioSeed, -1 - index, lane: 7);
        var field = $"load.workflows[{index}]";
        var bogus = new List<TemplateExpression>();
        var variables = spec.Variables.Select(v => (v.Name, TemplateText.Compile(v.Template, $"{field}.variables.{v.Name}", bogus))).ToArray();
        var steps = spec.Steps.Select((s, i) => new CompiledStep(
            s, new StepRenderer(s.Request, $"{field}.steps[{i}].request", bogus), new StepJudge(s, fallback, bogus, $"{field}.steps[{i}]"), TimesFirstByte: true)).ToArray();
        RequestRenderer.ValidateExpressions(bogus, spec.Location);
        return new CompiledWorkflow(spec, index, seed, variables, steps);
    }
}
