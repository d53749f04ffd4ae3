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

    /// <summary>The workflows, or <see langword="null"/> when one has a problem that leaves it unable to run (recorded).</summary>
    public static IReadOnlyList<WorkflowSpec>? Read(YamlMap load, ISimulationCatalog? catalog, TimeSpan? timeline)
    {
        if (load.RequiredSequence("workflows") is not { } sequence) return null;
        if (sequence.Children.Count == 0)
        {
            load.Report("workflows", "needs at least one workflow with a name, a rate and steps");
            return null;
        }
        var field = load.FieldPath("workflows");
        var workflows = new List<WorkflowSpec>();
        var allRead = true;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (load.AsMap(sequence.Children[i], $"{field}[{i}]", WorkflowKeys) is not { } map || ReadWorkflow(map, catalog, timeline) is not { } workflow)
            {
                allRead = false;
                continue;
            }
            if (workflows.Any(w => w.Name == workflow.Name))
                map.Report("name", $"another workflow is already named '{workflow.Name}'; names must be unique");
            workflows.Add(workflow);
        }
        return allRead ? workflows : null;
    }

    private static WorkflowSpec? ReadWorkflow(YamlMap map, ISimulationCatalog? catalog, TimeSpan? timeline)
    {
        var name = ReadName(map);
        (double Rate, IReadOnlyList<LoadSimulation> Simulations)? profile = null;
        if (!map.Has("rate") && !map.Has("simulations"))
            map.Diagnostics.Report(map.Location, map.FieldPath("rate"), "each workflow needs a load profile: 'rate' (arrivals per second) or 'simulations'");
        else profile = LoadSection.ReadProfile(map, catalog, timeline);

        var known = new KnownNames();
        var variables = new List<WorkflowVariable>();
        if (map.Misspelt("variables") || (map.Has("variables") && map.Node("variables") is not YamlMappingNode)) known.Complete = false;
        if (map.OptionalMap("variables", AnyKey(map.Node("variables"))) is { } vars)
        {
            foreach (var key in vars.Keys)
            {
                CheckValueName(vars, key, "variable");
                var node = vars.Node(key)!;
                if (vars.Scalar(key, node) is { } template)
                {
                    CheckReferences(vars, node, vars.FieldPath(key), template, known);
                    variables.Add(new WorkflowVariable(key, template));
                }
                known.Names.Add(key);
            }
        }

        if (map.RequiredSequence("steps") is not { } stepSequence) return null;
        if (stepSequence.Children.Count == 0)
        {
            map.Report("steps", "needs at least one step with a name and a request");
            return null;
        }
        var steps = new List<StepSpec>();
        var allRead = true;
        for (var i = 0; i < stepSequence.Children.Count; i++)
        {
            if (map.AsMap(stepSequence.Children[i], $"{map.FieldPath("steps")}[{i}]", StepKeys) is not { } stepMap || ReadStep(stepMap, known) is not { } step)
            {
                // A step that cannot be read may capture names the later steps use.
                known.Complete = false;
                allRead = false;
                continue;
            }
            if (steps.Any(s => s.Name == step.Name))
                stepMap.Report("name", $"another step of this workflow is already named '{step.Name}'; names must be unique");
            steps.Add(step);
        }
        if (name is null || profile is not var (rate, simulations) || !allRead) return null;
        return new WorkflowSpec(name, rate, simulations, variables, steps, map.Location);
    }

    private static StepSpec? ReadStep(YamlMap map, KnownNames known)
    {
        var name = ReadName(map);
        RequestTemplate? request = null;
        if (map.RequiredMap("request", LoadSection.RequestFields) is { } requestMap)
        {
            request = LoadSection.ReadRequest(requestMap);
            CheckTree(requestMap, requestMap.Node("path"), requestMap.FieldPath("path"), known);
            CheckTree(requestMap, requestMap.Node("headers"), requestMap.FieldPath("headers"), known);
            CheckTree(requestMap, requestMap.Node("json"), requestMap.FieldPath("json"), known);
        }

        // Checks see this step's captures too (json_equals: { value: "{{id}}" } after capturing id).
        var captures = ReadCaptures(map, known);
        var checks = ReadChecks(map, known);
        return name is null || request is null ? null : new StepSpec(name, request, captures, checks, map.Location);
    }

    /// <summary>Reads the captures; every name written joins <paramref name="known"/>, so a bad one is not reported again where it is used.</summary>
    private static List<CaptureSpec> ReadCaptures(YamlMap map, KnownNames known)
    {
        var list = new List<CaptureSpec>();
        if (map.Misspelt("capture") || (map.Has("capture") && map.Node("capture") is not YamlMappingNode)) known.Complete = false;
        if (map.OptionalMap("capture", AnyKey(map.Node("capture"))) is not { } captures) return list;
        foreach (var key in captures.Keys)
        {
            CheckValueName(captures, key, "capture");
            known.Names.Add(key);
            if (captures.RequiredString(key)?.Trim() is not { } text) continue;
            var at = captures.LocationOf(key);
            if (text.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var header = text[HeaderPrefix.Length..].Trim();
                if (header.Length == 0) captures.Report(key, "name the header after 'header:', e.g. header:X-Request-Id");
                else list.Add(new CaptureSpec(key, CaptureSource.Header, header, at));
                continue;
            }
            if (!JsonPath.TryParse(text, out _, out var problem))
                captures.Report(key, $"{problem}; or capture a response header with header:Name");
            else list.Add(new CaptureSpec(key, CaptureSource.JsonPath, text, at));
        }
        return list;
    }

    private static List<CheckSpec> ReadChecks(YamlMap map, KnownNames known)
    {
        var list = new List<CheckSpec>();
        if (map.OptionalSequence("checks") is not { } sequence) return list;
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{map.FieldPath("checks")}[{i}]";
            if (map.AsMap(sequence.Children[i], itemPath, CheckKinds) is not { } item) continue;
            var kinds = item.Keys.ToList();
            if (kinds.Count != 1)
            {
                // A lone unknown kind is reported by the map already, with a suggestion.
                if (kinds.Count > 1 || item.WrittenKeys == 0)
                    item.Diagnostics.Report(item.Location, itemPath,
                        $"each check is one key naming its kind, e.g. '- status: 200' or '- json_exists: $.id'; found {kinds.Count}: {string.Join(", ", kinds)}");
                continue;
            }
            if (ReadCheck(item, kinds[0], known) is { } check) list.Add(check);
        }
        return list;
    }

    private static CheckSpec? ReadCheck(YamlMap item, string kind, KnownNames known)
    {
        var at = item.LocationOf(kind);
        switch (kind)
        {
            case "status":
            {
                var node = item.Node(kind)!;
                var texts = node is YamlSequenceNode seq ? seq.Children.Select(c => item.Scalar(kind, c)).ToList() : [item.Scalar(kind, node)];
                var codes = new List<int>();
                foreach (var text in texts)
                {
                    if (text is null) continue;
                    if (!int.TryParse(text, out var code) || code is < 100 or > 599)
                        item.Report(kind, $"'{text}' is not an HTTP status; give a code from 100 to 599, or a list such as [200, 201]");
                    else codes.Add(code);
                }
                if (texts.Count == 0) item.Report(kind, "give at least one status code, e.g. 200");
                return codes.Count == texts.Count && codes.Count > 0 ? new StatusCheck(codes, at) : null;
            }
            case "json_exists":
                return item.RequiredString(kind) is { } exists && Path(item, kind, exists) ? new JsonExistsCheck(exists, at) : null;
            case "json_equals":
            {
                if (item.RequiredMap(kind, EqualsKeys) is not { } m) return null;
                var value = m.RequiredString("value");
                if (value is not null) CheckReferences(m, m.Node("value")!, m.FieldPath("value"), value, known);
                var path = m.RequiredString("path");
                return path is not null && Path(m, "path", path) && value is not null ? new JsonEqualsCheck(path, value, at) : null;
            }
            case "body_contains":
            {
                if (item.RequiredString(kind) is not { } text) return null;
                if (text.Length > 0) return new BodyContainsCheck(text, at);
                item.Report(kind, "give the text the body must contain");
                return null;
            }
            default:
            {
                if (item.RequiredDuration(kind) is not { } bound) return null;
                if (bound > TimeSpan.Zero) return new LatencyBelowCheck(bound, at);
                item.Report(kind, "must be longer than 0s, e.g. 2s");
                return null;
            }
        }
    }

    private static bool Path(YamlMap map, string key, string text)
    {
        if (JsonPath.TryParse(text, out _, out var problem)) return true;
        map.Report(key, problem!);
        return false;
    }

    private static string? ReadName(YamlMap map)
    {
        var name = map.RequiredString("name");
        if (name is not null && !Names.Pattern().IsMatch(name))
            map.Report("name", $"'{name}' is not a valid name; use letters, digits, '-' and '_' (expectations refer to it, e.g. step.{name}.p95)");
        return name;
    }

    private static void CheckValueName(YamlMap map, string key, string what)
    {
        if (!ValueName().IsMatch(key))
            map.Report(key,
                $"'{key}' is not a valid {what} name; use letters, digits and '_', starting with a letter (templates use it as {{{{{key}}}}})");
    }

    /// <summary>Every key is allowed (names are the user's); the map is only read for its entries.</summary>
    private static string[] AnyKey(YamlNode? node) => node is YamlMappingNode m
        ? m.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToArray()
        : [];

    private static void CheckTree(YamlMap owner, YamlNode? node, string field, KnownNames known)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text } scalar:
                CheckReferences(owner, scalar, field, text, known);
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children) CheckTree(owner, v, $"{field}.{(k as YamlScalarNode)?.Value}", known);
                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++) CheckTree(owner, seq.Children[i], $"{field}[{i}]", known);
                break;
        }
    }

    private static void CheckReferences(YamlMap owner, YamlNode node, string field, string text, KnownNames known)
    {
        foreach (Match match in Reference().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (known.Names.Contains(name) || !known.Complete) continue;
            var hint = NearMiss.Suggest(name, known.Names);
            var names = known.Names.Count == 0 ? "none are defined yet" : $"defined so far: {string.Join(", ", known.Names)}";
            owner.Report(node, field, hint is not null
                ? $"{{{{{name}}}}} is not a variable or an earlier capture; did you mean {{{{{hint}}}}}?"
                : $"{{{{{name}}}}} is not a variable or an earlier capture ({names}); Bogus expressions look like {{{{internet.userName}}}}");
        }
    }

    /// <summary>
    /// The variables and captures a template may use so far. Incomplete once a part that defines names could not be
    /// read (a misspelt <c>capture</c>, a step that is not a mapping): then a reference is not reported, as it may be one of those.
    /// </summary>
    private sealed class KnownNames
    {
        public List<string> Names { get; } = [];

        public bool Complete { get; set; } = true;
    }
}
