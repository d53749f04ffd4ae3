using System.Text.Json;

namespace ChaosKit.Cli.Tests;

/// <summary>No lost runs: the journal stays within its limit, and the result never depends on it. Through the built <c>chaoskit</c>.</summary>
public sealed class OutputAndJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chaoskit-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

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
}
