using System.Text.RegularExpressions;
using ChaosKit.Fakes.OpenAi;

namespace ChaosKit.Fakes.Tests.OpenAi;

public sealed partial class OpenAiIdsTests
{
    [Fact]
    public void Ids_have_openai_shapes_use_every_digit_and_never_repeat_in_a_run()
    {
        var ids = new OpenAiIds(7, "gpt");
        var chats = Enumerable.Range(0, 5_000).Select(_ => ids.NewChatCompletionId()).ToList();
        var requests = Enumerable.Range(0, 5_000).Select(_ => ids.NewRequestId()).ToList();

        Assert.All(chats, id => Assert.Matches(ChatId(), id));
        Assert.All(requests, id => Assert.Matches(RequestId(), id));
        Assert.Matches("^fp_[0-9a-f]{10}$", ids.SystemFingerprint);
        Assert.Matches("^resp_[0-9a-f]{48}$", ids.NewResponseId());
        Assert.Equal(chats.Count, chats.Distinct().Count());
        Assert.Equal(requests.Count, requests.Distinct().Count());
        // Every base-62 and hex digit turns up, in every position: no position is stuck on a digit or a range.
        for (var position = 0; position < 29; position++)
            Assert.Equal(62, chats.Select(id => id["chatcmpl-".Length + position]).Distinct().Count());
        for (var position = 0; position < 32; position++)
            Assert.Equal(16, requests.Select(id => id["req_".Length + position]).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_ids_in_the_same_order()
    {
        var first = new OpenAiIds(7, "gpt");
        var second = new OpenAiIds(7, "gpt");
        var otherSeed = new OpenAiIds(8, "gpt");
        var otherProvider = new OpenAiIds(7, "gpt-b");

        // Same calls in the same order on each: only the seed or the provider differs.
        Assert.Equal(first.NewChatCompletionId(), second.NewChatCompletionId());
        Assert.Equal(first.SystemFingerprint, second.SystemFingerprint);
        var requestId = first.NewRequestId();
        Assert.Equal(requestId, second.NewRequestId());
        Assert.NotEqual(first.SystemFingerprint, otherSeed.SystemFingerprint);
        Assert.NotEqual(first.SystemFingerprint, otherProvider.SystemFingerprint);
        otherSeed.NewChatCompletionId();
        otherProvider.NewChatCompletionId();
        Assert.NotEqual(requestId, otherSeed.NewRequestId());
        Assert.NotEqual(requestId, otherProvider.NewRequestId());
    }

    [GeneratedRegex("^chatcmpl-[0-9A-Za-z]{29}$")]
    private static partial Regex ChatId();

    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex RequestId();
}
