using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Streams every <see cref="CallRecord"/> to a JSON Lines file (<c>journal.jsonl</c> in the run folder), one object
/// per call. Calls pass through a fixed-size buffer to one background writer, so memory stays bounded however long
/// the run and a slow disk never holds up an answer: when the buffer is full, calls are counted as dropped and the
/// count is written as the file's last line.
/// </summary>
/// <remarks>
/// The buffer is a list behind a lock that the writer swaps for an empty one every <see cref="GatherInterval"/>:
/// one lock per call and one per batch. A bounded <c>Channel</c> would take its lock again for every call the writer
/// reads, on the other core, while the fake's threads add more.
/// </remarks>
internal sealed class JournalFile : IAsyncDisposable
{
    /// <summary>Calls the buffer holds before new ones are dropped.</summary>
    public const int Capacity = 65_536;

    private const int FlushBytes = 64 * 1024;
    private static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly int _capacity;
    private readonly FileStream _file;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writing;
    private List<CallRecord> _pending = [];
    private bool _closed;
    private long _dropped;

    private JournalFile(FileStream file, int capacity)
    {
        _file = file;
        _capacity = capacity;
        _writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and starts writing to it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="capacity">Calls the buffer holds before new ones are dropped (tests make it small).</param>
    public static JournalFile Create(string path, int capacity = Capacity)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        return new JournalFile(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 4096, useAsync: true), capacity);
    }

    /// <summary>Calls dropped because the buffer was full (or came after the file closed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="call"/> for the file; never waits on the disk.</summary>
    public void Append(CallRecord call)
    {
        lock (_gate)
        {
            if (!_closed && _pending.Count < _capacity)
            {
                _pending.Add(call);
                return;
            }
        }
        Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes what is buffered and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _writing;
        await _file.DisposeAsync();
        _closing.Dispose();
    }

    private async Task WriteAllAsync()
    {
        var pending = new ArrayBufferWriter<byte>(FlushBytes * 2);
        List<CallRecord> spare = [];
        while (true)
        {
            // Read before the swap: once closing, the batch taken is the last, and later calls count as dropped.
            var closing = _closing.IsCancellationRequested;
            List<CallRecord> batch;
            lock (_gate)
            {
                (batch, _pending) = (_pending, spare);
                _closed = closing;
            }
            for (var next = 0; next < batch.Count;)
            {
                next = Format(batch, next, pending);
                await FlushAsync(pending);
            }
            batch.Clear();
            spare = batch;
            if (closing) break;
            // Calls come by the thousand a second under load: gather them for a moment instead of waking this loop
            // (a thread-pool dispatch) for each one.
            try
            {
                await Task.Delay(GatherInterval, _closing.Token);
            }
            catch (OperationCanceledException)
            {
                // Closing: one more round takes what is left.
            }
        }
        if (Dropped > 0)
        {
            var json = new JsonAppender(pending);
            json.Raw("{\"dropped\":"u8);
            json.Number(Dropped);
            json.Raw("}\n"u8);
            json.Commit();
        }
        await FlushAsync(pending);
    }

    // Formats calls from index `from` until about FlushBytes are pending; returns the next index.
    private static int Format(List<CallRecord> batch, int from, ArrayBufferWriter<byte> pending)
    {
        var calls = CollectionsMarshal.AsSpan(batch);
        var next = from;
        while (next < calls.Length && pending.WrittenCount < FlushBytes) WriteLine(pending, calls[next++]);
        return next;
    }

    private async Task FlushAsync(ArrayBufferWriter<byte> pending)
    {
        if (pending.WrittenCount == 0) return;
        await _file.WriteAsync(pending.WrittenMemory);
        await _file.FlushAsync();
        pending.ResetWrittenCount();
    }

    // Appended as fixed runs and values (see JsonAppender): a line per call, on the writer thread, where
    // Utf8JsonWriter was the largest cost the journal added to a call.
    internal static void WriteLine(IBufferWriter<byte> pending, in CallRecord call)
    {
        var json = new JsonAppender(pending, 1024);
        json.Raw("{\"provider\":"u8);
        json.String(call.Provider);
        json.Raw(",\"route\":"u8);
        json.String(call.Route);
        json.Raw(",\"model\":"u8);
        json.String(call.Model);
        json.Raw(",\"streaming\":"u8);
        json.Boolean(call.Streaming);
        json.Raw(",\"key_id\":"u8);
        json.String(call.KeyId);
        json.Raw(",\"status\":"u8);
        json.Number(call.Status);
        json.Raw(",\"fault\":"u8);
        json.String(call.Fault);
        json.Raw(",\"phase\":"u8);
        json.NumberOrNull(call.Phase);
        // Offsets from the run start in milliseconds; null for calls before the run clock started.
        var received = call.Arrival == TimeSpan.MinValue ? (TimeSpan?)null : call.Arrival;
        json.Raw(",\"received_ms\":"u8);
        WriteMs(ref json, received);
        json.Raw(",\"first_token_ms\":"u8);
        WriteMs(ref json, received + call.FirstToken);
        json.Raw(",\"end_ms\":"u8);
        WriteMs(ref json, received + call.Duration);
        json.Raw(",\"duration_ms\":"u8);
        WriteMs(ref json, call.Duration);
        json.Raw(",\"tokens_in\":"u8);
        json.NumberOrNull(call.InputTokens);
        json.Raw(",\"tokens_out\":"u8);
        json.NumberOrNull(call.OutputTokens);
        json.Raw(",\"retry_count\":"u8);
        json.NumberOrNull(call.RetryCount);
        json.Raw(",\"correlation_id\":"u8);
        json.String(call.CorrelationId);
        json.Raw(",\"early_retry\":"u8);
        json.Boolean(call.IsEarlyRetry);
        json.Raw(",\"early_by_ms\":"u8);
        WriteMs(ref json, call.EarlyBy);
        json.Raw("}\n"u8);
        json.Commit();
    }

    // Milliseconds to the microsecond, e.g. 12.5 or 1043.217; null when there is no value. Written from whole
    // microseconds: formatting a double is far slower, and every call's line carries several of these.
    private static void WriteMs(ref JsonAppender json, TimeSpan? value)
    {
        if (value is not { } v)
        {
            json.Raw("null"u8);
            return;
        }
        var text = json.Reserve(32);
        var micros = (long)Math.Round(v.Ticks / (double)TimeSpan.TicksPerMicrosecond, MidpointRounding.AwayFromZero);
        var length = 0;
        if (micros < 0) text[length++] = (byte)'-';
        var magnitude = (ulong)Math.Abs(micros);
        Utf8Formatter.TryFormat(magnitude / 1000, text[length..], out var written);
        length += written;
        var fraction = (int)(magnitude % 1000);
        if (fraction != 0)
        {
            text[length++] = (byte)'.';
            text[length++] = (byte)('0' + fraction / 100);
            text[length++] = (byte)('0' + fraction / 10 % 10);
            text[length++] = (byte)('0' + fraction % 10);
            while (text[length - 1] == (byte)'0') length--;
        }
        json.Advance(length);
    }
}
