using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>A workflow ready to run: its variables, and per step the renderer and the judge, all validated.</summary>
internal sealed class CompiledWorkflow
{
    /// <summary>Compiles workflow <paramref name="index"/> of the scenario.</summary>
    /// <exception cref="ScenarioException">A bad method, path, header or Bogus expression.</exception>
    public CompiledWorkflow(WorkflowSpec spec, int index, int scenarioSeed, FallbackMarker? fallback)
    {
        Spec = spec;
        Index = index;
        // Workflow 0 keeps the scenario seed; the others draw from their own stream of it, so their data and traces differ.
        Seed = index == 0 ? scenarioSeed : (int)IterationRandom.Mix(scenarioSeed, -1 - index, lane: 7);
        var field = $"load.workflows[{index}]";
        var bogus = new List<TemplateExpression>();
        Variables = [.. spec.Variables.Select(v => (v.Name, TemplateText.Compile(v.Template, $"{field}.variables.{v.Name}", bogus)))];
        Steps = [.. spec.Steps.Select((s, i) =>
            (s, new StepRenderer(s.Request, $"{field}.steps[{i}].request", bogus), new StepJudge(s, fallback, bogus, $"{field}.steps[{i}]")))];
        RequestRenderer.ValidateExpressions(bogus, spec.Location);
    }

    /// <summary>The workflow as written.</summary>
    public WorkflowSpec Spec { get; }

    /// <summary>Position in the scenario.</summary>
    public int Index { get; }

    /// <summary>The seed its iterations' data and trace ids derive from.</summary>
    public int Seed { get; }

    /// <summary>Per-iteration variables, rendered in order.</summary>
    public (string Name, TemplateText Template)[] Variables { get; }

    /// <summary>The steps, in order.</summary>
    public (StepSpec Spec, StepRenderer Renderer, StepJudge Judge)[] Steps { get; }
}
