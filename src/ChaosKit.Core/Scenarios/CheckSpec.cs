using System.Globalization;

namespace ChaosKit.Core.Scenarios;

/// <summary>A condition on a step's response; a failed check makes the step count as failed and names itself.</summary>
/// <param name="Location">Where the check was declared.</param>
public abstract record CheckSpec(SourceLocation Location)
{
    /// <summary>The check in one short line, as results name it, e.g. <c>status 200</c> or <c>json $.id exists</c>.</summary>
    public abstract string Describe();
}

/// <summary>The response status is one of <paramref name="Allowed"/>.</summary>
/// <param name="Allowed">Accepted status codes.</param>
/// <param name="Location">Where the check was declared.</param>
public sealed record StatusCheck(IReadOnlyList<int> Allowed, SourceLocation Location) : CheckSpec(Location)
{
    /// <inheritdoc />
    public override string Describe() => "status " + string.Join("|", Allowed.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>The JSON body has a value at <paramref name="Path"/>.</summary>
/// <param name="Path">JSON path, e.g. <c>$.id</c>.</param>
/// <param name="Location">Where the check was declared.</param>
public sealed record JsonExistsCheck(string Path, SourceLocation Location) : CheckSpec(Location)
{
    /// <inheritdoc />
    public override string Describe() => $"json {Path} exists";
}

/// <summary>The JSON body's value at <paramref name="Path"/> equals <paramref name="Expected"/> (compared as text; templates allowed).</summary>
/// <param name="Path">JSON path, e.g. <c>$.source</c>.</param>
/// <param name="Expected">Expected value; may use variables and captures, e.g. <c>{{answer_id}}</c>.</param>
/// <param name="Location">Where the check was declared.</param>
public sealed record JsonEqualsCheck(string Path, string Expected, SourceLocation Location) : CheckSpec(Location)
{
    /// <inheritdoc />
    public override string Describe() => $"json {Path} == {Expected}";
}

/// <summary>The body contains <paramref name="Text"/> (ordinal).</summary>
/// <param name="Text">Text to look for.</param>
/// <param name="Location">Where the check was declared.</param>
public sealed record BodyContainsCheck(string Text, SourceLocation Location) : CheckSpec(Location)
{
    /// <inheritdoc />
    public override string Describe() => $"body contains '{Text}'";
}

/// <summary>The step took less than <paramref name="Bound"/> from its send to the end of its body.</summary>
/// <param name="Bound">Upper bound, exclusive.</param>
/// <param name="Location">Where the check was declared.</param>
public sealed record LatencyBelowCheck(TimeSpan Bound, SourceLocation Location) : CheckSpec(Location)
{
    /// <inheritdoc />
    public override string Describe() => $"latency < {Bound.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms";
}
