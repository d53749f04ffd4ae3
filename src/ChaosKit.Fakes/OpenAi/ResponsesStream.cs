using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A streamed Responses API answer (docs/providers.md#openai-responses-streaming): <c>event:</c> + <c>data:</c> pairs
/// whose data repeats the type and carries an increasing <c>sequence_number</c>, from <c>response.created</c> to
/// <c>response.completed</c> (or <c>response.incomplete</c>), with no <c>[DONE]</c>. A text answer streams
/// <c>response.output_text.delta</c> events inside a content part; a forced function call streams
/// <c>response.function_call_arguments.delta</c> events (no content part) that add up to its arguments. A reasoning
/// model's reasoning item comes first, its summary (when asked for) streamed in a summary part as
/// <c>response.reasoning_summary_text.delta</c> events.
/// </summary>
internal sealed class ResponsesStream : IStreamScript
{
    private readonly ResponseObject _response;
    private readonly TokenPieces _pieces;
    private readonly bool _tool;
    private readonly TokenPieces _summary;
    private readonly int _summaryTokens;
    // A reasoning model's reasoning item comes first: its output_item.added and .done events shift the rest by two,
    // and a summary's part.added, deltas, text.done and part.done by as many more.
    private readonly int _shift;
    private readonly ulong? _obfuscation;
    private int _sequence;

    /// <summary>Streams <paramref name="response"/>.</summary>
    public ResponsesStream(ResponseObject response)
    {
        _response = response;
        _pieces = new TokenPieces(response.Answer.Text, response.Answer.OutputTokens);
        _tool = response.Answer.Tool is not null;
        if (response.ReasoningSummary is { } summary)
        {
            _summary = new TokenPieces(summary.Text, summary.OutputTokens);
            _summaryTokens = summary.OutputTokens;
        }
        _shift = response.ReasoningItemId is null ? 0 : 2 + (response.ReasoningSummary is null ? 0 : _summary.Count + 3);
        _obfuscation = response.Request.IncludeObfuscation ? Obfuscation.SeedOf(response.Id) : null;
    }

    // The first summary delta: after created, in_progress, the reasoning item's output_item.added and the part's added.
    private const int FirstSummaryDelta = 4;

    // Text: created, in_progress, (the reasoning item's two events,) output_item.added, content_part.added; a function
    // call has no content part.
    private int Leading => (_tool ? 3 : 4) + _shift;

    // Text: output_text.done, content_part.done, output_item.done, completed; a function call: arguments.done, item done, completed.
    private int Trailing => _tool ? 3 : 4;

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    public int Count => Leading + _pieces.Count + Trailing;

    /// <inheritdoc />
    public int TotalTokens => _summaryTokens + _response.Answer.OutputTokens;

    /// <inheritdoc />
    // The reasoning beyond its summary.
    public int HiddenTokens => _response.ReasoningTokens - _summaryTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => index < Leading
        ? _summary.TokensAt(index, FirstSummaryDelta, _summaryTokens)
        : _pieces.TokensAt(index, Leading, _response.Answer.OutputTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        _sequence = index;
        var final = _response.FinalStatus;
        switch (index)
        {
            case 0:
                Event(output, "response.created", json => WriteResponse(json, "in_progress"));
                return;
            case 1:
                Event(output, "response.in_progress", json => WriteResponse(json, "in_progress"));
                return;
            case 2 when _shift > 0:
                Event(output, "response.output_item.added", json =>
                {
                    json.WriteNumber("output_index"u8, 0);
                    json.WritePropertyName("item"u8);
                    _response.WriteReasoningItem(json, done: false);
                });
                return;
        }
        if (_shift > 0 && index == 1 + _shift)
        {
            Event(output, "response.output_item.done", json =>
            {
                json.WriteNumber("output_index"u8, 0);
                json.WritePropertyName("item"u8);
                _response.WriteReasoningItem(json);
            });
            return;
        }
        if (_shift > 2 && index < 1 + _shift)
        {
            WriteSummaryEvent(index - FirstSummaryDelta, output);
            return;
        }
        if (index == 2 + _shift)
        {
            Event(output, "response.output_item.added", json =>
            {
                json.WriteNumber("output_index"u8, _response.AnswerIndex);
                json.WritePropertyName("item"u8);
                _response.WriteItem(json, "in_progress");
            });
            return;
        }
        if (index == Count - 1)
        {
            Event(output, final == "completed" ? "response.completed" : "response.incomplete", json => WriteResponse(json, final));
            return;
        }
        if (index == Count - 2)
        {
            Event(output, "response.output_item.done", json =>
            {
                json.WriteNumber("output_index"u8, _response.AnswerIndex);
                json.WritePropertyName("item"u8);
                _response.WriteItem(json, final);
            });
            return;
        }
        if (_tool) WriteToolEvent(index - Leading, output);
        else WriteTextEvent(index - Leading, output);
    }

    private void WriteTextEvent(int piece, IBufferWriter<byte> output)
    {
        if (piece == -1) Event(output, "response.content_part.added", json =>
        {
            Position(json, content: true);
            json.WritePropertyName("part"u8);
            ResponseObject.WriteTextPart(json, "");
        });
        else if (piece < _pieces.Count)
        {
            var delta = _pieces[piece];
            Event(output, "response.output_text.delta", json =>
            {
                Position(json, content: true);
                json.WriteString("delta"u8, delta);
                ResponseObject.WriteLogprobs(json, _response.Logprobs?.One(piece));
                Obfuscate(json);
            });
        }
        else if (piece == _pieces.Count) Event(output, "response.output_text.done", json =>
        {
            Position(json, content: true);
            json.WriteString("text"u8, _response.Answer.Text);
            ResponseObject.WriteLogprobs(json, _response.Logprobs?.All());
        });
        else Event(output, "response.content_part.done", json =>
        {
            Position(json, content: true);
            json.WritePropertyName("part"u8);
            ResponseObject.WriteTextPart(json, _response.Answer.Text, _response.Logprobs?.All());
        });
    }

    // piece -1: the summary part's added; 0 to Count - 1: deltas; then text.done and part.done.
    private void WriteSummaryEvent(int piece, IBufferWriter<byte> output)
    {
        var text = _response.ReasoningSummary!.Text;
        if (piece == -1) Event(output, "response.reasoning_summary_part.added", json =>
        {
            SummaryPosition(json);
            json.WritePropertyName("part"u8);
            ResponseObject.WriteSummaryPart(json, "");
        });
        else if (piece < _summary.Count)
        {
            var delta = _summary[piece];
            Event(output, "response.reasoning_summary_text.delta", json =>
            {
                SummaryPosition(json);
                json.WriteString("delta"u8, delta);
                Obfuscate(json);
            });
        }
        else if (piece == _summary.Count) Event(output, "response.reasoning_summary_text.done", json =>
        {
            SummaryPosition(json);
            json.WriteString("text"u8, text);
        });
        else Event(output, "response.reasoning_summary_part.done", json =>
        {
            SummaryPosition(json);
            json.WritePropertyName("part"u8);
            ResponseObject.WriteSummaryPart(json, text);
        });
    }

    // Deltas end with padding (docs/providers.md#openai-obfuscation), seeded by the event's place in the stream.
    private void Obfuscate(Utf8JsonWriter json)
    {
        if (_obfuscation is { } seed) Obfuscation.Write(json, seed, _sequence);
    }

    private void SummaryPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id"u8, _response.ReasoningItemId);
        json.WriteNumber("output_index"u8, 0);
        json.WriteNumber("summary_index"u8, 0);
    }

    private void WriteToolEvent(int piece, IBufferWriter<byte> output)
    {
        if (piece < _pieces.Count)
        {
            var delta = _pieces[piece];
            Event(output, "response.function_call_arguments.delta", json =>
            {
                Position(json, content: false);
                json.WriteString("delta"u8, delta);
                Obfuscate(json);
            });
        }
        else Event(output, "response.function_call_arguments.done", json =>
        {
            Position(json, content: false);
            json.WriteString("arguments"u8, _response.Answer.Text);
        });
    }

    /// <inheritdoc />
    // The top-level error event: type, sequence_number, code, message, param.
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        var body = OpenAiError.For(error, _response.Model, "", responsesApi: true);
        _sequence++;
        Event(output, "error", json =>
        {
            json.WriteString("code"u8, body.Code ?? "server_error");
            json.WriteString("message"u8, body.Message);
            json.WriteNull("param"u8);
        });
    }

    private void WriteResponse(Utf8JsonWriter json, string status)
    {
        json.WritePropertyName("response"u8);
        _response.Write(json, status);
    }

    private void Position(Utf8JsonWriter json, bool content)
    {
        json.WriteString("item_id"u8, _response.ItemId);
        json.WriteNumber("output_index"u8, _response.AnswerIndex);
        if (content) json.WriteNumber("content_index"u8, 0);
    }

    private void Event(IBufferWriter<byte> output, string type, Action<Utf8JsonWriter> body) =>
        Sse.Event(output, type, (type, _sequence, body), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("type"u8, s.type);
            json.WriteNumber("sequence_number"u8, s._sequence);
            s.body(json);
            json.WriteEndObject();
        });
}
