using System.Diagnostics;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// A small tmpfs mounted for one test, so a full or read-only disk is real, not simulated. Mounting needs root (or
/// CAP_SYS_ADMIN); where the test process lacks it, <see cref="MountFactAttribute"/> skips the test and says why.
/// The journal's own handling of a full disk is tested without a mount, at the file writer's seam, in
/// <c>ChaosKit.Fakes.Tests</c> (<c>JournalLimitTests</c>).
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(string megabytes, bool readOnly = false)
    {
        var path = Directory.CreateTempSubdirectory("chaoskit-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}{(readOnly ? ",ro" : "")}", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Writes a file of zeros until the disk is full, leaving no room for anything else.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 0);
        var chunk = new byte[64 * 1024];
        try
        {
            while (true) filler.Write(chunk);
        }
        catch (IOException)
        {
            // Full.
        }
        // The last pages: a byte at a time until nothing fits.
        try
        {
            while (true) filler.Write(chunk, 0, 1);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {error}");
    }
}

/// <summary>A test that mounts a <see cref="Tmpfs"/>: skipped, with the reason, where the process cannot mount.</summary>
internal sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "mounting a tmpfs needs Linux";
        else if (!CanMount()) Skip = "mounting a tmpfs needs root or CAP_SYS_ADMIN; the journal's disk-full handling is still tested at the file writer's seam (JournalLimitTests)";
    }

    // CAP_SYS_ADMIN is bit 21 of the effective capability set.
    private static bool CanMount()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["CapEff:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, null, out var caps)
            && (caps & (1UL << 21)) != 0;
    }
}
