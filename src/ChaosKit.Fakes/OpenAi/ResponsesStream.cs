using System.Buffers;
using System.Text.Json;
using ChaosKit.Fakes.Content;
using ChaosKit.Fakes.Faults;
using ChaosKit.Fakes.Streaming;

namespace ChaosKit.Fakes.OpenAi;

/// <summary>
/// A streamed Responses API answer (PROVIDERS.md §1.3): <c>event:</c> + <c>data:</c> pairs whose data repeats the
/// type and carries an increasing <c>sequence_number</c>, from <c>response.created</c> to
/// <c>response.completed</c> (or <c>response.incomplete</c>), with no <c>[DONE]</c>.
/// </summary>
internal sealed class ResponsesStream : IStreamScript
{
    private const int Leading = 4; // created, in_progress, output_item.added, content_part.added
    private const int Trailing = 4; // output_text.done, content_part.done, output_item.done, completed

    private readonly ResponseObject _response;
    private readonly TokenPieces _pieces;
    private int _sequence;

    /// <summary>Streams <paramref name="response"/>.</summary>
    public ResponsesStream(ResponseObject response)
    {
        _response = response;
        _pieces = new TokenPieces(response.Answer.Text);
    }

    /// <inheritdoc />
    public string ContentType => Sse.EventStream;

    /// <inheritdoc />
    public int Count => Leading + _pieces.Count + Trailing;

    /// <inheritdoc />
    public int TotalTokens => _response.Answer.OutputTokens;

    /// <inheritdoc />
    public int TokensAt(int index) => _pieces.TokensAt(index, Leading, TotalTokens);

    /// <inheritdoc />
    public void Write(int index, IBufferWriter<byte> output)
    {
        _sequence = index;
        var piece = index - Leading;
        var final = _response.FinalStatus;
        switch (index)
        {
            case 0:
                Event(output, "response.created", json => WriteResponse(json, "in_progress"));
                return;
            case 1:
                Event(output, "response.in_progress", json => WriteResponse(json, "in_progress"));
                return;
            case 2:
                Event(output, "response.output_item.added", json =>
                {
                    json.WriteNumber("output_index", 0);
                    json.WritePropertyName("item");
                    _response.WriteMessage(json, "in_progress");
                });
                return;
            case 3:
                Event(output, "response.content_part.added", json =>
                {
                    Position(json);
                    json.WritePropertyName("part");
                    ResponseObject.WriteTextPart(json, "");
                });
                return;
        }
        if (piece < _pieces.Count)
        {
            var delta = _pieces[piece];
            Event(output, "response.output_text.delta", json =>
            {
                Position(json);
                json.WriteString("delta", delta);
                json.WriteStartArray("logprobs");
                json.WriteEndArray();
            });
        }
        else if (piece == _pieces.Count) Event(output, "response.output_text.done", json =>
        {
            Position(json);
            json.WriteString("text", _response.Answer.Text);
            json.WriteStartArray("logprobs");
            json.WriteEndArray();
        });
        else if (piece == _pieces.Count + 1) Event(output, "response.content_part.done", json =>
        {
            Position(json);
            json.WritePropertyName("part");
            ResponseObject.WriteTextPart(json, _response.Answer.Text);
        });
        else if (piece == _pieces.Count + 2) Event(output, "response.output_item.done", json =>
        {
            json.WriteNumber("output_index", 0);
            json.WritePropertyName("item");
            _response.WriteMessage(json, final);
        });
        else Event(output, final == "completed" ? "response.completed" : "response.incomplete", json => WriteResponse(json, final));
    }

    /// <inheritdoc />
    // The top-level error event: type, sequence_number, code, message, param.
    public void WriteError(ErrorReply error, IBufferWriter<byte> output)
    {
        var body = OpenAiError.For(error, _response.Model, "", responsesApi: true);
        _sequence++;
        Event(output, "error", json =>
        {
            json.WriteString("code", body.Code ?? "server_error");
            json.WriteString("message", body.Message);
            json.WriteNull("param");
        });
    }

    private void WriteResponse(Utf8JsonWriter json, string status)
    {
        json.WritePropertyName("response");
        _response.Write(json, status);
    }

    private void Position(Utf8JsonWriter json)
    {
        json.WriteString("item_id", _response.MessageId);
        json.WriteNumber("output_index", 0);
        json.WriteNumber("content_index", 0);
    }

    private void Event(IBufferWriter<byte> output, string type, Action<Utf8JsonWriter> body) =>
        Sse.Event(output, type, (type, _sequence, body), static (json, s) =>
        {
            json.WriteStartObject();
            json.WriteString("type", s.type);
            json.WriteNumber("sequence_number", s._sequence);
            s.body(json);
            json.WriteEndObject();
        });
}
