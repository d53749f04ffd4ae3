using System.Text;

namespace ChaosKit.Load.Requests;

/// <summary>One iteration's request as it will be sent: method, path, headers (with <c>traceparent</c>) and JSON body.</summary>
public sealed class RenderedRequest
{
    private readonly byte[]? _body;

    internal RenderedRequest(long iteration, string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, string traceParent)
    {
        Iteration = iteration;
        Method = method;
        Path = path;
        Headers = headers;
        _body = body;
        TraceParent = traceParent;
    }

    /// <summary>The iteration the request belongs to.</summary>
    public long Iteration { get; }

    /// <summary>HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>Path relative to the target base URL, expressions filled in.</summary>
    public string Path { get; }

    /// <summary>Request headers in template order, expressions filled in, ending with <c>traceparent</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The W3C <c>traceparent</c> value of this iteration.</summary>
    public string TraceParent { get; }

    /// <summary>The JSON body as text, or <see langword="null"/> when the template has none.</summary>
    public string? Body => _body is null ? null : Encoding.UTF8.GetString(_body);

    /// <summary>The JSON body as UTF-8, as sent.</summary>
    internal byte[]? BodyUtf8 => _body;
}
