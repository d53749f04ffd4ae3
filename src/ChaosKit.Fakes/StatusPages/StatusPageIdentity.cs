namespace ChaosKit.Fakes.StatusPages;

/// <summary>Who a provider's Statuspage is: the page and the one component the fake reports on.</summary>
/// <param name="Id">The page id.</param>
/// <param name="Name">The page name, e.g. <c>Claude</c>.</param>
/// <param name="Url">The real page's address.</param>
/// <param name="ComponentId">The API component's id.</param>
/// <param name="ComponentName">The API component's name, e.g. <c>Claude API (api.anthropic.com)</c>.</param>
internal sealed record StatusPageIdentity(string Id, string Name, string Url, string ComponentId, string ComponentName);
