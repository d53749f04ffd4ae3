using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ChaosKit.Tests.Shared;

/// <summary>docs/result.schema.json, read once; linked into each test project that checks result.json files against it.</summary>
internal static class ResultSchema
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Root(), "docs", "result.schema.json")));

    public static EvaluationResults Evaluate(JsonNode json) =>
        Schema.Evaluate(JsonSerializer.SerializeToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>Each error with where in the file it is, for an assertion's message.</summary>
    public static string Describe(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChaosKit.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
