using System.Collections.Concurrent;

namespace ChaosKit.SampleApp.Answers;

/// <summary>
/// The answers given so far, for <c>GET /api/history/{id}</c>: in memory and bounded, the oldest forgotten first, so a
/// long load test cannot grow the app without limit.
/// </summary>
internal sealed class AnswerStore(int capacity = AnswerStore.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, AskResponse> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>A fresh answer id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Keeps <paramref name="answer"/> under its id, forgetting the oldest answers beyond the capacity.</summary>
    public void Add(AskResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer.Id);
        _answers[answer.Id] = answer;
        _order.Enqueue(answer.Id);
        while (_order.Count > capacity && _order.TryDequeue(out var oldest)) _answers.TryRemove(oldest, out _);
    }

    /// <summary>The answer stored under <paramref name="id"/>, if it is still kept.</summary>
    public bool TryGet(string id, out AskResponse? answer) => _answers.TryGetValue(id, out answer);
}
