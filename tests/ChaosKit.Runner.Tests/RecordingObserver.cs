using System.Collections.Concurrent;
using ChaosKit.Core.Timeline;
using ChaosKit.Load;

namespace ChaosKit.Runner.Tests;

/// <summary>Keeps what the runner reported, and lets a test act when the load starts.</summary>
internal sealed class RecordingObserver(Action<RecordingObserver>? onLoadStarted = null) : IRunObserver
{
    public ConcurrentQueue<string> Steps { get; } = new();

    public Func<LoadProgress>? Progress { get; private set; }

    public bool LoadStopped { get; private set; }

    public void OnStep(string message) => Steps.Enqueue(message);

    public void OnLoadStarted(RunTimeline timeline, Func<LoadProgress> progress)
    {
        Progress = progress;
        onLoadStarted?.Invoke(this);
    }

    public void OnLoadStopped() => LoadStopped = true;

    /// <summary>The bundled sample app's base URL, from the step that announced it.</summary>
    public Uri SampleAppUrl => new(Steps.Single(s => s.StartsWith("bundled sample app listening on ", StringComparison.Ordinal))
        ["bundled sample app listening on ".Length..]);
}
