using System.Text;
using ChaosKit.Core.Results;
using ChaosKit.Reports.Exporters;

namespace ChaosKit.Reports.Tests.Fixtures;

internal static class Export
{
    /// <summary>Runs an exporter into memory and returns the text it wrote.</summary>
    public static async Task<string> ToStringAsync(IReportExporter exporter, RunResult result)
    {
        using var stream = new MemoryStream();
        await exporter.ExportAsync(result, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A fresh folder under the temp directory, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("chaoskit-reports-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
