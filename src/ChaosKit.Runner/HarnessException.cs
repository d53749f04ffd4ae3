namespace ChaosKit.Runner;

/// <summary>
/// The harness or the target failed: a port in use, an unreachable target, a target that crashed. The message is
/// one line that names the cause and the fix. Exit code <see cref="ExitCodes.HarnessFailure"/>.
/// </summary>
public sealed class HarnessException : Exception
{
    /// <summary>Creates the error with its one-line message.</summary>
    public HarnessException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
