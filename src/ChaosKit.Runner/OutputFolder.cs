using ChaosKit.Core.Loading;

namespace ChaosKit.Runner;

/// <summary>
/// The folder a run writes into, checked before anything starts: it can be created and written, and it has room for
/// the journal the scenario will write. While the run goes, it holds a reserve (<c>.chaoskit-reserve</c>, space
/// allocated on the disk) that is freed just before the reports are written, so a disk that fills during the run
/// still takes them. Dispose to remove the reserve if it is still there.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    /// <summary>The reserve's file name.</summary>
    public const string ReserveFileName = ".chaoskit-reserve";

    private readonly string _reserve;

    private OutputFolder(string reserve) => _reserve = reserve;

    /// <summary>
    /// Creates <paramref name="path"/> if needed, sets aside <paramref name="reserveBytes"/> in it, and checks that
    /// <paramref name="journalBytes"/> more are free.
    /// </summary>
    /// <param name="path">The folder.</param>
    /// <param name="name">How messages name it, e.g. <c>--out reports/x</c>.</param>
    /// <param name="journalBytes">The journal's expected size (<see cref="RunEstimate.JournalBytes"/>).</param>
    /// <param name="reserveBytes">Room to keep for the reports (<see cref="RunEstimate.ReportBytes"/>); 0 for none.</param>
    /// <exception cref="OutputFolderException">The folder cannot be created or written, or has too little room; the message says which and what to do.</exception>
    public static OutputFolder Prepare(string path, string name, long journalBytes, long reserveBytes)
    {
        if (File.Exists(path)) throw new OutputFolderException($"{name}: is a file, not a folder; give a folder (it is created if missing)");
        var created = !Directory.Exists(path);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"{name}: cannot create the folder ({Reason(e)}); give a folder you can write to");
        }
        try
        {
            return ReserveIn(path, name, journalBytes, reserveBytes);
        }
        catch (OutputFolderException) when (created)
        {
            // Nothing ran: leave no empty folder behind.
            TryDeleteFolder(path);
            throw;
        }
    }

    private static OutputFolder ReserveIn(string path, string name, long journalBytes, long reserveBytes)
    {
        var reserve = System.IO.Path.Combine(path, ReserveFileName);
        try
        {
            // First an empty file: whether the folder can be written at all says more than how full it is.
            using (new FileStream(reserve, FileMode.Create, FileAccess.Write))
            {
            }
            if (FreeBytes(path) is { } free && free < journalBytes + reserveBytes)
            {
                TryDelete(reserve);
                throw new OutputFolderException(
                    $"{name}: {ByteSize.Format(free)} free, but the run needs about {ByteSize.Format(journalBytes + reserveBytes)} ({Needs(journalBytes, reserveBytes)}); " +
                    "free some space, give another folder with --out, or lower --journal-limit (0 writes no journal)");
            }
            if (reserveBytes == 0)
            {
                TryDelete(reserve);
                return new OutputFolder(reserve);
            }
            // Allocated (fallocate), not only sized: a sparse file would keep no room. A file system that cannot
            // allocate ahead gets a sparse file, and the reports fall back to another folder if the disk fills.
            using (new FileStream(reserve, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, PreallocationSize = reserveBytes }))
            {
            }
            return new OutputFolder(reserve);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(reserve);
            throw new OutputFolderException($"{name}: cannot write in the folder ({Reason(e)}); give a folder you can write to");
        }
    }

    /// <summary>Frees the reserve, just before the reports are written.</summary>
    public void ReleaseReserve() => TryDelete(_reserve);

    /// <inheritdoc />
    public void Dispose() => ReleaseReserve();

    private static string Needs(long journalBytes, long reserveBytes) => journalBytes > 0
        ? $"{ByteSize.Format(journalBytes)} for the call journal, {ByteSize.Format(reserveBytes)} for the reports"
        : $"{ByteSize.Format(reserveBytes)} for the reports";

    private static long? FreeBytes(string path)
    {
        try
        {
            return new DriveInfo(System.IO.Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null; // a file system that cannot say: the run goes on, and a full disk is handled when it comes
        }
    }

    /// <summary>The system's reason without the path it repeats, e.g. <c>Read-only file system</c>.</summary>
    internal static string Reason(Exception e) => Reason(e.Message);

    /// <inheritdoc cref="Reason(Exception)"/>
    internal static string Reason(string message) => message.Split(" : '", 2)[0].TrimEnd('.');

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not empty, or not ours to remove.
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a reserve left behind is named for what it is.
        }
    }
}

/// <summary>The output folder cannot take the run; the message names it, the reason and the fix. Exit code <see cref="ExitCodes.InvalidInput"/>.</summary>
internal sealed class OutputFolderException(string message) : Exception(message);
