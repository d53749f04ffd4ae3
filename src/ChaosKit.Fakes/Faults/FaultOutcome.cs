namespace ChaosKit.Fakes.Faults;

/// <summary>What a fault decided: let the call continue, or answer it with an error.</summary>
/// <param name="Reply">The error to answer with, or <see langword="null"/> to continue.</param>
internal readonly record struct FaultOutcome(ErrorReply? Reply)
{
    /// <summary>The call goes on to the normal answer (or to the next fault).</summary>
    public static FaultOutcome Continue => default;

    /// <summary>The call is answered with <paramref name="reply"/>.</summary>
    public static FaultOutcome Respond(ErrorReply reply) => new(reply);
}
