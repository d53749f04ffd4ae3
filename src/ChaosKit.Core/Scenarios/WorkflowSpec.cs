namespace ChaosKit.Core.Scenarios;

/// <summary>
/// A named sequence of requests one iteration runs in order (<c>load.workflows[]</c>), with its own load profile.
/// Several workflows run at once, each on its own schedule; <c>load.request</c> is the one-step shorthand.
/// </summary>
/// <param name="Name">Workflow name, unique in the scenario.</param>
/// <param name="RatePerSecond">Arrivals per second of the <c>rate</c> shorthand; with simulations, the profile's peak open rate.</param>
/// <param name="Simulations">The profile, run in order; empty means one <c>inject</c> of <paramref name="RatePerSecond"/> over the timeline.</param>
/// <param name="Variables">Values rendered once per iteration (Bogus expressions), usable in every step as <c>{{name}}</c>.</param>
/// <param name="Steps">The requests, in order; a step after a failed one is skipped.</param>
/// <param name="Location">Where the workflow was declared.</param>
public sealed record WorkflowSpec(
    string Name,
    double RatePerSecond,
    IReadOnlyList<LoadSimulation> Simulations,
    IReadOnlyList<WorkflowVariable> Variables,
    IReadOnlyList<StepSpec> Steps,
    SourceLocation Location);

/// <summary>A per-iteration variable: <paramref name="Template"/> is rendered once when the iteration starts.</summary>
/// <param name="Name">Name used in templates as <c>{{name}}</c>.</param>
/// <param name="Template">Text that may hold Bogus expressions and earlier variables.</param>
public sealed record WorkflowVariable(string Name, string Template);

/// <summary>One request of a workflow.</summary>
/// <param name="Name">Step name, unique in its workflow.</param>
/// <param name="Request">What the step sends; templates may use Bogus expressions, variables and earlier captures.</param>
/// <param name="Captures">Values taken from the response for later steps.</param>
/// <param name="Checks">Conditions on the response; the first that fails makes the step (and its iteration) fail.</param>
/// <param name="Location">Where the step was declared.</param>
public sealed record StepSpec(
    string Name,
    RequestTemplate Request,
    IReadOnlyList<CaptureSpec> Captures,
    IReadOnlyList<CheckSpec> Checks,
    SourceLocation Location);

/// <summary>Where a captured value comes from.</summary>
public enum CaptureSource
{
    /// <summary>A JSON path into the response body, e.g. <c>$.id</c>.</summary>
    JsonPath,

    /// <summary>A response header, written <c>header:Name</c>.</summary>
    Header,
}

/// <summary>A value taken from a step's response, usable in later steps as <c>{{name}}</c>.</summary>
/// <param name="Name">Capture name.</param>
/// <param name="Source">Body JSON path or response header.</param>
/// <param name="Expression">The JSON path (for <see cref="CaptureSource.JsonPath"/>) or the header name.</param>
/// <param name="Location">Where it was declared.</param>
public sealed record CaptureSpec(string Name, CaptureSource Source, string Expression, SourceLocation Location)
{
    /// <summary>How the capture was written, e.g. <c>$.id</c> or <c>header:ETag</c>.</summary>
    public string Describe() => Source == CaptureSource.Header ? $"header:{Expression}" : Expression;
}
