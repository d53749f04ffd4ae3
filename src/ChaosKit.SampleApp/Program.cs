// The bundled application under test: a small AI-assisted support desk (answers, streamed answers, ticket triage)
// built the way teams build on hosted AI APIs: Claude through the official Anthropic SDK, OpenAI through the official
// OpenAI SDK as the alternative, and a knowledge base of critical answers in the app. How it survives an outage is a
// resilience profile chosen at start-up (SampleApp:Profile: naive, sdk-defaults, the default, or resilient; see
// docs/sample-app.md). It knows nothing about ChaosKit: it is configured like any app, through the providers'
// standard variables (ANTHROPIC_BASE_URL, OPENAI_BASE_URL, ...), appsettings.json and SampleApp__* variables, and
// reads status pages named by CHAOSKIT_STATUS_PAGE_* or SampleApp:StatusPages.
using ChaosKit.SampleApp;
using ChaosKit.SampleApp.Answers;
using ChaosKit.SampleApp.Configuration;
using ChaosKit.SampleApp.KnowledgeBase;
using ChaosKit.SampleApp.Providers;
using ChaosKit.SampleApp.Resilience;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleAppJsonContext.Default));

var settings = SampleAppSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ProviderCircuits>();
builder.Services.AddChatProviders(settings);
builder.Services.AddSingleton<SupportKnowledgeBase>();
builder.Services.AddSingleton(_ => new AnswerStore());
builder.Services.AddSingleton<AnswerPlan>();
builder.Services.AddSingleton<SupportDesk>();
builder.Services.AddSingleton<StreamAnswerer>();
if (settings.Profile == ResilienceProfile.Resilient && settings.StatusPages.Count > 0)
{
    builder.Services.AddHttpClient(StatusPagePoller.ClientName, client => client.MaxResponseContentBufferSize = StatusPagePoller.MaxDocumentBytes);
    builder.Services.AddHostedService<StatusPagePoller>();
}

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/readyz", (SampleAppSettings settings, ProviderCircuits circuits, TimeProvider time) => Health.Readiness(settings, circuits, time));
app.MapPost("/api/ask", (AskRequest request, SupportDesk desk, HttpContext http) => desk.AskAsync(request, http));
app.MapPost("/api/ask/stream", (AskRequest request, StreamAnswerer answerer, HttpContext http) => answerer.StreamAsync(request, http));
app.MapPost("/api/triage", (TriageRequest request, SupportDesk desk, HttpContext http) => desk.TriageAsync(request, http));
app.MapGet("/api/history/{id}", (string id, AnswerStore store) =>
    store.TryGet(id, out var answer) ? Results.Ok(answer) : Results.Problem($"No answer with id '{id}' is kept.", statusCode: StatusCodes.Status404NotFound));

Health.LogSetup(app.Logger, settings);
// Builds the SDK clients and their pipelines now, so a setting the pipeline rejects stops the app here rather than
// failing its first question, and that question does not pay for the building.
app.Services.GetRequiredService<AnswerPlan>();
app.Run();
