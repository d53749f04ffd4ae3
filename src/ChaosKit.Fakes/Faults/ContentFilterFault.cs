using ChaosKit.Core.Scenarios;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>content_filter</c>: the provider's safety filter stops the call. <c>on: prompt</c> (default) blocks the
/// prompt: Azure's 400 <c>content_filter</c> with <c>innererror.content_filter_result</c>, OpenAI's 400
/// <c>invalid_prompt</c>, Gemini's 200 with <c>promptFeedback.blockReason: SAFETY</c>, Anthropic's 400 "Output
/// blocked by content filtering policy". <c>on: output</c> lets the answer start and stops it: a 200 with
/// <c>finish_reason: "content_filter"</c> (OpenAI, Azure) or <c>finishReason: "SAFETY"</c> (Gemini), plain or
/// streamed, on chat completions and Gemini's generation (<see cref="Hosting.IProviderDefinition.FilteredOutputOn"/>);
/// Anthropic, which has no such success, and other routes answer as for the prompt
/// (docs/providers.md#filtered-answers).
/// </summary>
/// <remarks>Settings: <c>on</c>, and those of every error: the retry hints and <c>message</c> (for the error answers).</remarks>
internal sealed class ContentFilterFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "content_filter";

    /// <summary>The text a stopped output gets to before the filter stops it (<c>on: output</c>).</summary>
    public const string TextBeforeStop = "Here is the first part of the answer, before the filter";

    private static readonly string[] Targets = ["prompt", "output"];
    private readonly ErrorTemplate _template;
    private readonly bool _output;

    private ContentFilterFault(ErrorTemplate template, bool output)
    {
        _template = template;
        _output = output;
    }

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["on", .. ErrorTemplate.Settings], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(_output && context.Provider.FilteredOutputOn(context.Exchange.Route) is { } filtered
            ? FaultOutcome.WriteItself(filtered)
            : FaultOutcome.Respond(_template.For(context.Provider, context.Timeline)));

    private static ContentFilterFault Create(FaultSettings settings)
    {
        var on = settings.GetString("on", "prompt");
        if (!Targets.Contains(on, StringComparer.Ordinal))
            throw settings.Invalid("on", $"expected prompt (the prompt is blocked) or output (the answer is stopped part-way), got '{on}'");
        var template = ErrorTemplate.Read(settings, ErrorKind.ContentFilter, status: null);
        return new ContentFilterFault(template, on == "output");
    }
}
