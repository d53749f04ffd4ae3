namespace ChaosKit.Core.Scenarios;

/// <summary>
/// Open-model traffic at a constant arrival rate for the whole timeline: requests are scheduled on the clock,
/// whether or not earlier ones have finished, as real users arrive.
/// </summary>
/// <param name="RatePerSecond">Arrivals per second.</param>
/// <param name="MaxConcurrency">
/// Cap on requests in flight. An arrival that finds the cap reached is dropped and counted, as k6 does,
/// instead of queueing and hiding the overload.
/// </param>
/// <param name="Timeout">Per-request client timeout; a request still running then counts as a timeout.</param>
/// <param name="Request">What each iteration sends.</param>
/// <param name="Fallback">How to recognise an answer the target served from its fallback path.</param>
/// <param name="Location">Where the load section was declared.</param>
public sealed record LoadSpec(
    double RatePerSecond,
    int MaxConcurrency,
    TimeSpan Timeout,
    RequestTemplate Request,
    FallbackMarker? Fallback,
    SourceLocation Location);

/// <summary>The HTTP request each iteration sends to the target.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path relative to the target base URL.</param>
/// <param name="Headers">Extra request headers; values may hold Bogus expressions such as <c>{{internet.userName}}</c>.</param>
/// <param name="Json">
/// JSON body as a tree of maps, lists and strings; string leaves may hold Bogus expressions such as
/// <c>{{lorem.sentence}}</c>. <see langword="null"/> for no body.
/// </param>
/// <param name="Location">Where the request was declared.</param>
public sealed record RequestTemplate(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    object? Json,
    SourceLocation Location);

/// <summary>A response header whose value marks an answer served by the target's fallback path.</summary>
/// <param name="Header">Header name, case-insensitive.</param>
/// <param name="Value">Value that means "fallback", case-insensitive.</param>
public sealed record FallbackMarker(string Header, string Value);
