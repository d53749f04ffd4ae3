using System.Text.RegularExpressions;

namespace ChaosKit.Runner.Tests;

/// <summary>
/// Keeps the citations of the docs honest: code, tests, scenarios and the docs themselves cite sections of
/// <c>docs/providers.md</c>, <c>docs/incidents.md</c> and the other pages by anchor (<c>docs/providers.md#gemini-errors</c>),
/// and each anchor must name a heading the page has, as GitHub derives it.
/// </summary>
public sealed partial class DocAnchorTests
{
    private static readonly string Root = Repository.Root;
    private static readonly string[] CitingFolders = ["src", "tests", "scenarios", "docs", "benchmarks"];
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", "TestResults"];
    private static readonly string[] TextFiles = [".cs", ".md", ".yaml", ".yml", ".sh", ".mjs", ".js", ".json", ".sbn", ".csproj"];

    [Fact]
    public void Every_cited_docs_anchor_names_a_heading_of_its_page()
    {
        var pages = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => Anchors(File.ReadAllText(p)));
        var citations = CitingFiles().SelectMany(Citations).ToList();

        // The two pages the code cites most must be among those checked, so a broken pattern cannot pass unseen.
        Assert.Contains(citations, c => c.Page == "providers");
        Assert.Contains(citations, c => c.Page == "incidents");
        var broken = citations
            .Where(c => !pages.TryGetValue(c.Page, out var anchors) || !anchors.Contains(c.Anchor))
            .Select(c => $"{c.File}: {c.Page}.md#{c.Anchor}")
            .ToList();
        Assert.True(broken.Count == 0, "citations of a heading the page does not have:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("## Gemini errors", "gemini-errors")]
    [InlineData("## OpenAI, 2024-12-04", "openai-2024-12-04")]
    [InlineData("## Anthropic, 2025-08-05 to 2025-09-18", "anthropic-2025-08-05-to-2025-09-18")]
    [InlineData("### `chaoskit serve`: the fakes alone for your own app", "chaoskit-serve-the-fakes-alone-for-your-own-app")]
    [InlineData("### Status page `ramping_inject` [states](#x)", "status-page-ramping_inject-states")]
    public void Anchors_are_derived_from_headings_as_GitHub_does(string heading, string anchor) =>
        Assert.Contains(anchor, Anchors(heading));

    [Fact]
    public void A_repeated_heading_gets_a_numbered_anchor_and_headings_in_code_blocks_none()
    {
        var anchors = Anchors("## Sources\n\n```yaml\n# not a heading\n```\n\n## Sources\n");

        Assert.Equal(["sources", "sources-1"], anchors.Order());
    }

    private static IEnumerable<string> CitingFiles() =>
        CitingFolders.SelectMany(folder => Files(Path.Combine(Root, folder))).Append(Path.Combine(Root, "README.md"));

    private static IEnumerable<string> Files(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
            if (TextFiles.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)) yield return file;
        foreach (var child in Directory.EnumerateDirectories(folder))
            if (!SkippedFolders.Contains(Path.GetFileName(child)))
                foreach (var file in Files(child)) yield return file;
    }

    // docs/PAGE.md#anchor anywhere; inside docs/ also PAGE.md#anchor, and #anchor on the page itself.
    private static IEnumerable<(string File, string Page, string Anchor)> Citations(string file)
    {
        var text = File.ReadAllText(file);
        var relative = Path.GetRelativePath(Root, file).Replace('\\', '/');
        var inDocs = relative.StartsWith("docs/", StringComparison.Ordinal);
        foreach (Match m in PageCitation().Matches(text))
            if (m.Groups["docs"].Success || inDocs) yield return (relative, m.Groups["page"].Value, m.Groups["anchor"].Value);
        if (inDocs && relative.EndsWith(".md", StringComparison.Ordinal))
            foreach (Match m in SamePageLink().Matches(text))
                yield return (relative, Path.GetFileNameWithoutExtension(file), m.Groups["anchor"].Value);
    }

    // GitHub's anchors: the heading's text, lower case, without punctuation but hyphens and underscores, spaces as
    // hyphens; a repeated one gets -1, -2, ... Headings inside fenced code blocks are not headings.
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (Fence().IsMatch(line)) fenced = !fenced;
            if (fenced || Heading().Match(line) is not { Success: true } heading) continue;
            var text = Link().Replace(heading.Groups["text"].Value, "${text}").ToLowerInvariant();
            var slug = NotSlug().Replace(text, "").Replace(' ', '-');
            var repeats = seen.GetValueOrDefault(slug);
            seen[slug] = repeats + 1;
            anchors.Add(repeats == 0 ? slug : $"{slug}-{repeats}");
        }
        return anchors;
    }

    [GeneratedRegex(@"(?<![\w/.-])(?<docs>docs/)?(?<page>[a-z][a-z0-9-]*)\.md#(?<anchor>[\w-]+)")]
    private static partial Regex PageCitation();

    [GeneratedRegex(@"\]\(#(?<anchor>[\w-]+)\)")]
    private static partial Regex SamePageLink();

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[^\p{L}\p{M}\p{N}\p{Pc} -]")]
    private static partial Regex NotSlug();
}
