using System.Buffers;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bogus;
using ChaosKit.Core.Loading;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Workflows;

namespace ChaosKit.Load.Requests;

/// <summary>
/// Turns a <see cref="RequestTemplate"/> into one concrete request per iteration. String leaves of the JSON body,
/// header values and the path may hold Bogus expressions (<c>{{lorem.sentence}}</c>, <c>{{name.firstName}}</c>,
/// <c>{{internet.userName}}</c>, …, as Bogus's <c>Faker.Parse</c> reads them). Iteration <c>i</c>'s data comes from a
/// Faker seeded from (seed, i), so the same seed always renders the same requests. Thread-safe.
/// </summary>
/// <remarks>
/// Every request also carries a W3C <c>traceparent</c> header derived from (seed, i); a <c>traceparent</c> in the
/// template is replaced by it. JSON strings stay strings; numbers and booleans the loader already typed stay as they are.
/// </remarks>
public sealed partial class RequestRenderer : IStepRequest
{
    /// <summary>Name of the trace context header every request carries.</summary>
    public const string TraceParentHeader = "traceparent";

    private const string Field = "load.request";
    private static readonly Lazy<string[]> KnownExpressions = new(ListKnownExpressions);

    private readonly int _seed;
    private readonly string _method;
    private readonly HttpMethod _httpMethod;
    private readonly string _path;
    private readonly HeaderTemplate[] _headers;
    private readonly TemplateNode? _body;
    private readonly bool _hasExpressions;
    private Tuple<Uri, Uri>? _uriCache;

    /// <summary>Compiles and validates <paramref name="template"/>.</summary>
    /// <param name="template">The request each iteration sends.</param>
    /// <param name="seed">The scenario seed.</param>
    /// <exception cref="ScenarioException">The template cannot be sent: bad method, path, header or Bogus expression.</exception>
    public RequestRenderer(RequestTemplate template, int seed)
    {
        ArgumentNullException.ThrowIfNull(template);
        _seed = seed;
        var location = template.Location;
        var expressions = new List<TemplateExpression>();

        _method = (template.Method ?? "").Trim().ToUpperInvariant();
        try
        {
            _httpMethod = new HttpMethod(_method);
        }
        catch (FormatException)
        {
            throw new ScenarioException(location, $"{Field}.method", $"'{template.Method}' is not an HTTP method; use GET, POST, PUT, PATCH or DELETE.");
        }

        _path = template.Path ?? "";
        if (_path.Contains("://", StringComparison.Ordinal))
            throw new ScenarioException(location, $"{Field}.path", $"'{_path}' is a full URL; give a path such as /api/ask, relative to the target.");
        if (TemplateExpression.HasExpression(_path)) expressions.Add(new TemplateExpression($"{Field}.path", _path));
        else if (!Uri.TryCreate("http://localhost/" + _path.TrimStart('/'), UriKind.Absolute, out _))
            throw new ScenarioException(location, $"{Field}.path", $"'{_path}' is not a valid URL path.");

        var headers = new List<HeaderTemplate>();
        foreach (var (name, value) in template.Headers ?? new Dictionary<string, string>())
        {
            if (string.Equals(name, TraceParentHeader, StringComparison.OrdinalIgnoreCase)) continue; // ours wins
            var field = $"{Field}.headers.{name}";
            var isContent = ClassifyHeaderName(name, location, field);
            var text = value ?? "";
            if (text.Contains('\r') || text.Contains('\n'))
                throw new ScenarioException(location, field, "a header value cannot span lines.");
            var hasExpression = TemplateExpression.HasExpression(text);
            if (hasExpression) expressions.Add(new TemplateExpression(field, text));
            headers.Add(new HeaderTemplate(name, text, hasExpression, isContent));
        }
        _headers = [.. headers];

        _body = template.Json is null ? null : TemplateNode.Compile(template.Json, $"{Field}.json", location, expressions);
        _hasExpressions = expressions.Count > 0;

        ValidateExpressions(expressions, location);
    }

    /// <summary>The seed the requests derive from.</summary>
    public int Seed => _seed;

    /// <summary>
    /// Checks that <paramref name="template"/> can be sent, trying every Bogus expression once, so a scenario with a
    /// typo fails before the run instead of producing a run full of errors.
    /// </summary>
    /// <exception cref="ScenarioException">Names the field and the bad expression, with a suggestion when one is close.</exception>
    public static void Validate(RequestTemplate template) => _ = new RequestRenderer(template, seed: 0);

    /// <summary>The <c>traceparent</c> header value of iteration <paramref name="iteration"/> under <paramref name="seed"/>.</summary>
    public static string TraceParentFor(int seed, long iteration) => IterationRandom.TraceParent(seed, iteration);

