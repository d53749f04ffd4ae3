namespace ChaosKit.Runner.Serve;

/// <summary>Writes <c>NAME=value</c> lines that dotenv loaders and <c>set -a; . file</c> both read.</summary>
internal static class EnvFile
{
    /// <summary>The lines, in order.</summary>
    public static IEnumerable<string> Lines(IReadOnlyDictionary<string, string> variables) =>
        variables.Select(kv => $"{kv.Key}={kv.Value}");

    /// <summary>Writes <paramref name="variables"/> to <paramref name="path"/>, creating its folder.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, string> variables, CancellationToken ct)
    {
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            await File.WriteAllLinesAsync(path, Lines(variables), ct);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IOException($"cannot write {path}: {e.Message}", e);
        }
    }
}
