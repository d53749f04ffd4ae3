namespace ChaosKit.Runner.Serve;

/// <summary>How a <c>chaoskit serve</c> session ended.</summary>
/// <param name="ExitCode">0 stopped on request, 2 invalid input, 3 harness failure (see <see cref="ExitCodes"/>).</param>
/// <param name="Error">The reason when the exit code is not 0: one line, or one line per problem of an invalid scenario.</param>
/// <param name="RunDirectory">The session's folder, when it got as far as creating it.</param>
public sealed record ServeOutcome(int ExitCode, string? Error, string? RunDirectory);
