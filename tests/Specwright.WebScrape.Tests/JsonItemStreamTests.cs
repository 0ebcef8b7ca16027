using System.Text;
using System.Text.Json;
using Specwright.Core.Errors;
using Specwright.Core.Serialization;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

public class JsonItemStreamTests
{
    private const string Path = "data.result.pages.*.items";

    private static JsonItemStream<JsonElement> Items() => new(Path, WebScrapeJsonContext.Default.JsonElement);

    private static async Task<List<string>> ReadAllAsync(JsonItemStream<JsonElement> items, string json, int chunk)
    {
        var seen = new List<string>();
        await foreach (var item in items.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(json), chunk))) seen.Add(item.GetRawText());
        return seen;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Yields_every_item_of_every_page_in_order_whatever_the_read_sizes(int chunk)
    {
        var json = """
            {"status":"completed","data":{"result":{"pages":[{"items":[{"name":"A","tags":["x",{"items":[9]}]},{"name":"B"}]},{"items":[]},{"items":[3,"four",null]}],"mode":"replay"},
             "items":[{"not":"these"}],"run_status":"completed"},"request_id":"r"}
            """;
        string? status = null;

        var seen = await ReadAllAsync(Items().Watch("data.run_status", v => status = v), json, chunk);

        Assert.Equal(["""{"name":"A","tags":["x",{"items":[9]}]}""", """{"name":"B"}""", "3", "\"four\"", "null"], seen);
        Assert.Equal("completed", status);
    }

    [Fact]
    public async Task An_item_bigger_than_the_read_buffer_is_read_whole()
    {
        var big = new string('x', 100_000);
        var json = """{"data":{"result":{"pages":[{"items":[{"text":"BIG"},{"text":"small"}]}]}}}""".Replace("BIG", big);
        var seen = await ReadAllAsync(Items(), json, 8192);

        Assert.Equal(2, seen.Count);
        Assert.Equal(100_000, JsonDocument.Parse(seen[0]).RootElement.GetProperty("text").GetString()!.Length);
    }

    [Theory]
    [InlineData("""{"data":{"result":{"pages":[{"items":[{"a":1},""")]
    [InlineData("""{"data":{"result":{"pages":[{"items":[{"a":1}]}]}""")]
    [InlineData("""{"data":{"result":{"pages":[{"items":[{"a":1}}]}]}}""")]
    public async Task A_cut_off_or_broken_document_throws(string json)
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(Items(), json, 5));
    }

    [Fact]
    public async Task A_run_is_streamed_from_the_api_and_its_status_checked()
    {
        var run = ClientFactory.Run("completed", extra: ""","result":{"pages":[{"items":[{"name":"A","price":"$1"}]},{"items":[{"name":"B","price":"$2"}]}]}""");
        var http = new FakeHttp().ThenJson(200, run).ThenJson(200, ClientFactory.Run("running"))
            .ThenJson(404, """{"status":"error","error":{"code":"not_found","message":"run not found"},"request_id":"r404"}""");
        using var client = ClientFactory.Create(http);

        var names = new List<string>();
        await foreach (var item in client.SmartBrowse.ReadRunItemsAsync("k7Xb9dRmQ2p")) names.Add(item.GetProperty("name").GetString()!);
        var running = await Assert.ThrowsAsync<InvalidOperationException>(async () => { await foreach (var _ in client.SmartBrowse.ReadRunItemsAsync("k7Xb9dRmQ2p")) { } });
        var missing = await Assert.ThrowsAsync<NotFoundException>(async () => { await foreach (var _ in client.SmartBrowse.ReadRunItemsAsync("nope")) { } });

        Assert.Equal(["A", "B"], names);
        Assert.Equal("https://api.webscrape.ai/v1/smartbrowse/runs/k7Xb9dRmQ2p", http.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(ClientFactory.Key, http.Requests[0].Headers["X-API-Key"]);
        Assert.Contains("is running", running.Message);
        Assert.Equal("r404", missing.RequestId);
    }

    [Fact]
    public async Task A_broken_body_is_a_response_format_error_and_a_blank_run_id_is_refused_before_sending()
    {
        var http = new FakeHttp().ThenJson(200, """{"status":"completed","data":{"result":{"pages":[{"items":[{"a":""");
        using var client = ClientFactory.Create(http);

        await Assert.ThrowsAsync<ResponseFormatException>(async () => { await foreach (var _ in client.SmartBrowse.ReadRunItemsAsync("k7Xb9dRmQ2p")) { } });
        await Assert.ThrowsAsync<ArgumentException>(async () => { await foreach (var _ in client.SmartBrowse.ReadRunItemsAsync(" ")) { } });
        Assert.Single(http.Requests);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
