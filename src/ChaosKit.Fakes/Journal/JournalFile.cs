using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using ChaosKit.Fakes.Hosting;

namespace ChaosKit.Fakes.Journal;

/// <summary>
/// Streams every <see cref="CallRecord"/> to a JSON Lines file (<c>journal.jsonl</c> in the run folder), one object
/// per call. Calls pass through a fixed-size buffer to one background writer, so memory stays bounded however long
/// the run and a slow disk never holds up an answer: when the buffer is full, calls are counted as dropped and the
/// count is written as the file's last line. The disk use is bounded too: at half its limit the file rotates (see
/// <see cref="JournalLimits"/>). A failed write (a full disk) stops the journal, never the fakes: the file keeps its
/// complete lines, and the calls after are counted as lost (<see cref="JournalSummary"/>).
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
    private readonly string _path;
    private readonly long _limitBytes;
    private readonly long _segmentBytesLimit;
    private readonly Func<string, Stream> _open;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _writing;
    private List<CallRecord> _pending = [];
    private bool _closed;
    private long _dropped;
    private long _late;
    private int _disposed;

    // The writer's own state, read by others only once it has finished.
    private Stream? _file;
    private long _segmentBytes;
    private long _segmentLines;
    private long _olderLines;
    private long _rotatedOut;
    private long _lost;
    private IOException? _failure;

    private JournalFile(string path, long limitBytes, int capacity, Func<string, Stream> open)
    {
        _path = path;
        _limitBytes = limitBytes;
        _segmentBytesLimit = limitBytes / 2;
        _capacity = capacity;
        _open = open;
        _file = open(path);
        _writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and starts writing to it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="limitBytes">The most the file and its rotated predecessor hold together; at least <see cref="JournalLimits.MinimumBytes"/>.</param>
    /// <param name="capacity">Calls the buffer holds before new ones are dropped (tests make it small).</param>
    /// <param name="open">Opens a file for writing, replacing it; tests pass a stream that fails as a full disk does.</param>
    public static JournalFile Create(
        string path, long limitBytes = JournalLimits.DefaultBytes, int capacity = Capacity, Func<string, Stream>? open = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, JournalLimits.MinimumBytes);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        // A rotated file left by an earlier run in the same folder is not this run's.
        File.Delete(JournalLimits.RotatedPath(path));
        return new JournalFile(path, limitBytes, capacity, open ?? OpenFile);
    }

    // Unbuffered: the writer hands over 64 KB at a time, and nothing is left in a buffer to fail when the file closes.
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0, useAsync: true);

    /// <summary>Calls dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Calls that came after the file closed, not written and not in the <see cref="JournalSummary"/>.</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>What the file holds and what it could not; complete once <see cref="DisposeAsync"/> has returned.</summary>
    public JournalSummary Summary => new(_path, _limitBytes)
    {
        Kept = _segmentLines + _olderLines,
        RotatedOut = _rotatedOut,
        Dropped = Dropped,
        Lost = _lost,
        Failure = _failure?.Message,
        DiskFull = _failure is not null && JournalLimits.IsDiskFull(_failure),
    };

    /// <summary>Queues <paramref name="call"/> for the file; never waits on the disk.</summary>
    public void Append(CallRecord call)
    {
        bool closed;
        lock (_gate)
        {
            if (!_closed && _pending.Count < _capacity)
            {
                _pending.Add(call);
                return;
            }
            closed = _closed;
        }
        if (closed) Interlocked.Increment(ref _late);
        else Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes what is buffered and closes the file. Never throws for the disk: a failure is in <see cref="Summary"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _closing.CancelAsync();
        await _writing;
        _closing.Dispose();
    }

    private async Task WriteAllAsync()
    {
        var pending = new ArrayBufferWriter<byte>(FlushBytes * 2);
        List<CallRecord> spare = [];
        while (true)
        {
            // Read before the swap: once closing, the batch taken is the last, and later calls count as late.
            var closing = _closing.IsCancellationRequested;
            List<CallRecord> batch;
            lock (_gate)
            {
                (batch, _pending) = (_pending, spare);
                _closed = closing;
            }
            await WriteBatchAsync(batch, pending);
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
            await WriteAsync(pending.WrittenMemory, lines: 0);
        }
        await CloseFileAsync();
    }

    // Writes the batch in chunks of about FlushBytes; the line that would take the file past half the limit starts
    // the next file instead.
    private async Task WriteBatchAsync(List<CallRecord> batch, ArrayBufferWriter<byte> pending)
    {
        var next = 0;
        while (next < batch.Count && _failure is null)
        {
            var first = next;
            var rotateAt = -1;
            while (next < batch.Count && pending.WrittenCount < FlushBytes)
            {
                var before = pending.WrittenCount;
                WriteLine(pending, CollectionsMarshal.AsSpan(batch)[next++]);
                if (_segmentBytes + pending.WrittenCount > _segmentBytesLimit && _segmentBytes + before > 0)
                {
                    rotateAt = before;
                    break;
                }
            }
            var lines = next - first;
            if (rotateAt < 0)
            {
                await WriteAsync(pending.WrittenMemory, lines);
            }
            else
            {
                await WriteAsync(pending.WrittenMemory[..rotateAt], lines - 1);
                await RotateAsync();
                await WriteAsync(pending.WrittenMemory[rotateAt..], 1);
            }
            pending.ResetWrittenCount();
        }
        _lost += batch.Count - next;
    }

    // Writes `bytes`, which hold `lines` whole lines, to the current file; once writing has failed, counts them as lost.
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, long lines)
    {
        if (_failure is not null || _file is null)
        {
            _lost += lines;
            return;
        }
        try
        {
            await _file.WriteAsync(bytes);
            _segmentBytes += bytes.Length;
            _segmentLines += lines;
        }
        catch (IOException e)
        {
            _lost += lines;
            await FailAsync(e);
        }
    }

    // journal.jsonl becomes journal.1.jsonl (its lines replace the older ones) and a new journal.jsonl starts.
    private async ValueTask RotateAsync()
    {
        if (_failure is not null || _file is null) return;
        try
        {
            await _file.DisposeAsync();
            _file = null;
            File.Move(_path, JournalLimits.RotatedPath(_path), overwrite: true);
            _rotatedOut += _olderLines;
            _olderLines = _segmentLines;
            (_segmentLines, _segmentBytes) = (0, 0);
            _file = _open(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await FailAsync(e as IOException ?? new IOException(e.Message, e));
        }
    }

    // Stops the journal after a failed write: cuts the file back to its last complete line, so every line a reader
    // finds is whole, and closes it.
    private async ValueTask FailAsync(IOException error)
    {
        _failure = error;
        if (_file is null) return;
        try
        {
            _file.SetLength(_segmentBytes);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            // The stream cannot be cut; its last line may be partial.
        }
        await CloseFileAsync();
    }

    private async ValueTask CloseFileAsync()
    {
        if (_file is not { } file) return;
        _file = null;
        try
        {
            await file.DisposeAsync();
        }
        catch (IOException e)
        {
            _failure ??= e;
        }
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
