using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;
using ChaosKit.Reports.Json;
using ChaosKit.Reports.Tests.Fixtures;

namespace ChaosKit.Reports.Tests.Exporters;

public sealed class ExporterBaseTests : IDisposable
{
    private readonly Export.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Creates_the_run_folder_and_returns_the_written_path()
    {
        var runFolder = Path.Combine(_folder.Path, "runs", "2025-11-27");

        var path = await JsonReportExporter.Default.ExportToDirectoryAsync(RunResults.OutageRehearsal(), runFolder);

        Assert.Equal(Path.Combine(Path.GetFullPath(runFolder), "result.json"), path);
        Assert.Equal(await Export.ToStringAsync(JsonReportExporter.Default, RunResults.OutageRehearsal()), await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(runFolder));
    }

    [Fact]
    public async Task A_failed_export_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        var previous = Path.Combine(_folder.Path, FailingExporter.File);
        await File.WriteAllTextAsync(previous, "previous report");

        await Assert.ThrowsAsync<IOException>(() => new FailingExporter().ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path).AsTask());

        Assert.Equal("previous report", await File.ReadAllTextAsync(previous));
        Assert.Equal([previous], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task Replaces_an_older_file_of_the_same_name()
    {
        var previous = Path.Combine(_folder.Path, "result.json");
        await File.WriteAllTextAsync(previous, "old");

        await JsonReportExporter.Default.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path);

        Assert.StartsWith("{", await File.ReadAllTextAsync(previous));
    }

    [Fact]
    public async Task Cancellation_writes_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => JsonReportExporter.Default.ExportToDirectoryAsync(RunResults.OutageRehearsal(), _folder.Path, cts.Token).AsTask());

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    /// <summary>Writes part of its output, then fails like a full disk would.</summary>
    internal sealed class FailingExporter : ExporterBase
    {
        public const string File = "broken.txt";

        public override string Name => "broken";

        public override string FileName => File;

        public override async ValueTask ExportAsync(RunResult result, Stream destination, CancellationToken cancellationToken = default)
        {
            await destination.WriteAsync("half a rep"u8.ToArray(), cancellationToken);
            throw new IOException("No space left on device");
        }
    }
}
