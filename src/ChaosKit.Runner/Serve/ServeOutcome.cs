namespace ChaosKit.Runner.Serve;

/// <summary>How a <c>chaoskit serve</c> session ended.</summary>
/// <param name="ExitCode">0 stopped on request, 2 invalid input, 3 harness failure (see <see cref="ExitCodes"/>).</param>
/// <param name="Error">One-line reason when the exit code is not 0.</param>
/// <param name="RunDirectory">The session's folder, when it got as far as creating it.</param>
public sealed record ServeOutcome(int ExitCode, string? Error, string? RunDirectory);
