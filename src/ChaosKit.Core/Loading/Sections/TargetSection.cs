using System.Text.RegularExpressions;
using ChaosKit.Core.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>target</c>: the application under test, one already running (<c>url</c>) or one ChaosKit starts (<c>command</c>).</summary>
internal static partial class TargetSection
{
    private static readonly string[] TargetKeys = ["url", "health_path", "command", "cwd", "env", "ready", "profile", "compare_with"];
    private static readonly string[] ReadyKeys = ["path", "timeout"];

    public static TargetSpec Read(YamlMap root)
    {
        var map = root.OptionalMap("target", TargetKeys);
        if (map is null) return new TargetSpec(null, root.Location);
        var spec = new TargetSpec(Url(map), map.Location) { HealthPath = PathOf(map, "health_path") };
        var command = map.OptionalString("command");
        if (command is not null && (command.Trim().Length == 0 || command.Any(c => char.IsControl(c) && c != '\t')))
        {
            map.Report("command", "write the command on one line, e.g. node server.js");
            command = null;
        }
        if (!map.Has("url") && !map.Has("command"))
        {
            // The bundled sample app: ChaosKit starts it, so it takes variables and a profile, not a cwd or readiness.
            foreach (var key in new[] { "cwd", "ready" }.Where(map.Has))
                map.Report(key, $"'{key}' is for a target ChaosKit starts with target.command; the bundled sample app needs none");
            var profile = Profile(map, "profile");
            var reference = Profile(map, "compare_with");
            if (reference is not null && reference == (profile ?? TargetSpec.DefaultSampleAppProfile))
            {
                map.Report("compare_with", $"compare with another profile than the judged one ({reference}), e.g. {(reference == "naive" ? "sdk-defaults" : "naive")}");
                reference = null;
            }
            return spec with { Environment = Environment(map), Profile = profile, CompareWith = reference };
        }
        foreach (var key in new[] { "profile", "compare_with" }.Where(map.Has))
            map.Report(key, $"'{key}' chooses how the bundled sample app is built; remove it, or remove target.url and target.command");
        if (command is null)
        {
            foreach (var key in new[] { "cwd", "env", "ready" }.Where(map.Has))
                map.Report(key, $"'{key}' is for a target ChaosKit starts; add target.command, or remove it");
            return spec;
        }

        var ready = map.OptionalMap("ready", ReadyKeys);
        var timeout = ready?.OptionalDuration("timeout", TargetSpec.DefaultReadyTimeout) ?? TargetSpec.DefaultReadyTimeout;
        if (timeout <= TimeSpan.Zero || timeout > TargetSpec.MaxReadyTimeout)
        {
            ready!.Report("timeout", $"use a duration from 1s to {DurationParser.Format(TargetSpec.MaxReadyTimeout)}");
            timeout = TargetSpec.DefaultReadyTimeout;
        }
        var cwd = map.OptionalString("cwd");
        if (cwd is not null && (cwd.Length == 0 || cwd.Any(char.IsControl)))
        {
            map.Report("cwd", "write a folder, relative to the scenario file's, e.g. ../myapp");
            cwd = null;
        }
        return spec with
        {
            Command = command.Trim(),
            WorkingDirectory = cwd,
            Environment = Environment(map),
            ReadyPath = (ready is null ? null : PathOf(ready, "path")) ?? spec.HealthPath ?? "/",
            ReadyTimeout = timeout,
        };
    }

    private static string? Profile(YamlMap map, string key)
    {
        if (map.OptionalString(key) is not { } name) return null;
        if (TargetSpec.SampleAppProfiles.Contains(name)) return name;
        map.Report(key, $"'{name}' is not a profile of the sample app; use one of {string.Join(", ", TargetSpec.SampleAppProfiles)}");
        return null;
    }

    private static Uri? Url(YamlMap map)
    {
        if (map.OptionalString("url") is not { } text) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)) return url;
        map.Report("url", $"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:5000");
        return null;
    }

    private static string? PathOf(YamlMap map, string key)
    {
        if (map.OptionalString(key) is not { } path) return null;
        if (path.StartsWith('/') && !path.Any(char.IsControl)) return path;
        map.Report(key, $"'{path}' is not a path; write one line starting with '/', e.g. /healthz");
        return null;
    }

    private static Dictionary<string, string> Environment(YamlMap map)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Node("env") is not { } node) return variables;
        if (node is not YamlMappingNode entries)
        {
            map.Report(node, map.FieldPath("env"), $"expected a mapping of variable names to values, got {YamlMap.Describe(node)}");
            return variables;
        }
        foreach (var (k, v) in entries.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            var field = map.FieldPath($"env.{name}");
            if (!VariableName().IsMatch(name))
            {
                map.Report(k, field, $"'{name}' is not a variable name; use letters, digits and _, not starting with a digit");
                continue;
            }
            if (map.Scalar($"env.{name}", v) is not { } value) continue;
            if (value.Any(c => c == '\0'))
            {
                map.Report(v, field, "a variable's value cannot hold a NUL character");
                continue;
            }
            if (Reference().Replace(value, "").Contains("${", StringComparison.Ordinal))
            {
                map.Report(v, field, "write a reference as ${NAME}, e.g. ${ANTHROPIC_BASE_URL}");
                continue;
            }
            variables[name] = value;
        }
        return variables;
    }

    /// <summary>A variable name: letters, digits and _, not starting with a digit.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    public static partial Regex VariableName();

    /// <summary>A reference to a variable in a value, <c>${NAME}</c>.</summary>
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    public static partial Regex Reference();
}
