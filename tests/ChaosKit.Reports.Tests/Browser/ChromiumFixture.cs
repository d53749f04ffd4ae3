using Microsoft.Playwright;

namespace ChaosKit.Reports.Tests.Browser;

/// <summary>
/// One headless Chromium per test class. It drives the system browser through the Playwright driver that ships in
/// the NuGet package; Playwright's own browser download is not used (and cannot reach its host here).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Overrides the browser path, e.g. for Chrome on a developer's laptop.</summary>
    public const string PathVariable = "CHAOSKIT_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } custom ? custom : "/usr/bin/chromium";
        // A missing browser must fail the run, not skip it: a report that was never opened is not tested.
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. The HTML report tests open it in a real browser: " +
                $"install it with `apt-get update && apt-get install -y chromium`, or set {PathVariable} to a Chromium or Chrome executable.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
