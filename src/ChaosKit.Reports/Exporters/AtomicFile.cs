namespace ChaosKit.Reports.Exporters;

/// <summary>Writes a file so that a reader sees either the old file or the complete new one, never half of it.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="name"/> in <paramref name="directory"/> (created when missing) through <paramref name="write"/>,
    /// into a temporary file that replaces the old one only once it is complete.
    /// </summary>
    /// <returns>The full path of the written file.</returns>
    public static async ValueTask<string> WriteAsync(
        string directory, string name, Func<Stream, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(directory).FullName;
        var path = Path.Combine(folder, name);
        // The temporary file sits next to the target so the final move is a rename on the same volume: a reader
        // (or a CI artefact upload) sees either the old report or the complete new one, never half a file.
        var temp = Path.Combine(folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            File.Move(temp, path, overwrite: true);
            return path;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
