using System.Collections.Concurrent;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Quotas;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>quota</c>: the provider's own rate limits, as token buckets of <c>requests_per_minute</c> and/or
/// <c>tokens_per_minute</c> per provider (and per API key with <c>per_key: true</c>). Calls within the limits pass;
/// past them the call gets the provider's 429 with <c>retry-after</c> (whole seconds until enough refills) and the
/// provider's rate-limit headers (<c>x-ratelimit-*</c> or <c>anthropic-ratelimit-*</c>).
/// </summary>
/// <remarks>
/// Buckets refill on the run's <see cref="TimeProvider"/> in real time: a time scale does not stretch a minute of
/// quota. Tokens are the call's input tokens when the protocol has counted them, otherwise about one per four bytes
/// of request body. Write <c>rate: 1</c> (the default): a quota that only sees some calls undercounts.
/// </remarks>
internal sealed class QuotaFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "quota";

    private readonly long? _requestsPerMinute;
    private readonly long? _tokensPerMinute;
    private readonly bool _perKey;
    // Built once per run: each provider keeps its own buckets, as each real provider counts its own calls.
    private readonly ConcurrentDictionary<(string Provider, string Key), (TokenBucket? Requests, TokenBucket? Tokens)> _buckets = new();

    private QuotaFault(long? requestsPerMinute, long? tokensPerMinute, bool perKey)
    {
        _requestsPerMinute = requestsPerMinute;
        _tokensPerMinute = tokensPerMinute;
        _perKey = perKey;
    }

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["requests_per_minute", "tokens_per_minute", "per_key"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct)
    {
        var exchange = context.Exchange;
        var key = (exchange.Provider, _perKey ? exchange.ApiKey ?? "" : "");
        var (requests, tokens) = _buckets.GetOrAdd(key, _ => (
            _requestsPerMinute is { } r ? new TokenBucket(r, context.Time) : null,
            _tokensPerMinute is { } t ? new TokenBucket(t, context.Time) : null));

        var now = context.Time.GetUtcNow();
        var wait = TimeSpan.Zero;
        var refused = false;
        if (requests is not null)
        {
            var take = requests.TryTake(1);
            context.Provider.SetQuotaHeaders(exchange.Response.Headers, "requests", requests.Capacity, take.Remaining, take.UntilFull, now);
            if (!take.Taken) (refused, wait) = (true, take.UntilAvailable);
        }
        if (tokens is not null && !refused)
        {
            var take = tokens.TryTake(exchange.InputTokens ?? Math.Max(1, exchange.Body.Length / 4));
            context.Provider.SetQuotaHeaders(exchange.Response.Headers, "tokens", tokens.Capacity, take.Remaining, take.UntilFull, now);
            if (!take.Taken) (refused, wait) = (true, take.UntilAvailable);
        }
        if (!refused) return ValueTask.FromResult(FaultOutcome.Continue);
        // The provider's own rate-limit answer, with the wait until the bucket has room (Azure repeats it in ms).
        var retryAfter = wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var milliseconds = context.Provider.RetryHintsOf(ErrorKind.RateLimit).MillisecondsToo;
        return ValueTask.FromResult(FaultOutcome.Respond(new ErrorReply(429, RetryAfter: retryAfter)
        {
            Kind = ErrorKind.RateLimit,
            RetryAfterMs = milliseconds ? retryAfter : null,
        }));
    }

    private static QuotaFault Create(FaultSettings settings)
    {
        long? requests = settings.Has("requests_per_minute") ? settings.GetInt("requests_per_minute", 0) : null;
        long? tokens = settings.Has("tokens_per_minute") ? settings.GetInt("tokens_per_minute", 0) : null;
        var perKey = settings.GetBool("per_key", fallback: false);
        if (requests is null && tokens is null)
            throw settings.Invalid("requests_per_minute", "write requests_per_minute and/or tokens_per_minute, e.g. requests_per_minute: 60");
        if (requests <= 0) throw settings.Invalid("requests_per_minute", "expected a positive number of requests per minute");
        if (tokens <= 0) throw settings.Invalid("tokens_per_minute", "expected a positive number of tokens per minute");
        return new QuotaFault(requests, tokens, perKey);
    }
}
