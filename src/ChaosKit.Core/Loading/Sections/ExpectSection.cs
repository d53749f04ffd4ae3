using ChaosKit.Core.Expectations;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>The load's steps read from a file (a one-request load's one step too); <paramref name="Complete"/> is false when the load could not be read, so step references go unchecked.</summary>
internal sealed record StepNames(IReadOnlyCollection<(string Workflow, string Step)> Steps, bool Complete);

/// <summary>Reads <c>expect</c>: the conditions that decide the exit code.</summary>
internal static class ExpectSection
{
    public static List<ExpectationSpec> Read(YamlMap root, TimelineRead timeline, StepNames steps)
    {
        var list = new List<ExpectationSpec>();
        if (root.OptionalSequence("expect") is not { } sequence) return list;
        var names = new ExpectationNames([.. timeline.Phases.Select(p => p.Name)], steps.Steps)
        {
            PhasesComplete = timeline.Complete,
            StepsComplete = steps.Complete,
        };
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var node = sequence.Children[i];
            var field = $"expect[{i}]";
            if (node is not YamlScalarNode { Value: { } text })
            {
                root.Report(node, field, $"expected a condition such as 'score >= 60', got {YamlMap.Describe(node)}");
                continue;
            }
            try
            {
                list.Add(ExpectationParser.Parse(text, names, field, root.Where(node)));
            }
            catch (ScenarioException e)
            {
                root.Diagnostics.Report(e);
            }
        }
        return list;
    }
}