    /// <summary>Renders iteration <paramref name="iteration"/>'s request.</summary>
    public RenderedRequest Render(long iteration)
    {
        var faker = _hasExpressions ? IterationRandom.RentFaker(_seed, iteration) : null;
        try
        {
            // Fill fields in a fixed order (path, headers, body) so the random stream lines up on every replay.
            var path = Fill(_path, faker);
            var headers = new KeyValuePair<string, string>[_headers.Length + 1];
            for (var i = 0; i < _headers.Length; i++)
            {
                var header = _headers[i];
                headers[i] = KeyValuePair.Create(header.Name, header.HasExpression ? Fill(header.Value, faker) : header.Value);
            }
            var traceParent = IterationRandom.TraceParent(_seed, iteration);
            headers[^1] = KeyValuePair.Create(TraceParentHeader, traceParent);

            byte[]? body = null;
            if (_body is not null)
            {
                var buffer = new ArrayBufferWriter<byte>(256);
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    _body.Write(writer, faker is null ? null : faker.Parse);
                }
                body = buffer.WrittenSpan.ToArray();
            }
            return new RenderedRequest(iteration, _method, path, headers, body, traceParent);
        }
        finally
        {
            if (faker is not null) IterationRandom.Return(faker);
        }
    }

    /// <summary>
    /// Gets the renderer ready for a run: one pooled Faker per core and one throw-away render, so Bogus's set-up and
    /// the first-call JIT cost land before the clock starts rather than in the first second's dispatch delay.
    /// </summary>
    internal void Prewarm(Uri baseUrl)
    {
        if (_hasExpressions) IterationRandom.Prewarm(Environment.ProcessorCount);
        using var message = CreateMessage(-1, baseUrl);
    }

    bool IStepRequest.UsesState => false;

    void IStepRequest.Prewarm(Uri baseUrl) => Prewarm(baseUrl);

    // A one-request load's step: the renderer's own seed and step 0's trace, the same request as ever.
    HttpRequestMessage IStepRequest.Create(Uri baseUrl, IterationState? state, int seed, long iteration, int step) => CreateMessage(iteration, baseUrl);

    /// <summary>Renders iteration <paramref name="iteration"/> as a message to send to <paramref name="baseUrl"/>.</summary>
    internal HttpRequestMessage CreateMessage(long iteration, Uri baseUrl)
    {
        var rendered = Render(iteration);
        var message = new HttpRequestMessage(_httpMethod, UriFor(baseUrl, rendered.Path));
        if (rendered.BodyUtf8 is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        for (var i = 0; i < _headers.Length; i++)
        {
            var (name, value) = rendered.Headers[i];
            if (_headers[i].IsContent)
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.Remove(name); // the template's Content-Type beats the default
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }
        message.Headers.TryAddWithoutValidation(TraceParentHeader, rendered.TraceParent);
        return message;
    }

    private Uri UriFor(Uri baseUrl, string path)
    {
        if (!ReferenceEquals(path, _path)) return Combine(baseUrl, path); // templated path: a new URI each time
        var cache = Volatile.Read(ref _uriCache);
        if (cache is not null && cache.Item1 == baseUrl) return cache.Item2;
        var uri = Combine(baseUrl, path);
        Volatile.Write(ref _uriCache, Tuple.Create(baseUrl, uri));
        return uri;
    }

    /// <summary>Joins the base URL and the path with exactly one slash, keeping any path the base URL has.</summary>
    internal static Uri Combine(Uri baseUrl, string path) =>
        new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'), UriKind.Absolute);

    private static string Fill(string text, Faker? faker) =>
        faker is null || !TemplateExpression.HasExpression(text) ? text : faker.Parse(text);

    internal static bool ClassifyHeaderName(string name, SourceLocation location, string field)
    {
        using var probe = new HttpRequestMessage();
        if (probe.Headers.TryAddWithoutValidation(name, "x")) return false;
        using var content = new ByteArrayContent([]);
        if (content.Headers.TryAddWithoutValidation(name, "x")) return true;
        throw new ScenarioException(location, field, $"'{name}' is not a valid HTTP header name.");
    }

    internal static void ValidateExpressions(List<TemplateExpression> expressions, SourceLocation location)
    {
        if (expressions.Count == 0) return;
        var faker = IterationRandom.RentFaker(0, 0);
        try
        {
            foreach (var expression in expressions)
            {
                foreach (Match token in Token().Matches(expression.Text))
                {
                    try
                    {
                        faker.Parse(token.Value);
                    }
#pragma warning disable CA1031 // Bogus throws several exception types for a bad token; each becomes one clear message.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        throw new ScenarioException(location, expression.Path, Problem(token, ex));
                    }
                }
                if (Token().Replace(expression.Text, "").Contains("{{", StringComparison.Ordinal))
                    throw new ScenarioException(location, expression.Path,
                        $"'{expression.Text}' opens an expression with '{{{{' but never closes it with '}}}}'.");
            }
        }
        finally
        {
            IterationRandom.Return(faker);
        }
    }

    private static string Problem(Match token, Exception ex)
    {
        var name = token.Groups[1].Value.Split('(')[0].Trim();
        var suggestion = name.Length == 0 ? null : NearMiss.Suggest(name, KnownExpressions.Value);
        var hint = suggestion is not null
            ? $"did you mean {{{{{suggestion}}}}}?"
            : "use dataset.method, such as {{lorem.sentence}}, {{name.firstName}} or {{internet.userName}}.";
        return $"{token.Value} is not a Bogus expression that works ({ex.Message.TrimEnd('.')}); {hint}";
    }

    /// <summary>The <c>dataset.method</c> names Bogus's parser knows, for "did you mean" suggestions.</summary>
    private static string[] ListKnownExpressions()
    {
        var names = new List<string>();
        foreach (var property in typeof(Faker).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!typeof(DataSet).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(Randomizer)) continue;
            var category = property.PropertyType == typeof(Randomizer)
                ? "randomizer"
                : property.PropertyType.GetCustomAttribute<DataCategoryAttribute>()?.Name ?? property.Name.ToLowerInvariant();
            foreach (var method in property.PropertyType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.IsSpecialName || method.IsGenericMethod) continue;
                names.Add($"{category}.{char.ToLowerInvariant(method.Name[0])}{method.Name[1..]}");
            }
        }
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Token();

    private sealed record HeaderTemplate(string Name, string Value, bool HasExpression, bool IsContent);
}
