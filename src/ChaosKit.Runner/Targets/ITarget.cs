namespace ChaosKit.Runner.Targets;

/// <summary>The application under test, as the run sees it: a base URL, and a way to learn that it died.</summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>Base URL the load is sent to.</summary>
    Uri BaseUrl { get; }

    /// <summary>True for ChaosKit's bundled sample app.</summary>
    bool IsBundled { get; }

    /// <summary>Completes with a one-line reason if the target dies while the run is going; never completes otherwise.</summary>
    Task<string> Crashed { get; }
}
