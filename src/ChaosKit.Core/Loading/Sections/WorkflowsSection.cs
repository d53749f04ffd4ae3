using System.Text.RegularExpressions;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>
/// Reads <c>load.workflows</c>: a list of workflows, each with a profile, per-iteration variables and steps that send a
/// request, capture values from the response and check it. Every <c>{{name}}</c> a step uses must be a variable or a
/// capture of an earlier step; <c>{{dataset.method}}</c> tokens are Bogus expressions, checked by the load engine.
/// </summary>
internal static partial class WorkflowsSection
{
    private static readonly string[] WorkflowKeys = ["name", "rate", "simulations", "variables", "steps"];
    private static readonly string[] StepKeys = ["name", "request", "capture", "checks"];
    private static readonly string[] CheckKinds = ["status", "json_exists", "json_equals", "body_contains", "latency_below"];
    private static readonly string[] EqualsKeys = ["path", "value"];
    private const string HeaderPrefix = "header:";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValueName();

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    public static IReadOnlyList<WorkflowSpec> Read(YamlMap load, ISimulationCatalog? catalog, TimeSpan timeline)
    {
        var sequence = load.RequiredSequence("workflows");
        var field = load.FieldPath("workflows");
        if (sequence.Children.Count == 0)
            throw new ScenarioException(load.LocationOf("workflows"), field, "needs at least one workflow with a name, a rate and steps");
        var workflows = new List<WorkflowSpec>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var map = load.AsMap(sequence.Children[i], $"{field}[{i}]", WorkflowKeys);
            var workflow = ReadWorkflow(map, catalog, timeline);
            if (workflows.Any(w => w.Name == workflow.Name))
                throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"), $"another workflow is already named '{workflow.Name}'; names must be unique");
            workflows.Add(workflow);
        }
        return workflows;
    }

    private static WorkflowSpec ReadWorkflow(YamlMap map, ISimulationCatalog? catalog, TimeSpan timeline)
    {
        var name = ReadName(map);
        if (!map.Has("rate") && !map.Has("simulations"))
            throw new ScenarioException(map.Location, map.FieldPath("rate"), "each workflow needs a load profile: 'rate' (arrivals per second) or 'simulations'");
        var (rate, simulations) = LoadSection.ReadProfile(map, catalog, timeline);

        var known = new List<string>();
        var variables = new List<WorkflowVariable>();
        if (map.OptionalMap("variables", AnyKey(map.Node("variables"))) is { } vars)
        {
            foreach (var key in vars.Keys)
            {
                CheckValueName(vars, key, "variable");
                var node = vars.RequiredNode(key);
                var template = vars.Scalar(key, node);
                CheckReferences(vars, node, vars.FieldPath(key), template, known);
                variables.Add(new WorkflowVariable(key, template));
                known.Add(key);
            }
        }

        var stepSequence = map.RequiredSequence("steps");
        if (stepSequence.Children.Count == 0)
            throw new ScenarioException(map.LocationOf("steps"), map.FieldPath("steps"), "needs at least one step with a name and a request");
        var steps = new List<StepSpec>();
        for (var i = 0; i < stepSequence.Children.Count; i++)
        {
            var stepMap = map.AsMap(stepSequence.Children[i], $"{map.FieldPath("steps")}[{i}]", StepKeys);
            var step = ReadStep(stepMap, known);
            if (steps.Any(s => s.Name == step.Name))
                throw new ScenarioException(stepMap.LocationOf("name"), stepMap.FieldPath("name"), $"another step of this workflow is already named '{step.Name}'; names must be unique");
            steps.Add(step);
        }
        return new WorkflowSpec(name, rate, simulations, variables, steps, map.Location);
    }

    private static StepSpec ReadStep(YamlMap map, List<string> known)
    {
        var name = ReadName(map);
        var requestMap = map.RequiredMap("request", LoadSection.RequestFields);
        var request = LoadSection.ReadRequest(requestMap);
        CheckTree(requestMap, requestMap.Node("path"), requestMap.FieldPath("path"), known);
        CheckTree(requestMap, requestMap.Node("headers"), requestMap.FieldPath("headers"), known);
        CheckTree(requestMap, requestMap.Node("json"), requestMap.FieldPath("json"), known);

        // Checks see this step's captures too (json_equals: { value: "{{id}}" } after capturing id).
        var captures = ReadCaptures(map);
        known.AddRange(captures.Select(c => c.Name));
        var checks = ReadChecks(map, known);
        return new StepSpec(name, request, captures, checks, map.Location);
    }

    private static List<CaptureSpec> ReadCaptures(YamlMap map)
    {
        var list = new List<CaptureSpec>();
        if (map.OptionalMap("capture", AnyKey(map.Node("capture"))) is not { } captures) return list;
        foreach (var key in captures.Keys)
        {
            CheckValueName(captures, key, "capture");
            var text = captures.RequiredString(key).Trim();
            var at = captures.LocationOf(key);
            if (text.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var header = text[HeaderPrefix.Length..].Trim();
                if (header.Length == 0)
                    throw new ScenarioException(at, captures.FieldPath(key), "name the header after 'header:', e.g. header:X-Request-Id");
                list.Add(new CaptureSpec(key, CaptureSource.Header, header, at));
                continue;
            }
            if (!JsonPath.TryParse(text, out _, out var problem))
                throw new ScenarioException(at, captures.FieldPath(key), $"{problem}; or capture a response header with header:Name");
            list.Add(new CaptureSpec(key, CaptureSource.JsonPath, text, at));
        }
        return list;
    }

    private static List<CheckSpec> ReadChecks(YamlMap map, List<string> known)
    {
        var list = new List<CheckSpec>();
        if (map.OptionalSequence("checks") is not { } sequence) return list;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{map.FieldPath("checks")}[{i}]";
            var item = map.AsMap(sequence.Children[i], itemPath, CheckKinds);
            var kinds = item.Keys.ToList();
            if (kinds.Count != 1)
                throw new ScenarioException(item.Location, itemPath,
                    $"each check is one key naming its kind, e.g. '- status: 200' or '- json_exists: $.id'; found {kinds.Count}: {string.Join(", ", kinds)}");
            list.Add(ReadCheck(item, kinds[0], known));
        }
        return list;
    }

    private static CheckSpec ReadCheck(YamlMap item, string kind, List<string> known)
    {
        var at = item.LocationOf(kind);
        var field = item.FieldPath(kind);
        switch (kind)
        {
            case "status":
            {
                var node = item.RequiredNode(kind);
                var texts = node is YamlSequenceNode seq ? seq.Children.Select(c => item.Scalar(kind, c)).ToList() : [item.Scalar(kind, node)];
                var codes = new List<int>();
                foreach (var text in texts)
                {
                    if (!int.TryParse(text, out var code) || code is < 100 or > 599)
                        throw new ScenarioException(at, field, $"'{text}' is not an HTTP status; give a code from 100 to 599, or a list such as [200, 201]");
                    codes.Add(code);
                }
                if (codes.Count == 0) throw new ScenarioException(at, field, "give at least one status code, e.g. 200");
                return new StatusCheck(codes, at);
            }
            case "json_exists":
                return new JsonExistsCheck(Path(item.RequiredString(kind), at, field), at);
            case "json_equals":
            {
                var m = item.RequiredMap(kind, EqualsKeys);
                var value = m.RequiredString("value");
                CheckReferences(m, m.RequiredNode("value"), m.FieldPath("value"), value, known);
                return new JsonEqualsCheck(Path(m.RequiredString("path"), m.LocationOf("path"), m.FieldPath("path")), value, at);
            }
            case "body_contains":
            {
                var text = item.RequiredString(kind);
                if (text.Length == 0) throw new ScenarioException(at, field, "give the text the body must contain");
                return new BodyContainsCheck(text, at);
            }
            default:
            {
                var bound = item.RequiredDuration(kind);
                if (bound <= TimeSpan.Zero) throw new ScenarioException(at, field, "must be longer than 0s, e.g. 2s");
                return new LatencyBelowCheck(bound, at);
            }
        }
    }

    private static string Path(string text, SourceLocation at, string field) =>
        JsonPath.TryParse(text, out _, out var problem) ? text : throw new ScenarioException(at, field, problem!);

    private static string ReadName(YamlMap map)
    {
        var name = map.RequiredString("name");
        if (!Names.Pattern().IsMatch(name))
            throw new ScenarioException(map.LocationOf("name"), map.FieldPath("name"),
                $"'{name}' is not a valid name; use letters, digits, '-' and '_' (expectations refer to it, e.g. step.{name}.p95)");
        return name;
    }

    private static void CheckValueName(YamlMap map, string key, string what)
    {
        if (!ValueName().IsMatch(key))
            throw new ScenarioException(map.LocationOf(key), map.FieldPath(key),
                $"'{key}' is not a valid {what} name; use letters, digits and '_', starting with a letter (templates use it as {{{{{key}}}}})");
    }

    /// <summary>Every key is allowed (names are the user's); the map is only read for its entries.</summary>
    private static string[] AnyKey(YamlNode? node) => node is YamlMappingNode m
        ? m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray()
        : [];

    private static void CheckTree(YamlMap owner, YamlNode? node, string field, List<string> known)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text } scalar:
                CheckReferences(owner, scalar, field, text, known);
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children) CheckTree(owner, v, $"{field}.{((YamlScalarNode)k).Value}", known);
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++) CheckTree(owner, seq.Children[i], $"{field}[{i}]", known);
                break;
        }
    }

    private static void CheckReferences(YamlMap owner, YamlNode node, string field, string text, List<string> known)
    {
        foreach (Match match in Reference().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (known.Contains(name)) continue;
            var hint = NearMiss.Suggest(name, known);
            var names = known.Count == 0 ? "none are defined yet" : $"defined so far: {string.Join(", ", known)}";
            throw new ScenarioException(owner.Where(node), field, hint is not null
                ? $"{{{{{name}}}}} is not a variable or an earlier capture; did you mean {{{{{hint}}}}}?"
                : $"{{{{{name}}}}} is not a variable or an earlier capture ({names}); Bogus expressions look like {{{{internet.userName}}}}");
        }
    }
}
