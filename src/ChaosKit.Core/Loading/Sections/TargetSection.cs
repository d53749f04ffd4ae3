using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>target</c>: the application under test.</summary>
internal static class TargetSection
{
    private static readonly string[] TargetKeys = ["url", "health_path"];

    public static TargetSpec Read(YamlMap root)
    {
        var map = root.OptionalMap("target", TargetKeys);
        if (map is null) return new TargetSpec(null, root.Location);
        var healthPath = HealthPath(map);
        if (map.OptionalString("url") is not { } text) return new TargetSpec(null, map.Location) { HealthPath = healthPath };
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            return new TargetSpec(url, map.Location) { HealthPath = healthPath };
        map.Report("url", $"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:5000");
        return new TargetSpec(null, map.Location) { HealthPath = healthPath };
    }

    private static string? HealthPath(YamlMap map)
    {
        if (map.OptionalString("health_path") is not { } path) return null;
        if (path.StartsWith('/') && !path.Any(char.IsControl)) return path;
        map.Report("health_path", $"'{path}' is not a path; write one line starting with '/', e.g. /healthz");
        return null;
    }
}
