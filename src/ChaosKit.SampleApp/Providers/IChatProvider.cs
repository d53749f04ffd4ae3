using ChaosKit.SampleApp.Configuration;

namespace ChaosKit.SampleApp.Providers;

/// <summary>One AI provider behind its official SDK: a question answered whole or streamed, and a ticket triaged.</summary>
/// <remarks>Failures surface as the SDK's own exceptions; <see cref="ProviderFailure"/> reads them.</remarks>
internal interface IChatProvider
{
    /// <summary>Which provider.</summary>
    AiProvider Provider { get; }

    /// <summary>Answers <paramref name="question"/> in one response.</summary>
    Task<ProviderReply> AskAsync(string question, CancellationToken ct);

    /// <summary>
    /// Streams the answer to <paramref name="question"/>, piece by piece; with <paramref name="partial"/>, only what
    /// follows that text (the start of an answer another stream gave before it broke).
    /// </summary>
    /// <exception cref="StreamCutException">The stream ended without the provider's end-of-answer event.</exception>
    IAsyncEnumerable<StreamPiece> StreamAsync(string question, string? partial, CancellationToken ct);

    /// <summary>Classifies a support ticket through a forced tool call; the reply's text is the tool's JSON arguments.</summary>
    Task<ProviderReply> TriageAsync(string ticket, CancellationToken ct);
}

/// <summary>A provider's whole answer.</summary>
/// <param name="Text">The answer, or a tool call's JSON arguments.</param>
/// <param name="Model">The model that answered, as the provider named it.</param>
internal sealed record ProviderReply(string Text, string? Model);

/// <summary>A piece of a streamed answer.</summary>
/// <param name="Text">The text.</param>
/// <param name="Model">The model that answers, once the stream has named it.</param>
internal readonly record struct StreamPiece(string Text, string? Model);

/// <summary>A stream that ended cleanly but without its end-of-answer event, which the SDKs let pass in silence.</summary>
internal sealed class StreamCutException(string message) : Exception(message);
