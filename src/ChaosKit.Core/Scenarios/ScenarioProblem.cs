namespace ChaosKit.Core.Scenarios;

/// <summary>One thing wrong with a scenario: where it is, which field, and what to change.</summary>
/// <param name="Location">Where the offending value is.</param>
/// <param name="Field">The dotted path of the field, e.g. <c>timeline[1].faults[0].status</c>; empty for the whole file.</param>
/// <param name="Problem">What is wrong and how to fix it, without the location prefix.</param>
public sealed record ScenarioProblem(SourceLocation Location, string Field, string Problem)
{
    /// <summary>The problem as one line, <c>file:line:column: field: problem</c>, the form editors and CI logs turn into links.</summary>
    public override string ToString()
    {
        var where = Location.Line > 0 ? $"{Location}: " : Location.File.Length > 0 ? $"{Location.File}: " : "";
        return OneLine(Field.Length == 0 ? $"{where}{Problem}" : $"{where}{Field}: {Problem}");
    }

    // A value quoted from the file may hold a line break or another control character; shown escaped, a problem stays one line.
    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var builder = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }
}
