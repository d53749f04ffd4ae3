using System.Text;
using System.Text.Json;
using ChaosKit.Core.Scenarios;
using ChaosKit.Load.Measurement;
using ChaosKit.Load.Requests;

namespace ChaosKit.Load.Workflows;

/// <summary>What a step's response looked like once its body was read.</summary>
/// <param name="Response">The response (headers, status); its body has been consumed.</param>
/// <param name="Body">The body, up to the capture limit; empty when the step needs no body.</param>
/// <param name="Elapsed">Send to end of body.</param>
internal readonly record struct StepResponse(HttpResponseMessage Response, ReadOnlyMemory<byte> Body, TimeSpan Elapsed);

/// <summary>A step's judgement: its outcome and, when it failed, which of its judge's reasons (<see cref="StepJudge.ReasonOf"/>).</summary>
/// <param name="Outcome">How the step ended.</param>
/// <param name="Reason">The failure's index among the judge's reasons; 0 for none. Four bytes, so the exchange's result stays small.</param>
internal readonly record struct StepVerdict(StepOutcome Outcome, ushort Reason = 0);

/// <summary>
/// Decides a step's outcome from its response: the status rule (the step's <c>status</c> checks, or 2xx), then its
/// captures (stored in the iteration's state), then its other checks in order; the first that fails names the failure.
/// A passing answer is <see cref="StepOutcome.Fallback"/> when it carries the fallback marker. A step with no checks
/// and no captures (a one-request load's) does only the 2xx rule and the marker.
/// </summary>
internal sealed class StepJudge
{
    private const ushort Default2xx = 1;

    private readonly (StatusCheck Check, ushort Reason)[] _status;
    private readonly (CaptureSpec Spec, JsonPath? Path, ushort Reason)[] _captures;
    private readonly (CheckSpec Spec, JsonPath? Path, TemplateText? Expected, ushort Reason)[] _compiled;
    private readonly string?[] _reasons; // [0] none, [1] the 2xx rule, then each status check, capture and check
    private readonly FallbackMarker? _fallback;

    /// <summary>Compiles the step's captures and checks, and words each way it can fail once.</summary>
    /// <param name="step">The step.</param>
    /// <param name="fallback">The marker of an answer served by the fallback path; <see langword="null"/> for none.</param>
    /// <param name="bogus">Receives the Bogus expressions of <c>json_equals</c> values, for validation before the run.</param>
    /// <param name="field">The step's field path, for errors.</param>
    public StepJudge(StepSpec step, FallbackMarker? fallback, List<TemplateExpression> bogus, string field)
    {
        _fallback = fallback;
        var reasons = new List<string?> { null, "status 2xx" };
        ushort Reason(string text)
        {
            reasons.Add(text);
            return (ushort)(reasons.Count - 1);
        }

        _status = [.. step.Checks.OfType<StatusCheck>().Select(c => (c, Reason(c.Describe())))];
        _captures = [.. step.Captures.Select(c => (c, c.Source == CaptureSource.JsonPath ? JsonPath.Parse(c.Expression) : null, Reason($"capture {c.Name} ({c.Describe()})")))];
        var checks = step.Checks.Where(c => c is not StatusCheck).ToArray();
        _compiled = [.. checks.Select(c => c switch
        {
            JsonExistsCheck e => (c, JsonPath.Parse(e.Path), (TemplateText?)null, Reason(c.Describe())),
            JsonEqualsCheck e => (c, JsonPath.Parse(e.Path), TemplateText.Compile(e.Expected, $"{field}.checks", bogus), Reason(c.Describe())),
            _ => (c, (JsonPath?)null, (TemplateText?)null, Reason(c.Describe())),
        })];
        _reasons = [.. reasons];
        NeedsBody = _captures.Any(c => c.Path is not null) || checks.Any(c => c is JsonExistsCheck or JsonEqualsCheck or BodyContainsCheck);
    }

    /// <summary>True when captures or checks read the body, so the executor must keep it.</summary>
    public bool NeedsBody { get; }

    /// <summary>Why <paramref name="verdict"/> failed (the check, the capture or the status rule); <see langword="null"/> when it passed.</summary>
    public string? ReasonOf(StepVerdict verdict) => _reasons[verdict.Reason];

    /// <summary>Judges <paramref name="response"/>; captures go into <paramref name="state"/>, which only a step without captures and value checks may leave out.</summary>
    public StepVerdict Judge(in StepResponse response, IterationState? state)
    {
        var status = (int)response.Response.StatusCode;
        if (_status.Length > 0)
        {
            foreach (var (check, reason) in _status)
            {
                if (!check.Allowed.Contains(status)) return new StepVerdict(StepOutcome.Failed, reason);
            }
        }
        else if (status is < 200 or > 299)
        {
            return new StepVerdict(StepOutcome.Failed, Default2xx);
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

        foreach (var (spec, path, reason) in _captures)
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
            if (value is null) return new StepVerdict(StepOutcome.Failed, reason);
            state!.Values[spec.Name] = value;
        }

        foreach (var (spec, path, expected, reason) in _compiled)
        {
            var passed = spec switch
            {
                JsonExistsCheck => Json(response.Body) is { } root && path!.TryFind(root, out _),
                JsonEqualsCheck => Json(response.Body) is { } root && path!.TryFind(root, out var found)
                    && string.Equals(JsonPath.AsText(found), expected!.Render(state!), StringComparison.Ordinal),
                BodyContainsCheck c => Encoding.UTF8.GetString(response.Body.Span).Contains(c.Text, StringComparison.Ordinal),
                LatencyBelowCheck c => response.Elapsed < c.Bound,
                _ => true,
            };
            if (!passed) return new StepVerdict(StepOutcome.Failed, reason);
        }

        return new StepVerdict(_fallback is not null && HasMarker(response.Response, _fallback) ? StepOutcome.Fallback : StepOutcome.Ok);
    }

    /// <summary>True when the response carries <paramref name="marker"/>: any element of the header's (repeated or comma-separated) values, case-insensitively.</summary>
    private static bool HasMarker(HttpResponseMessage response, FallbackMarker marker)
    {
        if (!response.Headers.TryGetValues(marker.Header, out var values)
            && !response.Content.Headers.TryGetValues(marker.Header, out values))
            return false;
        var wanted = marker.Value.AsSpan().Trim();
        foreach (var value in values)
        {
            // Split as spans: this runs for every response of a run.
            foreach (var range in value.AsSpan().Split(','))
            {
                if (value.AsSpan(range).Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}
