using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChaosKit.Testing;

/// <summary>Points an ASP.NET Core app under test (e.g. through <c>WebApplicationFactory</c>) at the fakes.</summary>
public static class ChaosFakesWebHostBuilderExtensions
{
    /// <summary>
    /// Gives the app every setting of <see cref="ChaosFakes.Configuration"/> (<c>ANTHROPIC_BASE_URL</c>,
    /// <c>ChaosKit:Providers:claude:BaseUrl</c>, ...) as host settings, which a minimal-API <c>Program.cs</c> sees in
    /// <c>builder.Configuration</c> before it builds the app, and which override its <c>appsettings.json</c> and
    /// environment variables.
    /// </summary>
    /// <example><c>new WebApplicationFactory&lt;Program&gt;().WithWebHostBuilder(b =&gt; b.UseChaosFakes(fakes))</c></example>
    public static IWebHostBuilder UseChaosFakes(this IWebHostBuilder builder, ChaosFakes fakes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fakes);
        foreach (var (key, value) in fakes.Configuration.AsEnumerable())
        {
            if (value is not null) builder.UseSetting(key, value);
        }
        return builder;
    }
}
