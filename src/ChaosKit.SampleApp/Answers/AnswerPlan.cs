using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.Providers;
using ChaosKit.SampleApp.Resilience;
using Polly.CircuitBreaker;

namespace ChaosKit.SampleApp.Answers;

/// <summary>
/// What the resilience profile means for one answer, as data: which providers are asked and in what order, whether
/// the knowledge base stands in when they all fail, whether output is checked, and whether a broken stream is
/// finished by the next provider. It also walks the providers and logs each failure with what happens next.
/// </summary>
internal sealed class AnswerPlan
{
    private readonly ILogger<AnswerPlan> _logger;
    private readonly TimeProvider _time;
    private readonly ProviderCircuits _circuits;

    /// <summary>The plan of <paramref name="settings"/>' profile over <paramref name="providers"/> (all configured providers).</summary>
    public AnswerPlan(SampleAppSettings settings, IEnumerable<IChatProvider> providers, ProviderCircuits circuits, TimeProvider time, ILogger<AnswerPlan> logger)
    {
        _logger = logger;
        _time = time;
        _circuits = circuits;
        var byName = providers.ToDictionary(p => p.Provider);
        Providers = [.. settings.Chain().Select(p => byName[p])];
        var resilient = settings.Profile == ResilienceProfile.Resilient;
        UsesKnowledgeBase = settings.Profile != ResilienceProfile.Naive;
        ValidatesOutput = resilient;
        ContinuesBrokenStreams = resilient;
        StreamLimits = resilient ? settings.Resilient : null;
        HedgeAfter = resilient ? settings.Resilient.HedgeAfter : null;
        MaxAnswerChars = settings.MaxAnswerChars;
    }

    /// <summary>The providers asked, in order: the primary first.</summary>
    public IReadOnlyList<IChatProvider> Providers { get; }

    /// <summary>Whether the knowledge base answers when every provider failed (all but <c>naive</c>).</summary>
    public bool UsesKnowledgeBase { get; }

    /// <summary>Whether an answer is checked before the user gets it (<c>resilient</c>): not empty, not too long.</summary>
    public bool ValidatesOutput { get; }

    /// <summary>Whether a stream that breaks midway is finished by the next provider (<c>resilient</c>).</summary>
    public bool ContinuesBrokenStreams { get; }

    /// <summary>A stream's first-token, idle and total timeouts; <see langword="null"/> where only the SDK bounds a stream.</summary>
    public ResilientSettings? StreamLimits { get; }

    /// <summary>
    /// The longest a whole answer is waited for before the next provider is asked too (<c>resilient</c>; sooner once a
    /// provider's pace is known, <see cref="ProviderPace.HedgeDelay"/>); the first good answer wins and the other call
    /// is cancelled. <see langword="null"/>: providers are asked one after the other.
    /// </summary>
    public TimeSpan? HedgeAfter { get; }

    /// <summary>The longest answer let through when output is checked.</summary>
    public int MaxAnswerChars { get; }

    /// <summary>
    /// Asks each provider in turn until one gives a value <paramref name="call"/> accepts (it throws
    /// <see cref="InvalidOutputException"/> for one it does not); stops when the user goes away. With
    /// <see cref="HedgeAfter"/>, a provider that has not answered by its hedge delay gets company: the next provider is
    /// asked too, the first good answer wins, and the call still running is cancelled (the tail at scale: a slow
    /// provider costs its user the hedge delay, not its whole slowness). Each provider's pace learns from it: an answer
    /// in time, or a missed deadline (<see cref="ProviderPace"/>).
    /// </summary>
    public async Task<ChainOutcome<T>> FirstAsync<T>(Func<IChatProvider, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        List<string> reasons = [];
        Exception? last = null;
        using var race = CancellationTokenSource.CreateLinkedTokenSource(ct);
        List<(int Index, long Started, Task<T> Answer)> running = [];
        var next = 0;
        CancellationTokenSource? hedgeTimer = null;
        Task? hedge = null;
        var hedgeDelay = TimeSpan.Zero;

        void AskNext()
        {
            var index = next++;
            running.Add((index, _time.GetTimestamp(), call(Providers[index], race.Token)));
            // The hedge belongs to the provider asked last; an earlier one's timer has nothing left to do.
            hedgeTimer?.Cancel();
            hedgeTimer?.Dispose();
            (hedgeTimer, hedge) = (null, null);
            if (HedgeAfter is null || next >= Providers.Count) return;
            hedgeDelay = PaceOf(index).HedgeDelay();
            hedgeTimer = CancellationTokenSource.CreateLinkedTokenSource(race.Token);
            hedge = Task.Delay(hedgeDelay, _time, hedgeTimer.Token);
        }

        try
        {
            AskNext();
            while (running.Count > 0)
            {
                var done = await Task.WhenAny(hedge is null ? running.Select(r => (Task)r.Answer) : running.Select(r => (Task)r.Answer).Append(hedge));
                if (done == hedge)
                {
                    ct.ThrowIfCancellationRequested(); // the user went away, which cancelled the hedge's timer too
                    var slow = running[^1].Index;
                    var (slowName, nextName) = (Providers[slow].Provider, Providers[next].Provider);
                    _logger.LogInformation("{Provider} has not answered in {Seconds:0.###} s; asking {Next} too",
                        AiProviders.DisplayNameOf(slowName), hedgeDelay.TotalSeconds, AiProviders.DisplayNameOf(nextName));
                    MissedDeadline(slow);
                    reasons.Add($"{AiProviders.NameOf(slowName)}: no answer within {hedgeDelay.TotalSeconds:0.###} s, {AiProviders.NameOf(nextName)} asked too");
                    AskNext();
                    continue;
                }
                var finished = running.First(r => r.Answer == done);
                running.Remove(finished);
                try
                {
                    var value = await finished.Answer;
                    // In time unless a later provider was asked while it ran: only its hedge does that, since a
                    // failure asks the next provider only once no call is left running.
                    if (HedgeAfter is not null && finished.Index == next - 1)
                        PaceOf(finished.Index).Answered(_time.GetElapsedTime(finished.Started));
                    if (running.Count > 0)
                    {
                        await race.CancelAsync();
                        // The cancelled calls end in OperationCanceledException, which nobody needs to see.
                        _ = Task.WhenAll(running.Select(r => r.Answer)).ContinueWith(t => t.Exception, TaskScheduler.Default);
                    }
                    return new ChainOutcome<T>(Providers[finished.Index].Provider, value, ReasonOf(reasons), null);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    reasons.Add(LogFailure(finished.Index, e, partial: false));
                    last = e;
                    if (running.Count == 0 && next < Providers.Count) AskNext();
                    else if (finished.Index == next - 1) hedge = null; // its hedge timer has no call left to watch
                }
            }
            return new ChainOutcome<T>(null, default, ReasonOf(reasons), last);
        }
        finally
        {
            hedgeTimer?.Dispose();
        }
    }

