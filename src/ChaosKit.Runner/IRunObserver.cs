using ChaosKit.Core.Timeline;
using ChaosKit.Load;

namespace ChaosKit.Runner;

/// <summary>Sees a run as it goes, for a console or a log. Calls come from the runner's task; keep them quick.</summary>
public interface IRunObserver
{
    /// <summary>A start-up step, e.g. "fake claude (anthropic) listening on http://127.0.0.1:41234".</summary>
    void OnStep(string message);

    /// <summary>The clock has started and load is flowing; <paramref name="progress"/> may be polled until the run ends.</summary>
    void OnLoadStarted(RunTimeline timeline, Func<LoadProgress> progress);

    /// <summary>The load has stopped (completed, interrupted or aborted).</summary>
    void OnLoadStopped();
}
