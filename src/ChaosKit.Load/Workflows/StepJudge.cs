using System.Text;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Execution;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>What a step's response looked like once its body was read.</summary>
/// <param name="Response">The response (headers, status); its body has been consumed.</param>
/// <param name="Body">The body, up to the capture limit; empty when the step needs no body.</param>
/// <param name="Elapsed">Send to end of body.</param>
internal readonly record struct StepResponse(HttpResponseMessage Response, ReadOnlyMemory<byte> Body, TimeSpan Elapsed);

/// <summary>
/// Decides a step's outcome from its response: the status rule (the step's <c>status</c> checks, or 2xx), then its
/// captures (stored in the iteration's state), then its other checks in order; the first that fails names the failure.
/// </summary>
internal sealed class StepJudge
{
    private const string Default2xx = "status 2xx";

    private readonly StatusCheck[] _status;
    private readonly CheckSpec[] _checks;
    private readonly (CaptureSpec Spec, JsonPath? Path)[] _captures;
    private readonly (CheckSpec Spec, JsonPath? Path, TemplateText? Expected)[] _compiled;
    private readonly FallbackMarker? _fallback;

    /// <summary>Compiles the step's captures and checks.</summary>
    public StepJudge(StepSpec step, FallbackMarker? fallback, List<TemplateExpression> bogus, string field)
    {
        _fallback = fallback;
        _status = [.. step.Checks.OfType<StatusCheck>()];
        _checks = [.. step.Checks.Where(c => c is not StatusCheck)];
        _captures = [.. step.Captures.Select(c => (c, c.Source == CaptureSource.JsonPath ? JsonPath.Parse(c.Expression) : null))];
        _compiled = [.. _checks.Select(c => c switch
        {
            JsonExistsCheck e => (c, JsonPath.Parse(e.Path), (TemplateText?)null),
            JsonEqualsCheck e => (c, JsonPath.Parse(e.Path), TemplateText.Compile(e.Expected, $"{field}.checks", bogus)),
            _ => (c, (JsonPath?)null, (TemplateText?)null),
        })];
        NeedsBody = _captures.Any(c => c.Path is not null) || _checks.Any(c => c is JsonExistsCheck or JsonEqualsCheck or BodyContainsCheck);
    }

    /// <summary>True when captures or checks read the body, so the executor must keep it.</summary>
    public bool NeedsBody { get; }

    /// <summary>Judges <paramref name="response"/>; captures go into <paramref name="state"/>.</summary>
    /// <returns>The outcome and, when it failed, why.</returns>
    public (StepOutcome Outcome, string? Failure) Judge(in StepResponse response, IterationState state)
    {
        var status = (int)response.Response.StatusCode;
        if (_status.Length > 0)
        {
            foreach (var check in _status)
            {
                if (!check.Allowed.Contains(status)) return (StepOutcome.Failed, check.Describe());
            }
        }
        else if (status is < 200 or > 299)
        {
            return (StepOutcome.Failed, Default2xx);
        }

        JsonElement? json = null;
        var jsonParsed = false;
        JsonElement? Json(ReadOnlyMemory<byte> body)
        {
            if (jsonParsed) return json;
            jsonParsed = true;
            try
            {
                using var document = JsonDocument.Parse(body);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                json = null;
            }
            return json;
        }

        foreach (var (spec, path) in _captures)
        {
            string? value = null;
            if (path is null)
            {
                if (response.Response.Headers.TryGetValues(spec.Expression, out var values)
                    || response.Response.Content.Headers.TryGetValues(spec.Expression, out values))
                    value = string.Join(",", values);
            }
            else if (Json(response.Body) is { } root && path.TryFind(root, out var found))
            {
                value = JsonPath.AsText(found);
            }
            if (value is null) return (StepOutcome.Failed, $"capture {spec.Name} ({spec.Describe()})");
            state.Values[spec.Name] = value;
        }

        foreach (var (spec, path, expected) in _compiled)
        {
            var passed = spec switch
            {
                JsonExistsCheck => Json(response.Body) is { } root && path!.TryFind(root, out _),
                JsonEqualsCheck => Json(response.Body) is { } root && path!.TryFind(root, out var found)
                    && string.Equals(JsonPath.AsText(found), expected!.Render(state), StringComparison.Ordinal),
                BodyContainsCheck c => Encoding.UTF8.GetString(response.Body.Span).Contains(c.Text, StringComparison.Ordinal),
                LatencyBelowCheck c => response.Elapsed < c.Bound,
                _ => true,
            };
            if (!passed) return (StepOutcome.Failed, spec.Describe());
        }

        return _fallback is not null && OutcomeClassifier.HasMarker(response.Response, _fallback)
            ? (StepOutcome.Fallback, null)
            : (StepOutcome.Ok, null);
    }
}
