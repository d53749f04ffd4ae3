using System.Net.Http.Json;
using System.Text.Json;

namespace ChaosKit.SampleApp.Tests.Support;

/// <summary>Reading what the app answered.</summary>
internal static class Responses
{
    /// <summary>The response's <c>x-served-by</c>.</summary>
    public static string ServedBy(this HttpResponseMessage response) => response.Headers.GetValues("x-served-by").Single();

    /// <summary>The response's <c>X-Answer-Source</c>, or <see langword="null"/> when it has none.</summary>
    public static string? Source(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Answer-Source", out var values) ? values.Single() : null;

    /// <summary>The JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A string property of <paramref name="json"/>, or <see langword="null"/>.</summary>
    public static string? Text(this JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
