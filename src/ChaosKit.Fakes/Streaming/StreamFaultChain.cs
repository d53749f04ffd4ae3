namespace ChaosKit.Fakes.Streaming;

/// <summary>
/// The stream faults of one call, as a chain of stages (<see cref="IStreamFaultStage"/>) that the
/// <see cref="PacedStreamWriter"/> asks before each chunk. Stages act in <see cref="StreamStep"/> order (first-token
/// delay, slow pace, stall, cut; stages of one step in the order they were added), and the first that does not let
/// the chunk through decides, so a first-token latency, a stream_slow, a stream_stall and a stream_cut in one phase
/// all act on the same stream.
/// </summary>
/// <remarks>
/// Every call starts on <see cref="PassThrough"/>, one shared empty chain: a call without stream faults allocates
/// nothing and the writer skips the chain. The first stage a fault adds makes the call its own chain. Not
/// thread-safe: a call's faults are applied one after another, before its stream starts.
/// </remarks>
internal sealed class StreamFaultChain
{
    private IStreamFaultStage[] _stages;
    private int _count;

    private StreamFaultChain(IStreamFaultStage[] stages, int count)
    {
        _stages = stages;
        _count = count;
    }

    /// <summary>The chain with no stages: every chunk goes through as planned.</summary>
    public static StreamFaultChain PassThrough { get; } = new([], 0);

    /// <summary>Whether the chain has no stages (the writer then never asks it).</summary>
    public bool IsPassThrough => _count == 0;

    /// <summary>
    /// This chain with <paramref name="stage"/> in its step's place: a new chain for <see cref="PassThrough"/>, which
    /// stays empty, else this one.
    /// </summary>
    public StreamFaultChain With(IStreamFaultStage stage)
    {
        if (IsPassThrough) return new StreamFaultChain([stage], 1);
        if (_count == _stages.Length) Array.Resize(ref _stages, _count * 2);
        var at = _count;
        while (at > 0 && _stages[at - 1].Step > stage.Step) at--;
        Array.Copy(_stages, at, _stages, at + 1, _count - at);
        _stages[at] = stage;
        _count++;
        return this;
    }

    /// <summary>Asks each stage in turn about <paramref name="chunk"/>; the first that does not continue decides.</summary>
    public ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct)
    {
        for (var i = 0; i < _count; i++)
        {
            var decided = _stages[i].BeforeChunkAsync(chunk, ct);
            // Stages that answer at once (most chunks) cost no state machine; the first one that waits gets one.
            if (!decided.IsCompletedSuccessfully) return AfterWaitAsync(decided, i, chunk, ct);
            if (decided.Result.Kind != StreamActionKind.Continue) return decided;
        }
        return ValueTask.FromResult(StreamAction.Continue);
    }

    private async ValueTask<StreamAction> AfterWaitAsync(ValueTask<StreamAction> pending, int stage, StreamChunk chunk, CancellationToken ct)
    {
        var action = await pending;
        while (action.Kind == StreamActionKind.Continue && ++stage < _count) action = await _stages[stage].BeforeChunkAsync(chunk, ct);
        return action;
    }
}
