using System.Globalization;
using ChaosKit.Core.Timeline;

namespace ChaosKit.Runner.Serve;

/// <summary>
/// The session's event lines: shown by the observer and appended to <c>serve.log</c> in the run folder, each
/// stamped with the run time, so a session can be read back after Ctrl+C.
/// </summary>
internal sealed class ServeLog : IAsyncDisposable
{
    private readonly StreamWriter _file;
    private readonly RunClock _clock;
    private readonly IServeObserver _observer;
    private readonly Lock _gate = new();

    public ServeLog(string path, RunClock clock, IServeObserver observer)
    {
        _file = new StreamWriter(path, append: true) { AutoFlush = true };
        _clock = clock;
        _observer = observer;
    }

    /// <summary>Records one event.</summary>
    public void Write(string message)
    {
        var at = _clock.IsStarted ? Math.Max(0, _clock.Elapsed.TotalSeconds) : 0;
        var line = string.Create(CultureInfo.InvariantCulture, $"[{at,7:0.0}s] {message}");
        lock (_gate)
        {
            // A few short lines per session: a synchronous append keeps their order without a queue.
            _file.WriteLine(line);
        }
        _observer.OnEvent(line);
    }

    public async ValueTask DisposeAsync() => await _file.DisposeAsync();
}
