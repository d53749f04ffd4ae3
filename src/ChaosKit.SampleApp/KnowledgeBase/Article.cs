namespace ChaosKit.SampleApp.KnowledgeBase;

/// <summary>A help-centre article the app can answer with when no AI is reachable.</summary>
/// <param name="Id">A stable id, returned with the answer, e.g. <c>reset-password</c>.</param>
/// <param name="Title">The article's title.</param>
/// <param name="Keywords">Words of a question that point to it, lower case.</param>
/// <param name="Answer">The answer given.</param>
internal sealed record Article(string Id, string Title, string[] Keywords, string Answer);
