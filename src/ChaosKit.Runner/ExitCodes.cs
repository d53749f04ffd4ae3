namespace ChaosKit.Runner;

/// <summary>The exit codes of <c>chaoskit</c>, which CI pipelines rely on.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation held (or the files are valid).</summary>
    public const int Passed = 0;

    /// <summary>The run completed and at least one expectation failed; for <c>compare</c>, a <c>--fail-on</c> rule held.</summary>
    public const int ExpectationFailed = 1;

    /// <summary>Invalid input: a bad scenario file or a bad flag (for <c>report</c> and <c>compare</c>, a result that cannot be read, runs that do not compare, a bad rule). Nothing ran.</summary>
    public const int InvalidInput = 2;

    /// <summary>The harness or the target failed (port in use, target unreachable or crashed). Results measured so far are written.</summary>
    public const int HarnessFailure = 3;

    /// <summary>Interrupted with Ctrl+C. Results measured so far are written.</summary>
    public const int Interrupted = 130;
}
