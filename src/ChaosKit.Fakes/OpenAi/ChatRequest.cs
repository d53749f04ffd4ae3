using System.Text;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using CommunityToolkit.HighPerformance.Buffers;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// The parts of a <c>POST /v1/chat/completions</c> body the fake needs, checked as the real API checks them; a
/// refusal comes back as the <see cref="OpenAiError"/> to send with a 400.
/// </summary>
/// <param name="Model">Requested model.</param>
/// <param name="MaxTokens"><c>max_completion_tokens</c>, else the legacy <c>max_tokens</c>, else no limit.</param>
/// <param name="Stream">Whether an SSE stream was asked for.</param>
/// <param name="IncludeUsage"><c>stream_options.include_usage</c>.</param>
/// <param name="PromptChars">Characters of message text, for the prompt token estimate.</param>
/// <param name="Stop">Stop sequences.</param>
/// <remarks>
/// Read in one pass with a <see cref="Utf8JsonReader"/>, which also hashes the answer's <see cref="ContentSeed"/>:
/// chat completions are the call a load test sends by the thousand a second, and parsing the body into a
/// <see cref="JsonDocument"/>, looking its fields up one by one and enumerating it again for the seed would be the
/// largest part of the fake's own work per call. Checks run after the pass, in the real API's order, so a body that
/// is not JSON at all is always the JSON error, wherever the fault is.
/// </remarks>
internal sealed record ChatRequest(
    string Model, int MaxTokens, bool Stream, bool IncludeUsage, long PromptChars, IReadOnlyList<string> Stop)
{
    /// <summary>
    /// The tool the answer calls, its name and <c>parameters</c> schema as JSON: the one <c>tool_choice</c> forces (a
    /// named function, or the first for <c>required</c>), or with <c>tool_calls: auto</c> the first the model may choose.
    /// </summary>
    public (string Name, string Schema)? ForcedTool { get; init; }

    /// <summary>
    /// The structured output <c>response_format</c> asks for: a <c>json_schema</c>'s schema as JSON, or
    /// <see cref="StructuredFormat.AnyObject"/> for <c>json_object</c>; <see langword="null"/> for plain text.
    /// </summary>
    public StructuredFormat? Format { get; init; }

    /// <summary><c>reasoning_effort</c> (<c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>) for a reasoning model.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>
    /// <c>top_logprobs</c> (0-20) when <c>logprobs: true</c> asked for the tokens' log probabilities;
    /// <see langword="null"/> when it did not.
    /// </summary>
    public int? TopLogprobs { get; init; }

    /// <summary><c>stream_options.include_obfuscation</c> (default true): streamed chunks carry <c>obfuscation</c> padding.</summary>
    public bool IncludeObfuscation { get; init; } = true;

    /// <summary>The field that set <see cref="MaxTokens"/> (<c>max_completion_tokens</c>, else <c>max_tokens</c>); <see langword="null"/>: no limit.</summary>
    public string? MaxTokensField { get; init; }

    /// <summary>
    /// Whether <c>tool_choice</c> names the function (<c>{"type":"function","function":{"name":…}}</c>): the API then
    /// ends the forced call with <c>finish_reason: stop</c>, not <c>tool_calls</c>.
    /// </summary>
    public bool NamedToolChoice { get; init; }

    /// <summary>Whether the body set the legacy <c>max_tokens</c> (which reasoning models refuse), even beside <c>max_completion_tokens</c>.</summary>
    public bool SetsLegacyMaxTokens { get; init; }

    /// <summary><c>temperature</c>, or <see langword="null"/> when not a number or not set.</summary>
    public double? Temperature { get; init; }

    /// <summary>
    /// The 400 for this request on <paramref name="model"/> (OpenAI's model, or Azure's deployment), or
    /// <see langword="null"/>: a parameter the model does not take (<see cref="ReasoningParameters"/>), then a limit it
    /// exceeds (<see cref="OpenAiLimits"/>).
    /// </summary>
    public OpenAiError? RefusalOn(string model) => ReasoningParameters.ChatRefusal(this, model) ?? OpenAiLimits.ChatRefusal(this, model);

    /// <summary><c>n</c>: how many choices to answer with (1-128).</summary>
    public int N { get; init; } = 1;

    /// <summary>The seed of the answer: <see cref="ContentSeed"/> of the body, with <see cref="ContentSeed.OpenAiPurpose"/>.</summary>
    public int ContentSeed { get; init; }

    /// <summary>
    /// Reads <paramref name="body"/>; false when it is not JSON. Otherwise <paramref name="invalid"/> is the 400 to
    /// send, or null and <paramref name="request"/> is set.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="scenarioSeed">The scenario's seed, for <see cref="ContentSeed"/>.</param>
    /// <param name="defaultModel">The model when the body names none (Azure's deployment); null: <c>model</c> is required.</param>
    /// <param name="request">The request, when acceptable.</param>
    /// <param name="invalid">The refusal, when not.</param>
    /// <param name="autoToolCalls">Call a tool when the request leaves the choice to the model (<c>tool_calls: auto</c>).</param>
    public static bool TryRead(ReadOnlySpan<byte> body, int scenarioSeed, string? defaultModel, out ChatRequest? request, out OpenAiError? invalid,
        bool autoToolCalls = false)
    {
        request = null;
        invalid = null;
        Fields fields;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read()) return false;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                if (reader.Read()) return false; // a second root value (the reader throws for one first)
                invalid = new OpenAiError("Invalid type for request body: expected an object.", OpenAiError.InvalidRequest, null, "invalid_type");
                return true;
            }
            fields = ReadFields(ref reader, body, scenarioSeed);
            if (reader.Read()) return false; // text after the root object (the reader throws for it first)
        }
        catch (JsonException)
        {
            return false;
        }

        invalid = Check(ref fields, defaultModel);
        if (invalid is not null) return true;
        request = new ChatRequest(fields.Model!, fields.MaxCompletionTokens ?? fields.MaxTokens ?? int.MaxValue, fields.Stream,
            fields.IncludeUsage, fields.PromptChars, fields.Stop ?? [])
        {
            ForcedTool = fields.ToolsEnd == 0 ? null
                : fields.ToolChoiceEnd > 0 ? ForcedToolOf(body[fields.ToolsStart..fields.ToolsEnd], body[fields.ToolChoiceStart..fields.ToolChoiceEnd], autoToolCalls && !fields.EndsWithToolResult)
                : autoToolCalls && !fields.EndsWithToolResult ? ForcedToolOf(body[fields.ToolsStart..fields.ToolsEnd], "\"auto\""u8, modelMayCall: true)
                : null,
            // A tool_choice object names the function; "required" and "auto" are strings.
            NamedToolChoice = fields.ToolChoiceEnd > 0 && body[fields.ToolChoiceStart] == (byte)'{',
            Format = fields.FormatEnd > 0 ? StructuredFormat.Of(body[fields.FormatStart..fields.FormatEnd]) : null,
            ReasoningEffort = fields.ReasoningEffort,
            N = fields.N ?? 1,
            MaxTokensField = fields.MaxCompletionTokens is not null ? "max_completion_tokens" : fields.MaxTokens is not null ? "max_tokens" : null,
            SetsLegacyMaxTokens = fields.MaxTokens is not null,
            Temperature = fields.Temperature,
            IncludeObfuscation = !fields.NoObfuscation,
            TopLogprobs = fields.Logprobs ? fields.TopLogprobs ?? 0 : null,
            ContentSeed = fields.Seed,
        };
        return true;
    }

    // What one pass over the body found; checked afterwards in the real API's order.
    private struct Fields
    {
        public string? Model;
        public JsonTokenType MessagesToken;
        public int MessageCount;
        public int FirstMessageWithoutRole;
        public bool EndsWithToolResult;
        public long PromptChars;
        public int? MaxCompletionTokens, MaxTokens;
        public OpenAiError? MaxCompletionTokensError, MaxTokensError, StreamError, NError;
        public int? N, TopLogprobs;
        public bool Logprobs;
        public OpenAiError? LogprobsError;
        public bool Stream, IncludeUsage, NoObfuscation;
        public List<string>? Stop;
        public string? ReasoningEffort;
        public double? Temperature;
        public int ToolsStart, ToolsEnd, ToolChoiceStart, ToolChoiceEnd, FormatStart, FormatEnd;
        public int Seed;
    }

    private static Fields ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int scenarioSeed)
    {
        var fields = new Fields { MessagesToken = JsonTokenType.None, FirstMessageWithoutRole = -1 };
        var seed = Content.ContentSeed.Start(scenarioSeed, Content.ContentSeed.OpenAiPurpose);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            var delivery = Content.ContentSeed.IsDeliveryField(ref reader);
            var field = FieldOf(ref reader);
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            // Each reader below starts on the value and leaves the reader on its last token. A field sent twice: the
            // later one wins, as JsonDocument's lookups gave.
            switch (field)
            {
                case Field.Model:
                    fields.Model = reader.TokenType != JsonTokenType.String ? null
                        // A run asks for a handful of models: the pool gives each call the same string, not one of its own.
                        : reader.ValueIsEscaped ? reader.GetString() : StringPool.Shared.GetOrAdd(reader.ValueSpan, Encoding.UTF8);
                    reader.Skip();
                    break;
                case Field.Messages:
                    ReadMessages(ref reader, ref fields);
                    break;
                case Field.MaxCompletionTokens:
                    fields.MaxCompletionTokensError = ReadOptionalInt(ref reader, "max_completion_tokens", out fields.MaxCompletionTokens);
                    break;
                case Field.MaxTokens:
                    fields.MaxTokensError = ReadOptionalInt(ref reader, "max_tokens", out fields.MaxTokens);
                    break;
                case Field.Stream:
                    fields.StreamError = ReadOptionalBool(ref reader, "stream", out fields.Stream);
                    break;
                case Field.StreamOptions:
                    (fields.IncludeUsage, fields.NoObfuscation) = ReadStreamOptions(ref reader);
                    break;
                case Field.Stop:
                    fields.Stop = ReadStop(ref reader);
                    break;
                case Field.Tools:
                    reader.Skip();
                    (fields.ToolsStart, fields.ToolsEnd) = (valueStart, (int)reader.BytesConsumed);
                    break;
                case Field.ToolChoice:
                    reader.Skip();
                    (fields.ToolChoiceStart, fields.ToolChoiceEnd) = (valueStart, (int)reader.BytesConsumed);
                    break;
                case Field.ReasoningEffort:
                    fields.ReasoningEffort = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                    break;
                case Field.N:
                    fields.NError = ReadOptionalInt(ref reader, "n", out fields.N) ?? (fields.N > MaxChoices ? OpenAiFields.AboveMaximum("n", fields.N.Value, MaxChoices) : null);
                    break;
                case Field.Logprobs:
                    fields.LogprobsError = ReadOptionalBool(ref reader, "logprobs", out fields.Logprobs);
                    break;
                case Field.TopLogprobs:
                    fields.LogprobsError ??= ReadTopLogprobs(ref reader, out fields.TopLogprobs);
                    break;
                case Field.Temperature:
                    fields.Temperature = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var temperature) ? temperature : null;
                    reader.Skip();
                    break;
                case Field.ResponseFormat:
                    reader.Skip();
                    (fields.FormatStart, fields.FormatEnd) = (valueStart, (int)reader.BytesConsumed);
                    break;
                default:
                    reader.Skip();
                    break;
            }
            if (!delivery) Content.ContentSeed.AddField(ref seed, name, body[valueStart..(int)reader.BytesConsumed]);
        }
        fields.Seed = seed.FinishInt();
        return fields;
    }

    private enum Field { Other, Model, Messages, MaxCompletionTokens, MaxTokens, Stream, StreamOptions, Stop, Tools, ToolChoice, ResponseFormat, ReasoningEffort, N, Logprobs, TopLogprobs, Temperature }

    private static Field FieldOf(ref readonly Utf8JsonReader reader) =>
        reader.ValueTextEquals("model"u8) ? Field.Model
        : reader.ValueTextEquals("messages"u8) ? Field.Messages
        : reader.ValueTextEquals("max_completion_tokens"u8) ? Field.MaxCompletionTokens
        : reader.ValueTextEquals("max_tokens"u8) ? Field.MaxTokens
        : reader.ValueTextEquals("stream"u8) ? Field.Stream
        : reader.ValueTextEquals("stream_options"u8) ? Field.StreamOptions
        : reader.ValueTextEquals("stop"u8) ? Field.Stop
        : reader.ValueTextEquals("tools"u8) ? Field.Tools
        : reader.ValueTextEquals("tool_choice"u8) ? Field.ToolChoice
        : reader.ValueTextEquals("response_format"u8) ? Field.ResponseFormat
        : reader.ValueTextEquals("reasoning_effort"u8) ? Field.ReasoningEffort
        : reader.ValueTextEquals("n"u8) ? Field.N
        : reader.ValueTextEquals("logprobs"u8) ? Field.Logprobs
        : reader.ValueTextEquals("top_logprobs"u8) ? Field.TopLogprobs
        : reader.ValueTextEquals("temperature"u8) ? Field.Temperature
        : Field.Other;

    // The most choices the API answers with.
    private const int MaxChoices = 128;

    // top_logprobs: 0-20 (null: not set).
    private static OpenAiError? ReadTopLogprobs(ref Utf8JsonReader reader, out int? value)
    {
        value = null;
        var type = reader.TokenType;
        reader.Skip();
        if (type == JsonTokenType.Null) return null;
        if (type != JsonTokenType.Number || !reader.TryGetInt32(out var number)) return OpenAiFields.InvalidType("top_logprobs", "an integer");
        if (OpenAiFields.TopLogprobsRange(number) is { } outOfRange) return outOfRange;
        value = number;
        return null;
    }

    private static OpenAiError? Check(ref Fields fields, string? defaultModel)
    {
        // Azure serves the deployment in the URL: a body's model, empty or absent (the JS SDK sends ""), is not read.
        if (defaultModel is not null) fields.Model = defaultModel;
        if (fields.Model is not { Length: > 0 }) return OpenAiFields.MissingModel();
        switch (fields.MessagesToken)
        {
            case JsonTokenType.None:
                return OpenAiFields.Missing("messages");
            case not JsonTokenType.StartArray:
                return OpenAiFields.InvalidType("messages", "an array");
        }
        if (fields.MessageCount == 0)
            return new OpenAiError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                OpenAiError.InvalidRequest, "messages", "empty_array");
        if (fields.FirstMessageWithoutRole >= 0) return OpenAiFields.Missing($"messages[{fields.FirstMessageWithoutRole}].role");
        if ((fields.MaxCompletionTokensError ?? fields.MaxTokensError ?? fields.StreamError ?? fields.NError ?? fields.LogprobsError) is { } error) return error;
        if (fields.IncludeUsage && !fields.Stream)
            return new OpenAiError("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                OpenAiError.InvalidRequest, "stream_options", null);
        return null;
    }

    // Counts the messages, notes the first without a string role, and adds up the characters of their content.
    private static void ReadMessages(ref Utf8JsonReader reader, ref Fields fields)
    {
        fields.MessagesToken = reader.TokenType;
        fields.MessageCount = 0;
        fields.FirstMessageWithoutRole = -1;
        fields.PromptChars = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = fields.MessageCount++;
            var hasRole = false;
            long chars = 0;
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("role"u8))
                    {
                        reader.Read();
                        hasRole = reader.TokenType == JsonTokenType.String;
                        fields.EndsWithToolResult = hasRole && reader.ValueTextEquals("tool"u8);
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("content"u8))
                    {
                        reader.Read();
                        chars = TextLength(ref reader);
                    }
                    else
                    {
                        reader.Skip(); // on a property name, skips its value
                    }
                }
            }
            else
            {
                reader.Skip();
            }
            if (!hasRole && fields.FirstMessageWithoutRole < 0) fields.FirstMessageWithoutRole = index;
            fields.PromptChars += chars;
        }
    }

    /// <summary>
    /// Characters of text in the value the reader is on: a string, or the <c>text</c> fields of content parts
    /// (recursively), as <see cref="OpenAiFields.TextLength"/> counts them; leaves the reader on the value's last token.
    /// </summary>
    internal static long TextLength(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return StringLength(ref reader);
            case JsonTokenType.StartArray:
                long total = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) total += TextLength(ref reader);
                return total;
            case JsonTokenType.StartObject:
                long text = 0, content = 0, parts = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("text"u8))
                    {
                        reader.Read();
                        text = reader.TokenType == JsonTokenType.String ? StringLength(ref reader) : 0;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("content"u8))
                    {
                        reader.Read();
                        content = TextLength(ref reader);
                    }
                    else if (reader.ValueTextEquals("parts"u8))
                    {
                        reader.Read();
                        parts = TextLength(ref reader);
                    }
                    else
                    {
                        reader.Skip(); // on a property name, skips its value
                    }
                }
                return text + content + parts;
            default:
                reader.Skip();
                return 0;
        }
    }

    // The string's length in UTF-16 characters, from its raw UTF-8 when it has no escapes (no copy of the prompt).
    private static int StringLength(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);

    private static OpenAiError? ReadOptionalInt(ref Utf8JsonReader reader, string name, out int? value)
    {
        value = null;
        var type = reader.TokenType;
        reader.Skip();
        if (type == JsonTokenType.Null) return null;
        if (type != JsonTokenType.Number || !reader.TryGetInt32(out var number)) return OpenAiFields.InvalidType(name, "an integer");
        if (number < 1) return OpenAiFields.BelowMinimum(name, number);
        value = number;
        return null;
    }

    private static OpenAiError? ReadOptionalBool(ref Utf8JsonReader reader, string name, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        var type = reader.TokenType;
        reader.Skip();
        return type is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null ? null : OpenAiFields.InvalidType(name, "a boolean");
    }

    // stream_options: include_usage, and include_obfuscation set to false.
    private static (bool IncludeUsage, bool NoObfuscation) ReadStreamOptions(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (false, false);
        }
        var (includeUsage, noObfuscation) = (false, false);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            var isObfuscation = reader.ValueTextEquals("include_obfuscation"u8);
            reader.Read();
            if (isIncludeUsage) includeUsage = reader.TokenType == JsonTokenType.True;
            if (isObfuscation) noObfuscation = reader.TokenType == JsonTokenType.False;
            reader.Skip();
        }
        return (includeUsage, noObfuscation);
    }

    private static List<string> ReadStop(ref Utf8JsonReader reader)
    {
        var stop = new List<string>();
        if (reader.TokenType == JsonTokenType.String) stop.Add(reader.GetString()!);
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.String) stop.Add(reader.GetString()!);
                else reader.Skip();
            }
        }
        else reader.Skip();
        return stop;
    }

    // Only calls that define tools and force one (or, with tool_calls: auto, may call one) get here, so the two fields
    // are parsed as documents.
    // The tool the answer calls: the one tool_choice forces (a named function, or the first for "required"), or when
    // the model may call one (tool_choice absent or "auto", tool_calls: auto, the last message not a tool result) the first.
    private static (string Name, string Schema)? ForcedToolOf(ReadOnlySpan<byte> toolsJson, ReadOnlySpan<byte> choiceJson, bool modelMayCall)
    {
        using var toolsDocument = JsonDocument.Parse(toolsJson.ToArray());
        using var choiceDocument = JsonDocument.Parse(choiceJson.ToArray());
        var tools = toolsDocument.RootElement;
        var choice = choiceDocument.RootElement;
        if (tools.ValueKind != JsonValueKind.Array) return null;
        string? wanted = null;
        if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("function"u8, out var f) && f.TryGetProperty("name"u8, out var n))
            wanted = n.GetString();
        else if (!(choice.ValueKind == JsonValueKind.String && (choice.ValueEquals("required"u8) || (modelMayCall && choice.ValueEquals("auto"u8)))))
            return null;
        foreach (var tool in tools.EnumerateArray())
        {
            if (!tool.TryGetProperty("function"u8, out var function) || !function.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String)
                continue;
            if (wanted is not null && name.GetString() != wanted) continue;
            var schema = function.TryGetProperty("parameters"u8, out var p) ? p.GetRawText() : "{\"type\":\"object\"}";
            return (name.GetString()!, schema);
        }
        return null;
    }
}
