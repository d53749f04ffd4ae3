using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Fakes.Determinism;

namespace ChaosKit.Fakes.Faults;

/// <summary>
/// <c>malformed</c>: answers with a body no client can use, written before any stream starts, so streamed and plain
/// calls alike get it. <c>body</c> picks which (<see cref="MalformedBodies"/>): <c>truncated_json</c> (the success
/// body cut part-way, 200), <c>invalid_json</c>, <c>empty</c>, <c>wrong_content_type</c>, <c>html_502</c>
/// (Cloudflare's 502 page), <c>html_503</c> (an nginx load balancer's 503 page) or <c>edge_530</c> (Cloudflare's
/// 530 origin error page).
/// </summary>
/// <remarks>The journal records the status written and the fault, as for any other answer.</remarks>
internal sealed class MalformedFault : IFault
{
    /// <summary>The kind name.</summary>
    public const string Kind = "malformed";

    private readonly string _body;

    private MalformedFault(string body) => _body = body;

    /// <summary>Registration for the catalog.</summary>
    public static FaultRegistration Registration { get; } = new(Kind, ["body"], Create);

    /// <inheritdoc />
    public ValueTask<FaultOutcome> ApplyAsync(FaultContext context, CancellationToken ct) =>
        ValueTask.FromResult(FaultOutcome.WriteItself((c, token) => MalformedBodies.WriteAsync(_body, c, RayOf(c), token)));

    // The CDN's request id, the same for the same call in every replay.
    private static string RayOf(FaultContext context)
    {
        var hash = new StableHash();
        hash.Add(context.Exchange.Provider);
        hash.Add(context.Exchange.RequestKey);
        return $"{hash.Finish():x16}-SJC";
    }

    private static MalformedFault Create(FaultSettings settings)
    {
        var body = settings.GetString("body", "");
        if (!MalformedBodies.Names.Contains(body, StringComparer.Ordinal))
        {
            var known = string.Join(", ", MalformedBodies.Names);
            if (!settings.Has("body")) throw settings.Invalid("body", $"missing required setting; expected one of {known}");
            throw settings.Invalid("body", NearMiss.Suggest(body, MalformedBodies.Names) is { } hint
                ? $"unknown body '{body}'; did you mean '{hint}'?"
                : $"unknown body '{body}'; expected one of {known}");
        }
        return new MalformedFault(body);
    }
}
