using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.Tests.Streaming;

public sealed class StreamFaultChainTests
{
    [Fact]
    public async Task Stages_act_in_step_order_whatever_order_they_were_added_in_and_the_first_that_decides_ends_the_round()
    {
        var asked = new List<string>();
        var chain = StreamFaultChain.PassThrough
            .With(new Stage("cut", StreamStep.Cut, asked, StreamAction.End))
            .With(new Stage("stall", StreamStep.Stall, asked))
            .With(new Stage("pace", StreamStep.Pace, asked, wait: true))
            .With(new Stage("first token", StreamStep.FirstToken, asked))
            .With(new Stage("second cut", StreamStep.Cut, asked, StreamAction.Abort));

        var action = await chain.BeforeChunkAsync(new StreamChunk(1, 10, 1, 0, 5), CancellationToken.None);

        Assert.Equal(StreamActionKind.End, action.Kind);
        Assert.Equal(["first token", "pace", "stall", "cut"], asked);
    }

    [Fact]
    public void The_pass_through_is_shared_and_stays_empty()
    {
        var chain = StreamFaultChain.PassThrough.With(new Stage("cut", StreamStep.Cut, [], StreamAction.End));

        Assert.NotSame(StreamFaultChain.PassThrough, chain);
        Assert.True(StreamFaultChain.PassThrough.IsPassThrough);
        Assert.False(chain.IsPassThrough);
        Assert.True(StreamFaultChain.PassThrough.BeforeChunkAsync(default, CancellationToken.None).IsCompletedSuccessfully);
    }

    private sealed class Stage(string name, StreamStep step, List<string> asked, StreamAction action = default, bool wait = false) : IStreamFaultStage
    {
        public StreamStep Step => step;

        public async ValueTask<StreamAction> BeforeChunkAsync(StreamChunk chunk, CancellationToken ct)
        {
            asked.Add(name);
            if (wait) await Task.Yield();
            return action;
        }
    }
}
