using System.Net;
using System.Text;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>A text/event-stream answer: typed events as they arrive, read once; bad data and a cut-off stream are typed errors.</summary>
public sealed class ServerSentEventStreamTests
{
    private static FakeHttp Answering(HttpContent content) => new FakeHttp().Then(_ =>
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    });

    private static FakeHttp Answering(string events) => Answering(new StringContent(events, Encoding.UTF8));

    [Fact]
    public async Task Events_are_typed_with_their_type_and_id_and_DONE_ends_them()
    {
        var http = Answering("event: created\nid: 7\ndata: {\"id\":\"t1\"}\n\n: a comment\ndata: {\"id\":\"t2\"}\n\ndata: [DONE]\n\ndata: {\"id\":\"t3\"}\n\n");
        using var service = TestService.Create(http);

        using var events = (await service.WatchAsync<Thing>()).Value;
        var seen = new List<string>();
        await foreach (var item in events) seen.Add($"{item.EventType} {item.EventId} {item.Data.Id}");

        Assert.Equal(["created 7 t1", "message  t2"], seen);
        Assert.Equal("text/event-stream", http.Requests.Single().Headers["Accept"]);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in events) { } });
    }

    [Fact]
    public async Task An_event_that_is_not_the_documented_JSON_is_a_ResponseFormatException_naming_the_operation()
    {
        using var service = TestService.Create(Answering("data: {\"id\":\"t1\"}\n\ndata: not json\n\n"));

        var (seen, e) = await ReadUntilItThrows<ResponseFormatException>(service);

        Assert.Equal(["t1"], seen);
        Assert.Equal("getThing", e.OperationId);
    }

    [Fact]
    public async Task String_events_are_their_data_as_sent_and_the_connection_closes_when_the_reading_ends()
    {
        var body = new WatchedStream("data: fed\n\ndata: line one\ndata: line two\n\n"u8.ToArray());
        using var service = TestService.Create(Answering(new StreamContent(body)));

        var events = (await service.WatchAsync<string>()).Value; // not disposed by the caller
        var seen = new List<string>();
        await foreach (var item in events) seen.Add(item.Data);

        Assert.Equal(["fed", "line one\nline two"], seen);
        Assert.True(body.Disposed);
    }

    [Fact]
    public async Task A_stream_cut_off_midway_is_a_TransportException_after_the_events_that_arrived()
    {
        using var service = TestService.Create(Answering(new StreamContent(new CutOffStream("data: {\"id\":\"t1\"}\n\ndata: {\"id\":"u8.ToArray()))));

        var (seen, e) = await ReadUntilItThrows<TransportException>(service);

        Assert.Equal(["t1"], seen);
        Assert.Contains("the event stream was cut off", e.Message);
    }

    [Fact]
    public async Task Reading_ends_with_the_callers_token()
    {
        using var cts = new CancellationTokenSource();
        using var service = TestService.Create(Answering(new StreamContent(new EndlessEvents())));

        using var events = (await service.WatchAsync<Thing>()).Value;
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in events.WithCancellation(cts.Token))
                if (++count == 3) cts.Cancel();
        });
        Assert.Equal(3, count);
    }

    /// <summary>Reads a stream of things until it throws: the ids that arrived before, and the error.</summary>
    private static async Task<(List<string> Seen, T Error)> ReadUntilItThrows<T>(TestService service) where T : Exception
    {
        using var events = (await service.WatchAsync<Thing>()).Value;
        var seen = new List<string>();
        var e = await Assert.ThrowsAsync<T>(async () => { await foreach (var item in events) seen.Add(item.Data.Id); });
        return (seen, e);
    }

    /// <summary>Says whether it was disposed.</summary>
    private sealed class WatchedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>Gives its bytes, then fails as a dropped connection does.</summary>
    private sealed class CutOffStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset by peer");

        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("connection reset by peer");
    }

    /// <summary>An event after every read, for ever.</summary>
    private sealed class EndlessEvents : Stream
    {
        private static readonly byte[] Event = "data: {\"id\":\"t\"}\n\n"u8.ToArray();
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, Event.Length);
            Array.Copy(Event, 0, buffer, offset, n);
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
