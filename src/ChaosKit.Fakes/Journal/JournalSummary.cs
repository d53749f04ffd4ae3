using ChaosKit.Core.Results;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// What a call journal holds once closed, and what it could not hold, in calls:
/// <see cref="Calls"/> = <see cref="Kept"/> + <see cref="RotatedOut"/> + <see cref="Dropped"/> + <see cref="Lost"/>.
/// </summary>
/// <param name="Path">The journal file, e.g. <c>reports/run/journal.jsonl</c>.</param>
/// <param name="LimitBytes">The most the journal's files may hold together (<see cref="JournalLimits"/>).</param>
public sealed record JournalSummary(string Path, long LimitBytes)
{
    /// <summary>Calls whose lines are in the journal's files (<see cref="Path"/> and, after a rotation, its <c>.1</c> file).</summary>
    public long Kept { get; init; }

    /// <summary>Calls whose lines went with the older file when the journal rotated at its limit.</summary>
    public long RotatedOut { get; init; }

    /// <summary>Calls never written because the journal's buffer was full: the disk was slower than the calls.</summary>
    public long Dropped { get; init; }

    /// <summary>Calls not written because writing the journal failed (see <see cref="Failure"/>).</summary>
    public long Lost { get; init; }

    /// <summary>Why writing the journal stopped, e.g. <c>No space left on device</c>; <see langword="null"/> when it did not.</summary>
    public string? Failure { get; init; }

    /// <summary>True when <see cref="Failure"/> was the disk (or the user's quota) running out of space.</summary>
    public bool DiskFull { get; init; }

    /// <summary>Every call the journal was given while open.</summary>
    public long Calls => Kept + RotatedOut + Dropped + Lost;

    /// <summary>What a result should tell its reader about the journal, as data; empty when it holds every call.</summary>
    public IReadOnlyList<RunWarning> Warnings()
    {
        var warnings = new List<RunWarning>();
        if (Failure is not null)
            warnings.Add(RunWarning.Of(RunWarningCodes.JournalWriteFailed,
                ("kept", Kept), ("lost", Lost), ("calls", Calls), ("disk_full", DiskFull ? 1 : 0)));
        if (RotatedOut > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.JournalRotated,
                ("rotated_out", RotatedOut), ("kept", Kept), ("calls", Calls), ("limit_bytes", LimitBytes)));
        if (Dropped > 0)
            warnings.Add(RunWarning.Of(RunWarningCodes.JournalDropped, ("dropped", Dropped), ("calls", Calls)));
        return warnings;
    }
}
