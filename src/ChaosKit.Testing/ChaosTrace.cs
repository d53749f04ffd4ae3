using System.Diagnostics;
using System.Net.Http.Headers;

namespace ChaosKit.Testing;

/// <summary>
/// A W3C trace context for one request of a test: send its <see cref="TraceParent"/> to the app, and the provider calls
/// the app makes for it carry the same trace id (ASP.NET Core and <see cref="HttpClient"/> pass it on by default), so
/// <see cref="ChaosJournal.For(ChaosTrace)"/> finds them.
/// </summary>
/// <param name="TraceId">The trace id: 32 lower-case hex digits.</param>
/// <param name="SpanId">The caller's span id: 16 lower-case hex digits.</param>
public readonly record struct ChaosTrace(string TraceId, string SpanId)
{
    /// <summary>The header's name: <c>traceparent</c>.</summary>
    public const string HeaderName = "traceparent";

    /// <summary>A fresh, random trace context.</summary>
    public static ChaosTrace New() => new(ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    /// <summary>The <c>traceparent</c> header's value, e.g. <c>00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01</c> (sampled).</summary>
    public string TraceParent => $"00-{TraceId}-{SpanId}-01";

    /// <summary>Adds the <c>traceparent</c> header to <paramref name="headers"/>, replacing one already there.</summary>
    public void AddTo(HttpRequestHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove(HeaderName);
        headers.TryAddWithoutValidation(HeaderName, TraceParent);
    }

    /// <summary>The trace id.</summary>
    public override string ToString() => TraceId;
}
