using ChaosKit.Fakes.Content;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The order in which a streamed chat completion sends its choices' token pieces and finish chunks (after one role
/// chunk per choice): one choice's pieces then its finish chunk; with <c>n</c> choices, one piece of each in turn, as
/// the real API interleaves them by <c>index</c>, each choice's finish chunk right after its last piece.
/// </summary>
internal sealed class ChoiceSchedule
{
    /// <summary>The <see cref="Entry.Piece"/> of a finish chunk.</summary>
    public const int Finish = -1;

    private readonly IReadOnlyList<ChatChoice> _choices;
    private readonly TokenPieces[] _pieces;
    // Built only for several choices; one choice's order is computed (a stream per call must stay cheap).
    private readonly Entry[]? _order;

    /// <summary>A chunk: which choice, and which of its pieces (or <see cref="Finish"/>).</summary>
    /// <param name="Choice">The choice's index.</param>
    /// <param name="Piece">The piece, or <see cref="Finish"/>.</param>
    public readonly record struct Entry(int Choice, int Piece);

    /// <summary>Schedules <paramref name="choices"/>.</summary>
    public ChoiceSchedule(IReadOnlyList<ChatChoice> choices)
    {
        _choices = choices;
        _pieces = new TokenPieces[choices.Count];
        var total = 0;
        for (var i = 0; i < choices.Count; i++)
        {
            _pieces[i] = new TokenPieces(choices[i].Answer.Text, choices[i].Answer.OutputTokens);
            total += _pieces[i].Count + 1;
            TotalTokens += choices[i].Answer.OutputTokens;
        }
        Count = total;
        if (choices.Count == 1) return;
        _order = new Entry[total];
        var next = new int[choices.Count];
        for (var filled = 0; filled < total;)
        {
            for (var c = 0; c < choices.Count; c++)
            {
                if (next[c] > _pieces[c].Count) continue;
                _order[filled++] = new Entry(c, next[c] == _pieces[c].Count ? Finish : next[c]);
                next[c]++;
            }
        }
    }

    /// <summary>Pieces and finish chunks, of all choices.</summary>
    public int Count { get; }

    /// <summary>Output tokens of all choices.</summary>
    public int TotalTokens { get; }

    /// <summary>The chunk at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public Entry At(int index) => _order?[index] ?? new Entry(0, index < _pieces[0].Count ? index : Finish);

    /// <summary>The choice an entry belongs to.</summary>
    public ChatChoice ChoiceOf(Entry entry) => _choices[entry.Choice];

    /// <summary>The text (or tool arguments) of a piece entry.</summary>
    public ReadOnlySpan<char> Text(Entry entry) => _pieces[entry.Choice].Span(entry.Piece);

    /// <summary>Tokens the chunk at <paramref name="index"/> carries (0 for a finish chunk).</summary>
    public int TokensAt(int index)
    {
        var entry = At(index);
        return entry.Piece == Finish ? 0 : _pieces[entry.Choice].TokensAt(entry.Piece, 0, _choices[entry.Choice].Answer.OutputTokens);
    }
}
