using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// Identifiers in OpenAI's shapes (docs/providers.md#openai-ids): <c>chatcmpl-</c> + 29 base-62 characters,
/// <c>resp_</c> and <c>msg_</c> + 48 hex, <c>req_</c> + 32 hex. Seeded and counted per fake, so they are unique within
/// a run and repeat in a replay.
/// </summary>
internal sealed class OpenAiIds
{
    private readonly SeededIds _random;

    /// <summary>Creates the identifiers of one fake.</summary>
    public OpenAiIds(int seed, string provider)
    {
        _random = new SeededIds(seed, provider);
        SystemFingerprint = Next("fingerprint").HexString("fp_", 10);
    }

    /// <summary>The <c>system_fingerprint</c> of this fake's "deployment".</summary>
    public string SystemFingerprint { get; }

    /// <summary>A chat completion id, e.g. <c>chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU</c>.</summary>
    public string NewChatCompletionId() => Next("chat").Base62String("chatcmpl-", 29);

    /// <summary>A response id for the Responses API.</summary>
    public string NewResponseId() => Next("response").HexString("resp_", 48);

    /// <summary>An output item id for the Responses API.</summary>
    public string NewItemId(string prefix) => Next("item").HexString(prefix, 48);

    /// <summary>An <c>x-request-id</c>.</summary>
    public string NewRequestId() => Next("request").HexString("req_", 32);

    private SplitMix64 Next(string purpose) => _random.Next(purpose);
}
