// A small chat API on two providers, built the way many teams build one: OpenAI first (the official OpenAI .NET SDK,
// with its retries), Claude when OpenAI fails (the official Anthropic SDK), and a canned answer when both do. It knows
// nothing of ChaosKit: it reads the providers' usual settings (OPENAI_BASE_URL, OPENAI_API_KEY, ANTHROPIC_BASE_URL,
// ANTHROPIC_API_KEY) from its configuration, as it would in production.
using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using ChatApp;
using OpenAI;
using OpenAI.Chat;

var builder = WebApplication.CreateBuilder(args);
var settings = ChatSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(new ChatClient(settings.OpenAIModel, new ApiKeyCredential(settings.OpenAIKey), new OpenAIClientOptions
{
    Endpoint = new Uri(settings.OpenAIBaseUrl),
    RetryPolicy = new ClientRetryPolicy(settings.MaxRetries),
}));
builder.Services.AddSingleton<IAnthropicClient>(new AnthropicClient
{
    BaseUrl = settings.AnthropicBaseUrl,
    ApiKey = settings.AnthropicKey,
    MaxRetries = settings.MaxRetries,
});
builder.Services.AddSingleton<ChatService>();

var app = builder.Build();
app.MapPost("/api/chat", async (ChatRequest request, ChatService chat, CancellationToken ct) =>
    string.IsNullOrWhiteSpace(request.Question)
        ? Results.Problem("Send {\"question\": \"...\"}.", statusCode: StatusCodes.Status400BadRequest)
        : Results.Ok(await chat.AnswerAsync(request.Question, ct)));
app.Run();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
