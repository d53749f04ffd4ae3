namespace ChaosKit.Runner.Serve;

/// <summary>Sees a <c>chaoskit serve</c> session: the console implements it, tests record it.</summary>
public interface IServeObserver
{
    /// <summary>The fakes and the control surface listen and the clock runs; <paramref name="session"/> takes commands.</summary>
    void OnReady(ServeSession session);

    /// <summary>Called about four times a second with where the timeline is.</summary>
    void OnTick(ServeStatus status);

    /// <summary>Something happened worth a line: a phase change, a pause, a live fault.</summary>
    void OnEvent(string message);
}
