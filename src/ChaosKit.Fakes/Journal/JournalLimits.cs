namespace ChaosKit.Fakes.Journal;

/// <summary>
/// How big the call journal may grow. Past its limit the journal rotates: <c>journal.jsonl</c> is renamed
/// <c>journal.1.jsonl</c> (replacing the one before) whenever it reaches half the limit, so the two files together
/// never hold more than the limit and keep the most recent calls. The counts in a run's result never come from the
/// journal, so a rotated, degraded or absent journal changes none of them.
/// </summary>
public static class JournalLimits
{
    /// <summary>The default limit: 1 GiB, about 2.7 million calls.</summary>
    public const long DefaultBytes = 1L << 30;

    /// <summary>The smallest limit: 64 KiB, two files of about 90 calls each.</summary>
    public const long MinimumBytes = 64 * 1024;

    /// <summary>A journal line's size, for estimates: a chat call with a trace id writes about 370 bytes.</summary>
    public const int BytesPerCall = 400;

    /// <summary>The file <paramref name="path"/> is renamed to when it rotates: <c>journal.jsonl</c> → <c>journal.1.jsonl</c>.</summary>
    public static string RotatedPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".1" + Path.GetExtension(path));
    }

    /// <summary>True when <paramref name="error"/> is the disk, or the user's quota on it, running out of space.</summary>
    /// <remarks>ENOSPC and EDQUOT on Unix, where the errno is the HResult; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.</remarks>
    public static bool IsDiskFull(IOException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return OperatingSystem.IsWindows() ? (error.HResult & 0xFFFF) is 0x27 or 0x70 : error.HResult is 28 or 122;
    }
}
