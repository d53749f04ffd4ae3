using System.Text.Json;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// No lost runs: the output folder is checked before anything starts, the journal stays within its limit, and a disk
/// that fills during the run costs the journal, never result.json and the reports. Through the built <c>chaoskit</c>.
/// </summary>
public sealed class OutputAndJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("run")]
    [InlineData("serve")]
    public async Task An_output_that_is_a_file_is_a_bad_flag_and_starts_nothing(string command)
    {
        var file = Path.Combine(_folder, "taken");
        await File.WriteAllTextAsync(file, "");

        var run = await ChaosKitProcess.RunAsync(command, "scenarios/claude-outage.yaml", "--out", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --out {file}: is a file, not a folder; give a folder (it is created if missing)", run.Stderr.Trim());
        Assert.DoesNotContain("listening", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_created_is_a_bad_flag()
    {
        var file = Path.Combine(_folder, "file");
        await File.WriteAllTextAsync(file, "");
        var under = Path.Combine(file, "run");

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--out", under);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: --out {under}: cannot create the folder (", run.Stderr.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("); give a folder you can write to", run.Stderr.Trim(), StringComparison.Ordinal);
    }

    [MountFact]
    public async Task A_read_only_output_is_a_bad_flag_that_says_why()
    {
        using var disk = Tmpfs.Mount("1m", readOnly: true);

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--out", disk.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --out {disk.Path}: cannot write in the folder (Read-only file system); give a folder you can write to", run.Stderr.Trim());
    }

    [MountFact]
    public async Task An_output_without_room_for_the_run_says_how_much_it_needs_before_anything_starts()
    {
        using var disk = Tmpfs.Mount("4m");
        var output = Path.Combine(disk.Path, "run");

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"^error: --out \S+/run: 4 MB free, but the run needs about [\d.]+ MB \([\d.]+ KB for the call journal, [\d.]+ MB for the reports\); free some space, give another folder with --out, or lower --journal-limit \(0 writes no journal\)$", run.Stderr.Trim());
        Assert.False(Directory.Exists(output));
        Assert.DoesNotContain("listening", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_its_limit_the_journal_rotates_and_the_result_still_counts_every_call()
    {
        // About 1,000 calls (some 370 KB of lines) against a 64 KB limit.
        var file = Path.Combine(_folder, "busy.yaml");
        await File.WriteAllTextAsync(file, ExitCodeTests.ShortScenario(phase: "20s", rate: 250, expect: false));
        var output = Path.Combine(_folder, "busy");

        var run = await ChaosKitProcess.RunAsync("run", file, "--time-scale", "0.1", "--journal-limit", "64KB", "--out", output);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        var journal = Path.Combine(output, "journal.jsonl");
        var older = Path.Combine(output, "journal.1.jsonl");
        Assert.True(new FileInfo(journal).Length + new FileInfo(older).Length <= 64 * 1024);
        var kept = File.ReadLines(older).Concat(File.ReadLines(journal)).Count();
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")));
        var warning = result.RootElement.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "journal_rotated");
        var numbers = warning.GetProperty("numbers");
        Assert.Equal(kept, numbers.GetProperty("kept").GetInt64());
        Assert.Equal(64 * 1024, numbers.GetProperty("limit_bytes").GetInt64());
        Assert.Equal(numbers.GetProperty("calls").GetInt64(), kept + numbers.GetProperty("rotated_out").GetInt64());
        // The result's counts come from the fakes' counters: they hold calls the journal no longer does.
        var counted = result.RootElement.GetProperty("phases").EnumerateArray().Sum(p => p.GetProperty("providerCalls").GetProperty("total").GetInt64());
        Assert.True(counted > kept, $"{counted} calls counted, {kept} kept in the journal");
        Assert.Contains("The call journal reached its limit of 64 KB and rotated", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_limit_of_0_writes_no_journal()
    {
        var output = Path.Combine(_folder, "quiet");

        var run = await ChaosKitProcess.RunAsync("run", "scenarios/claude-outage.yaml", "--time-scale", "0.05", "--journal-limit", "0", "--out", output);

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.False(File.Exists(Path.Combine(output, "journal.jsonl")));
        Assert.True(File.Exists(Path.Combine(output, "result.json")));
    }

    [MountFact]
    public async Task A_disk_that_fills_during_the_run_costs_the_journal_never_the_result_and_exits_3()
    {
        using var disk = Tmpfs.Mount("24m");

        var (run, output) = await RunWhileTheDiskFillsAsync(disk, phase: "30s", rate: 50, keepReserve: true);

        Assert.Equal(3, run.ExitCode);
        var error = run.Stderr.Trim();
        Assert.StartsWith($"error: writing the call journal {output}/journal.jsonl failed (No space left on device", error, StringComparison.Ordinal);
        Assert.EndsWith("calls, and the result, whose counts come from the fakes' own counters, is complete", error, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "result.json")));
        var warning = result.RootElement.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "journal_write_failed");
        Assert.Equal(1, warning.GetProperty("numbers").GetProperty("disk_full").GetInt32());
        Assert.True(warning.GetProperty("numbers").GetProperty("lost").GetInt64() > 0);
        Assert.True(result.RootElement.GetProperty("overall").GetProperty("outcomes").GetProperty("ok").GetInt64() > 0);
        foreach (var report in new[] { "report.html", "junit.xml", "report.md" }) Assert.True(File.Exists(Path.Combine(output, report)), report);
        Assert.False(File.Exists(Path.Combine(output, ".chaoskit-reserve")));
        // Every line the journal kept is whole.
        foreach (var line in File.ReadLines(Path.Combine(output, "journal.jsonl"))) JsonDocument.Parse(line).Dispose();
        Assert.Contains("Writing the call journal failed (the disk was full)", run.Stdout, StringComparison.Ordinal);
    }

    [MountFact]
    public async Task Reports_that_find_no_room_are_written_to_a_fallback_folder_that_the_error_names()
    {
        using var disk = Tmpfs.Mount("24m");

        // As on a file system that cannot allocate ahead: no reserve holds room for the reports.
        var (run, _) = await RunWhileTheDiskFillsAsync(disk, phase: "10s", rate: 20, keepReserve: false);

        Assert.Equal(3, run.ExitCode);
        var match = System.Text.RegularExpressions.Regex.Match(run.Stderr, @"the reports could not all be written to \S+ \(.*No space left on device.*\), so all of them were written to (?<fallback>\S+)$",
            System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(match.Success, run.Stderr);
        var fallback = match.Groups["fallback"].Value;
        try
        {
            Assert.StartsWith(Path.GetTempPath(), fallback, StringComparison.Ordinal);
            using var result = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fallback, "result.json")));
            Assert.True(result.RootElement.GetProperty("overall").GetProperty("outcomes").GetProperty("ok").GetInt64() > 0);
            Assert.True(File.Exists(Path.Combine(fallback, "report.html")));
            Assert.Contains($"wrote {fallback}/result.json", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(fallback, recursive: true);
        }
    }

    /// <summary>
    /// Runs a steady load into a folder on <paramref name="disk"/> and, once the fakes are up and writing their
    /// journal, has something else take every byte left on it (and first the run's reserve, unless <paramref name="keepReserve"/>).
    /// </summary>
    private async Task<(ChaosKitProcess.Result Run, string Output)> RunWhileTheDiskFillsAsync(Tmpfs disk, string phase, double rate, bool keepReserve)
    {
        var output = Path.Combine(disk.Path, "run");
        var file = Path.Combine(_folder, "steady.yaml");
        await File.WriteAllTextAsync(file, ExitCodeTests.ShortScenario(phase: phase, rate: rate, expect: false));
        var run = await ChaosKitProcess.RunAsync(
            ["run", file, "--time-scale", "0.1", "--out", output],
            line =>
            {
                if (!line.Contains("warming up", StringComparison.Ordinal)) return Task.CompletedTask;
                if (!keepReserve) File.Delete(Path.Combine(output, ".chaoskit-reserve"));
                disk.Fill();
                return Task.CompletedTask;
            });
        return (run, output);
    }
}
