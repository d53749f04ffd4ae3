using System.Globalization;

namespace ChaosKit.Runner.Targets;

/// <summary>A process and its descendants, read from <c>/proc</c> (Linux); elsewhere the process alone.</summary>
internal static class ProcessTree
{
    /// <summary>The process <paramref name="root"/> and every process below it, children first.</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        var children = new Dictionary<int, List<int>>();
        if (Directory.Exists("/proc"))
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (ParentOf(dir) is not { } parent) continue;
                if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
                list.Add(pid);
            }
        }
        var order = new List<int>();
        Visit(root);
        return order;

        void Visit(int pid)
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? []) Visit(child);
            order.Add(pid);
        }
    }

    // /proc/PID/stat: "pid (comm) state ppid ...", where comm may hold spaces and parentheses: read after the last ')'.
    private static int? ParentOf(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null; // gone meanwhile, or not ours to read
        }
    }
}
