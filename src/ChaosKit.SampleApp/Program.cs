// The bundled application under test: a small Q&A API built the way many teams build on Claude — the official
// Anthropic SDK with its default retries, and a stored answer when the provider fails. It knows nothing about
// ChaosKit; it is configured like any app, through ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY and appsettings.json.
using Anthropic;
using ChaosKit.SampleApp;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleAppJsonContext.Default));

var settings = AskSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton<IAnthropicClient>(_ => new AnthropicClient
{
    ApiKey = settings.ApiKey,
    BaseUrl = settings.BaseUrl,
    MaxRetries = settings.MaxRetries,
    Timeout = settings.Timeout,
});
builder.Services.AddSingleton<FallbackAnswers>();
builder.Services.AddSingleton<AnswerStore>(_ => new AnswerStore());
builder.Services.AddSingleton<AskHandler>();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapPost("/api/ask", (AskRequest request, AskHandler handler, HttpContext http) => handler.HandleAsync(request, http));
app.MapPost("/api/ask/stream", (AskRequest request, AskHandler handler, HttpContext http) => handler.StreamAsync(request, http));
app.MapGet("/api/history/{id}", (string id, AnswerStore store) =>
    store.TryGet(id, out var answer) ? Results.Ok(answer) : Results.Problem($"No answer with id '{id}' is kept.", statusCode: StatusCodes.Status404NotFound));

app.Logger.LogInformation("Answering with {Model} at {BaseUrl} (max retries {MaxRetries}, timeout {Timeout})",
    settings.Model, settings.BaseUrl, settings.MaxRetries, settings.Timeout);
app.Run();
