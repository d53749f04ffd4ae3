using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>
/// Turns one workflow step's request template into a message per iteration: path, header values and JSON string
/// leaves may mix literal text, Bogus expressions (<c>{{lorem.sentence}}</c>), variables and earlier captures
/// (<c>{{answer_id}}</c>). Thread-safe; the iteration's state is passed in.
/// </summary>
internal sealed class StepRenderer : IStepRequest
{
    private readonly HttpMethod _method;
    private readonly TemplateText _path;
    private readonly (string Name, TemplateText Value, bool IsContent)[] _headers;
    private readonly TemplateNode? _body;
    private readonly Dictionary<string, TemplateText> _bodyLeaves = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="template"/>, adding its Bogus expressions to <paramref name="bogus"/>.</summary>
    /// <param name="template">The step's request.</param>
    /// <param name="field">Field path for errors, e.g. <c>load.workflows[0].steps[1].request</c>.</param>
    /// <param name="bogus">Receives every Bogus expression, for validation before the run.</param>
    /// <exception cref="ScenarioException">Bad method, path or header name.</exception>
    public StepRenderer(RequestTemplate template, string field, List<TemplateExpression> bogus)
    {
        var location = template.Location;
        try
        {
            _method = new HttpMethod((template.Method ?? "").Trim().ToUpperInvariant());
        }
        catch (FormatException)
        {
            throw new ScenarioException(location, $"{field}.method", $"'{template.Method}' is not an HTTP method; use GET, POST, PUT, PATCH or DELETE.");
        }
        var path = template.Path ?? "";
        if (path.Contains("://", StringComparison.Ordinal))
            throw new ScenarioException(location, $"{field}.path", $"'{path}' is a full URL; give a path such as /api/ask, relative to the target.");
        _path = TemplateText.Compile(path, $"{field}.path", bogus);

        var headers = new List<(string, TemplateText, bool)>();
        foreach (var (name, value) in template.Headers ?? new Dictionary<string, string>())
        {
            if (string.Equals(name, RequestRenderer.TraceParentHeader, StringComparison.OrdinalIgnoreCase)) continue; // ours wins
            var headerField = $"{field}.headers.{name}";
            var isContent = RequestRenderer.ClassifyHeaderName(name, location, headerField);
            if ((value ?? "").Contains('\r') || (value ?? "").Contains('\n'))
                throw new ScenarioException(location, headerField, "a header value cannot span lines.");
            headers.Add((name, TemplateText.Compile(value ?? "", headerField, bogus), isContent));
        }
        _headers = [.. headers];

        if (template.Json is not null)
        {
            var leaves = new List<TemplateExpression>();
            _body = TemplateNode.Compile(template.Json, $"{field}.json", location, leaves);
            foreach (var leaf in leaves)
                _bodyLeaves.TryAdd(leaf.Text, TemplateText.Compile(leaf.Text, leaf.Path, bogus));
        }
    }

    /// <inheritdoc />
    public bool UsesState => true;

    /// <inheritdoc />
    public void Prewarm(Uri baseUrl)
    {
        // Its iterations' Fakers are pooled ahead by the workflow (IterationRandom.Prewarm).
    }

    /// <inheritdoc />
    public HttpRequestMessage Create(Uri baseUrl, IterationState? state, int seed, long iteration, int step) =>
        Create(baseUrl, state!, IterationRandom.TraceParent(seed, iteration, step));

    /// <summary>Renders the step for one iteration, with <paramref name="traceParent"/> as its trace context.</summary>
    /// <exception cref="KeyNotFoundException">A capture it uses has no value.</exception>
    public HttpRequestMessage Create(Uri baseUrl, IterationState state, string traceParent)
    {
        // Fill in a fixed order (path, headers, body) so the iteration's random stream lines up on every replay.
        var message = new HttpRequestMessage(_method, RequestRenderer.Combine(baseUrl, _path.Render(state)));
        var headerValues = new string[_headers.Length];
        for (var i = 0; i < _headers.Length; i++) headerValues[i] = _headers[i].Value.Render(state);
        if (_body is not null)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                _body.Write(writer, text => _bodyLeaves[text].Render(state));
            }
            message.Content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        for (var i = 0; i < _headers.Length; i++)
        {
            var (name, _, isContent) = _headers[i];
            if (isContent)
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, headerValues[i]);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, headerValues[i]);
            }
        }
        message.Headers.TryAddWithoutValidation(RequestRenderer.TraceParentHeader, traceParent);
        return message;
    }
}
