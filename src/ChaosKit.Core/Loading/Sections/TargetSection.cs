using ChaosKit.Core.Scenarios;

namespace ChaosKit.Core.Loading.Sections;

/// <summary>Reads <c>target</c>: the application under test.</summary>
internal static class TargetSection
{
    private static readonly string[] TargetKeys = ["url"];

    public static TargetSpec Read(YamlMap root)
    {
        var map = root.OptionalMap("target", TargetKeys);
        if (map?.OptionalString("url") is not { } text) return new TargetSpec(null, map?.Location ?? root.Location);
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            return new TargetSpec(url, map.Location);
        map.Report("url", $"'{text}' is not an http(s) URL, e.g. http://127.0.0.1:5000");
        return new TargetSpec(null, map.Location);
    }
}
