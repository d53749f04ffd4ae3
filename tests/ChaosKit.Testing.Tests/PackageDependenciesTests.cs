using System.Xml.Linq;

namespace ChaosKit.Testing.Tests;

/// <summary>
/// ChaosKit.Testing ships Core, Fakes and Load inside its package, so the packages they use must be its own package
/// dependencies: one missing here installs fine and fails at run time, in a user's test run.
/// </summary>
public sealed class PackageDependenciesTests
{
    [Fact]
    public void The_package_depends_on_every_package_the_assemblies_inside_it_use()
    {
        var shipped = ReferencesOf("ChaosKit.Testing");

        foreach (var inside in new[] { "ChaosKit.Core", "ChaosKit.Fakes", "ChaosKit.Load" })
        {
            var missing = ReferencesOf(inside).Except(shipped).ToArray();
            Assert.True(missing.Length == 0, $"{inside} uses {string.Join(", ", missing)}; add it to src/ChaosKit.Testing/ChaosKit.Testing.csproj");
        }
    }

    private static HashSet<string> ReferencesOf(string project)
    {
        var file = XDocument.Load(Path.Combine(Repository.Root, "src", project, project + ".csproj"));
        return [.. file.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference")
            .Select(e => $"{e.Name.LocalName} {e.Attribute("Include")!.Value}")];
    }
}
