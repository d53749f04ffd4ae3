using ChaosKit.Fakes.Journal;

namespace ChaosKit.Fakes.Tests.Support;

/// <summary>
/// The journal records a call just after its answer has gone out, so a test that reads it right after the
/// response can race it; these wait (briefly, without a timed assertion) for the calls to be recorded.
/// </summary>
internal static class JournalWait
{
    public static async Task<CallRecord> SingleCallAsync(FakeRun run)
    {
        await CallsAsync(run, 1);
        return Assert.Single(run.Calls);
    }

    public static async Task<IReadOnlyCollection<CallRecord>> CallsAsync(FakeRun run, int count)
    {
        // Up to 30 s: on a loaded CI machine the fake's cleanup after a client hang-up took longer than 5 s.
        for (var i = 0; i < 1_500 && run.Calls.Count < count; i++) await Task.Delay(20);
        return run.Calls;
    }
}
