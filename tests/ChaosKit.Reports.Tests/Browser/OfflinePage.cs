using Microsoft.Playwright;

namespace ChaosKit.Reports.Tests.Browser;

/// <summary>
/// A report opened from disk in its own browser context with the network cut off: every console error or warning,
/// page error, dialog and request that is not the file itself lands in <see cref="Problems"/>.
/// </summary>
internal sealed record OfflinePage(string Path, IBrowserContext Context, IPage Page, List<string> Problems) : IAsyncDisposable
{
    public static async Task<OfflinePage> OpenAsync(IBrowser browser, string path, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true)
    {
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1360, Height = 900 },
            ColorScheme = colorScheme,
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);

        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") problems.Add($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Dialog += async (_, dialog) =>
        {
            problems.Add($"dialog: {dialog.Message}");
            await dialog.DismissAsync();
        };
        // The report must open offline: any request that is not the file itself is refused and counted.
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }
            problems.Add($"network request: {route.Request.Url}");
            await route.AbortAsync();
        });
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");

        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        return new OfflinePage(path, context, page, problems);
    }

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
