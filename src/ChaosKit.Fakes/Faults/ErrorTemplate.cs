using ChaosKit.Core.Scenarios;
using ChaosKit.Core.Timeline;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// An error fault's settings before they meet a provider: its kind (or status), retry hints and message. The reply
/// is built per call, as the status and the default hints depend on the provider answering.
/// </summary>
/// <param name="Kind">The named kind; <see langword="null"/> for an <c>error</c> fault, whose kind follows its status.</param>
/// <param name="Status">The status an <c>error</c> fault wrote; <see langword="null"/> for the provider's status for the kind.</param>
/// <param name="Hints">The retry hints as written.</param>
/// <param name="Message">Replaces the provider's wording; <see langword="null"/> keeps it.</param>
internal sealed record ErrorTemplate(ErrorKind? Kind, int? Status, RetryHints Hints, string? Message)
{
    /// <summary>Every setting a template reads.</summary>
    public static readonly string[] Settings = [.. RetryHints.Settings, "message"];

    /// <summary>Reads the retry hints and <c>message</c>.</summary>
    /// <exception cref="ScenarioException">A bad value.</exception>
    public static ErrorTemplate Read(FaultSettings settings, ErrorKind? kind, int? status)
    {
        var hints = RetryHints.Read(settings);
        var message = settings.Has("message") ? settings.GetString("message", "") : null;
        if (message is { Length: 0 }) throw settings.Invalid("message", "the message is empty; remove it to keep the provider's wording");
        return new ErrorTemplate(kind, status, hints, message);
    }

    /// <summary>The reply <paramref name="provider"/> sends, its waits scaled to the run.</summary>
    public ErrorReply For(IProviderDefinition provider, RunTimeline timeline)
    {
        var kind = Kind ?? provider.KindOf(Status!.Value);
        var reply = new ErrorReply(Status ?? provider.StatusOf(kind), Message: Message) { Kind = kind };
        return Hints.Apply(reply, provider).ScaledTo(timeline);
    }
}
