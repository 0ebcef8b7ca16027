using System.Net;
using System.Text;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>A JSON Lines answer: each line typed as it arrives, read once; a bad line and a cut-off body are typed errors.</summary>
public sealed class JsonLinesStreamTests
{
    private static FakeHttp Answering(HttpContent content) => new FakeHttp().Then(_ =>
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-ndjson");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    });

    [Fact]
    public async Task Each_line_is_a_typed_value_read_once_and_the_accept_header_names_the_media_type()
    {
        var http = Answering(new StringContent("{\"id\":\"t1\"}\n{\"id\":\"t2\"}\r\n\n{\"id\":\"t3\"}", Encoding.UTF8));
        using var service = TestService.Create(http);

        using var lines = (await service.ExportAsync<Thing>()).Value;
        var seen = new List<string>();
        await foreach (var thing in lines) seen.Add(thing.Id);

        Assert.Equal(["t1", "t2", "t3"], seen);
        Assert.Equal("application/x-ndjson", http.Requests.Single().Headers["Accept"]);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in lines) { } });
    }

    [Fact]
    public async Task A_line_that_is_not_the_documented_JSON_is_a_ResponseFormatException_after_the_good_ones()
    {
        using var service = TestService.Create(Answering(new StringContent("{\"id\":\"t1\"}\nnot json\n", Encoding.UTF8)));
        using var lines = (await service.ExportAsync<Thing>()).Value;
        var seen = new List<string>();
        var e = await Assert.ThrowsAsync<ResponseFormatException>(async () => { await foreach (var thing in lines) seen.Add(thing.Id); });
        Assert.Equal(["t1"], seen);
        Assert.Equal("getThing", e.OperationId);
    }

    [Fact]
    public async Task A_body_cut_off_mid_line_is_a_TransportException()
    {
        using var service = TestService.Create(Answering(new StreamContent(new CutOffStream("{\"id\":\"t1\"}\n{\"id\":"u8.ToArray()))));
        using var lines = (await service.ExportAsync<Thing>()).Value;
        var seen = new List<string>();
        await Assert.ThrowsAsync<TransportException>(async () => { await foreach (var thing in lines) seen.Add(thing.Id); });
        Assert.Equal(["t1"], seen);
    }

    /// <summary>Gives its bytes, then fails as a dropped connection does.</summary>
    private sealed class CutOffStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("connection reset");

        public override int Read(byte[] buffer, int offset, int count) =>
            Position < Length ? base.Read(buffer, offset, count) : throw new IOException("connection reset");
    }
}
