using System.ClientModel;
using System.Net;
using Anthropic.Exceptions;
using Polly;

namespace ChaosKit.SampleApp.Providers;

/// <summary>Reads a failed provider call: one line for logs and answers, and whether it looks temporary.</summary>
internal static class ProviderFailure
{
    /// <summary>One line, e.g. <c>AnthropicOverloadedException (HTTP 529): Status Code: 529</c>.</summary>
    public static string Describe(Exception e)
    {
        var cause = Unwrap(e);
        var status = StatusOf(cause) is { } code ? $" (HTTP {code})" : "";
        return $"{cause.GetType().Name}{status}: {FirstLine(cause.Message)}";
    }

    /// <summary>The HTTP status the provider answered with, or <see langword="null"/> when it gave none.</summary>
    public static int? StatusOf(Exception e) => Unwrap(e) switch
    {
        AnthropicApiException api => (int)api.StatusCode,
        ClientResultException { Status: > 0 } result => result.Status,
        _ => null,
    };

    /// <summary>
    /// Whether the provider is busy or out of reach rather than refusing the request: a 408, 429, 503, 504 or 529,
    /// a timeout, a connection that failed, or a circuit that is open. The <c>naive</c> profile answers these 503
    /// (try again later) and the rest 502.
    /// </summary>
    public static bool IsTemporary(Exception e) => StatusOf(e) is { } status
        ? status is 408 or 429 or 503 or 504 or 529
        : Unwrap(e) is ExecutionRejectedException or OperationCanceledException or TimeoutException or HttpRequestException
            or IOException or AnthropicIOException or ClientResultException;

    /// <summary>What the <c>naive</c> profile answers a failure with: 503 when it <see cref="IsTemporary"/>, else 502.</summary>
    public static HttpStatusCode ErrorStatusFor(Exception e) => IsTemporary(e) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.BadGateway;

    /// <summary>
    /// Whether <paramref name="e"/> is one of the ways a provider call is known to fail (an SDK's error, the network,
    /// a timeout, the resilience pipeline, an answer that did not pass); anything else may be a bug, and is logged with its stack.
    /// </summary>
    public static bool IsKnown(Exception e) => Unwrap(e) is AnthropicException or ClientResultException or HttpRequestException
        or IOException or OperationCanceledException or TimeoutException or ExecutionRejectedException
        or StreamCutException or InvalidOutputException or System.Text.Json.JsonException;

    // The OpenAI SDK reports its last retry as an AggregateException of every try.
    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: > 0 } all ? Unwrap(all.InnerExceptions[^1]) : e;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).Trim();
    }
}