    /// <summary>The pace of the provider at <paramref name="index"/> in <see cref="Providers"/>.</summary>
    public ProviderPace PaceOf(int index) => _circuits[Providers[index].Provider].Pace;

    /// <summary>
    /// The provider at <paramref name="index"/> missed a deadline while another provider could answer (a hedge, or a
    /// stream's first token): one more strike toward passing it over, logged when that starts.
    /// </summary>
    public void MissedDeadline(int index)
    {
        if (PaceOf(index).Slow(_time.GetUtcNow()))
            _logger.LogWarning("{Provider} is passed over: it missed its last deadlines in a row", AiProviders.DisplayNameOf(Providers[index].Provider));
    }

    /// <summary>The check on a whole answer when output is checked: some text, within <see cref="MaxAnswerChars"/>.</summary>
    /// <exception cref="InvalidOutputException">The answer is empty or too long.</exception>
    public ProviderReply Checked(ProviderReply reply)
    {
        if (!ValidatesOutput) return reply;
        if (string.IsNullOrWhiteSpace(reply.Text)) throw new InvalidOutputException("the answer was empty");
        if (reply.Text.Length > MaxAnswerChars) throw new InvalidOutputException($"the answer ran past {MaxAnswerChars} characters");
        return reply;
    }

    /// <summary>
    /// Logs that provider <paramref name="index"/> failed and what happens next (e.g. "Claude failed (...); trying
    /// OpenAI"), and returns the failure as one line for the answer's reason.
    /// </summary>
    public string LogFailure(int index, Exception e, bool partial)
    {
        var provider = Providers[index].Provider;
        var name = AiProviders.DisplayNameOf(provider);
        var next = index + 1 < Providers.Count
            ? (partial ? $"{AiProviders.DisplayNameOf(Providers[index + 1].Provider)} finishes the answer" : $"trying {AiProviders.DisplayNameOf(Providers[index + 1].Provider)}")
            : partial ? "the answer is marked as cut"
            : UsesKnowledgeBase ? "answering from the knowledge base" : "answering with an error";
        var failure = ProviderFailure.Describe(e);
        if (e is BrokenCircuitException)
            _logger.LogInformation("{Provider} skipped ({Failure}); {Next}", name, failure, next);
        else if (ProviderFailure.IsKnown(e))
            _logger.LogWarning("{Provider} failed ({Failure}); {Next}", name, failure, next);
        else
            _logger.LogError(e, "{Provider} failed unexpectedly ({Failure}); {Next}", name, failure, next);
        return $"{AiProviders.NameOf(provider)}: {failure}";
    }

    /// <summary>The reasons joined for an answer, or <see langword="null"/> when there were none.</summary>
    public static string? ReasonOf(List<string> reasons) => reasons.Count == 0 ? null : string.Join("; ", reasons);
}

/// <summary>How walking the providers ended.</summary>
/// <param name="Provider">The provider that answered, or <see langword="null"/> when none did.</param>
/// <param name="Value">Its answer.</param>
/// <param name="Reason">The failures on the way, if any.</param>
/// <param name="Failure">The last failure, when no provider answered.</param>
internal sealed record ChainOutcome<T>(AiProvider? Provider, T? Value, string? Reason, Exception? Failure);
