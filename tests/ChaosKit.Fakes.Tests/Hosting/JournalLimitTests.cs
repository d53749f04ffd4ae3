using System.Text;
using System.Text.Json;
using ChaosKit.Core.Results;
using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Tests.Hosting;

/// <summary>The journal's size limit (rotation) and what it does when the disk fails it, at the file writer's seam.</summary>
public sealed class JournalLimitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-journal-limit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CallRecord Call(int i) =>
        new("p", "POST /v1/messages", 200, null, 0, null, null, TimeSpan.FromMilliseconds(i), TimeSpan.FromMilliseconds(1))
        {
            CorrelationId = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    private static int IdOf(JsonElement line) => int.Parse(line.GetProperty("correlation_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Past_half_its_limit_the_journal_rotates_keeps_the_latest_calls_and_counts_the_rest()
    {
        var path = Path.Combine(_folder, "journal.jsonl");
        const int Calls = 2_000; // about 700 KB of lines against a 64 KB limit
        JournalSummary summary;
        await using (var file = JournalFile.Create(path, JournalLimits.MinimumBytes))
        {
            for (var i = 0; i < Calls; i++)
            {
                file.Append(Call(i));
                if (i % 100 == 99) await Task.Delay(25); // several batches, as calls arrive over time
            }
            await file.DisposeAsync();
            summary = file.Summary;
        }

        var older = JournalLimits.RotatedPath(path);
        Assert.Equal(Path.Combine(_folder, "journal.1.jsonl"), older);
        Assert.True(new FileInfo(path).Length <= JournalLimits.MinimumBytes / 2, $"journal.jsonl is {new FileInfo(path).Length} bytes");
        Assert.True(new FileInfo(older).Length <= JournalLimits.MinimumBytes / 2, $"journal.1.jsonl is {new FileInfo(older).Length} bytes");
        var kept = (await File.ReadAllLinesAsync(older)).Concat(await File.ReadAllLinesAsync(path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // The kept lines are the latest calls, in order, with none missing between them.
        Assert.Equal(Enumerable.Range(Calls - kept.Count, kept.Count), kept.Select(IdOf));
        Assert.Equal(kept.Count, summary.Kept);
        Assert.Equal(Calls - kept.Count, summary.RotatedOut);
        Assert.Equal(Calls, summary.Calls);
        Assert.Null(summary.Failure);
        var warning = Assert.Single(summary.Warnings());
        Assert.Equal(RunWarningCodes.JournalRotated, warning.Code);
        Assert.Equal([summary.RotatedOut, summary.Kept, Calls, JournalLimits.MinimumBytes], new[] { warning["rotated_out"], warning["kept"], warning["calls"], warning["limit_bytes"] });
    }

    [Fact]
    public async Task A_rotated_file_left_by_an_earlier_run_is_not_kept()
    {
        var path = Path.Combine(_folder, "journal.jsonl");
        await File.WriteAllTextAsync(JournalLimits.RotatedPath(path), "{\"old\":true}\n");

        await using (var file = JournalFile.Create(path)) file.Append(Call(1));

        Assert.False(File.Exists(JournalLimits.RotatedPath(path)));
        Assert.Single(await File.ReadAllLinesAsync(path));
    }

    [Fact]
    public async Task A_full_disk_stops_the_journal_at_its_last_whole_line_and_counts_every_call_it_could_not_write()
    {
        // The file writer's lowest seam: a stream that takes 50,000 bytes (a batch of 100 lines is about 30,000),
        // then fails as a full disk does (ENOSPC), after writing part of the chunk it was given.
        var disk = new FullDiskStream(capacity: 50_000);
        const int Calls = 1_000;
        var file = JournalFile.Create(Path.Combine(_folder, "journal.jsonl"), open: _ => disk);
        for (var i = 0; i < Calls; i++)
        {
            file.Append(Call(i));
            if (i % 100 == 99) await Task.Delay(25);
        }
        await file.DisposeAsync(); // does not throw
        file.Append(Call(Calls)); // after closing: late, in no count
        var summary = file.Summary;

        var text = Encoding.UTF8.GetString(disk.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(lines);
        Assert.Equal(Enumerable.Range(0, lines.Count), lines.Select(IdOf));
        Assert.Equal(lines.Count, summary.Kept);
        Assert.Equal(Calls - lines.Count, summary.Lost);
        Assert.Equal(Calls, summary.Calls);
        Assert.Equal(1, file.Late);
        Assert.True(summary.DiskFull);
        Assert.Equal("No space left on device", summary.Failure);
        var warning = Assert.Single(summary.Warnings());
        Assert.Equal(RunWarningCodes.JournalWriteFailed, warning.Code);
        Assert.Equal([lines.Count, Calls - lines.Count, Calls, 1], new[] { warning["kept"], warning["lost"], warning["calls"], warning["disk_full"] });
    }

    /// <summary>Holds <c>capacity</c> bytes, then fails every write with ENOSPC (errno 28) after taking what fits.</summary>
    private sealed class FullDiskStream(int capacity) : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var room = (int)Math.Max(0, capacity - Length);
            if (buffer.Length <= room) return base.WriteAsync(buffer, cancellationToken);
            Write(buffer.Span[..room]);
            throw new IOException("No space left on device", 28);
        }
    }
}
