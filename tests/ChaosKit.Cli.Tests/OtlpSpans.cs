using System.Text;

namespace ChaosKit.Cli.Tests;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> body, by the field numbers of OpenTelemetry's
/// trace.proto: just enough protobuf to check which trace each span joined.
/// </summary>
internal static class OtlpSpans
{
    public sealed record Span(string Scope, string Name, string TraceId, string ParentSpanId);

    public static IEnumerable<Span> Read(byte[] body)
    {
        foreach (var resourceSpans in FieldsOf(body, 1)) // ExportTraceServiceRequest.resource_spans
        {
            foreach (var scopeSpans in FieldsOf(resourceSpans, 2)) // ResourceSpans.scope_spans
            {
                var scope = FieldsOf(scopeSpans, 1).Select(s => Text(FieldsOf(s, 1).FirstOrDefault())).FirstOrDefault() ?? ""; // InstrumentationScope.name
                foreach (var span in FieldsOf(scopeSpans, 2)) // ScopeSpans.spans
                {
                    yield return new Span(
                        scope,
                        Text(FieldsOf(span, 5).FirstOrDefault()), // Span.name
                        Convert.ToHexStringLower(FieldsOf(span, 1).FirstOrDefault().Span), // Span.trace_id
                        Convert.ToHexStringLower(FieldsOf(span, 4).FirstOrDefault().Span)); // Span.parent_span_id
                }
            }
        }
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>The payloads of the length-delimited fields numbered <paramref name="field"/> in one message.</summary>
    private static List<ReadOnlyMemory<byte>> FieldsOf(ReadOnlyMemory<byte> message, int field)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message.Span, ref at);
            var (number, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0: Varint(message.Span, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message.Span, ref at);
                    if (number == field) found.Add(message.Slice(at, length));
                    at += length;
                    break;
                default: throw new InvalidDataException($"wire type {wireType} at byte {at}");
            }
        }
        return found;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("varint longer than 10 bytes");
    }
}
