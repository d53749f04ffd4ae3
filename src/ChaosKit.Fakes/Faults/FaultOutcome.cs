namespace ChaosKit.Fakes.Faults;

/// <summary>What a fault decided: let the call continue, answer it with an error, or answer it itself.</summary>
/// <param name="Reply">The error to answer with, or <see langword="null"/>.</param>
/// <param name="Answer">
/// Writes the whole response (a malformed body) in place of the protocol, once every chosen fault has run; or
/// <see langword="null"/>.
/// </param>
internal readonly record struct FaultOutcome(ErrorReply? Reply, Func<FaultContext, CancellationToken, Task>? Answer = null)
{
    /// <summary>The call goes on to the normal answer (or to the next fault).</summary>
    public static FaultOutcome Continue => default;

    /// <summary>Whether the fault chose the call's answer (an error, or one it writes itself).</summary>
    public bool Decides => Reply is not null || Answer is not null;

    /// <summary>The call is answered with <paramref name="reply"/>.</summary>
    public static FaultOutcome Respond(ErrorReply reply) => new(reply);

    /// <summary>The call is answered by <paramref name="write"/>, which writes status, headers and body itself.</summary>
    public static FaultOutcome WriteItself(Func<FaultContext, CancellationToken, Task> write) => new(null, write);
}
