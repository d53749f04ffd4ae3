using ChaosKit.Core.Expectations;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>expect</c>: the conditions that decide the exit code.</summary>
internal static class ExpectSection
{
    public static List<ExpectationSpec> Read(YamlMap root, IReadOnlyCollection<string> phaseNames, IReadOnlyCollection<(string Workflow, string Step)> steps)
    {
        var list = new List<ExpectationSpec>();
        if (root.OptionalSequence("expect") is not { } sequence) return list;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var node = sequence.Children[i];
            var field = $"expect[{i}]";
            var text = node is YamlScalarNode { Value: { } v } ? v
                : throw new ScenarioException(root.Where(node), field, $"expected a condition such as 'score >= 60', got {YamlMap.Describe(node)}");
            list.Add(ExpectationParser.Parse(text, phaseNames, steps, field, root.Where(node)));
        }
        return list;
    }
}
