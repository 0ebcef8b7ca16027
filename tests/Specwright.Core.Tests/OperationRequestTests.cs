using System.Text.Json;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>The raw call of any operation by id (<c>IOperationClient.SendOperationAsync</c>): built from the operation's facts, sent through the same pipeline.</summary>
public sealed class OperationRequestTests
{
    [Fact]
    public async Task Arguments_go_where_the_spec_puts_them_and_the_body_comes_back_as_sent()
    {
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http);
        var r = await service.SendOperationAsync("getThing", new Dictionary<string, string> { ["id"] = "a/b c", ["fields"] = "id,name", ["X-Trace"] = "t-1" });
        Assert.Equal("t1", r.Value.GetProperty("id").GetString());
        var sent = Assert.Single(http.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.EndsWith("/things/a%2Fb%20c?fields=id%2Cname", sent.Uri.PathAndQuery);
        Assert.Equal("t-1", sent.Headers["X-Trace"]);
        Assert.Equal(TestService.Key, sent.Headers["X-API-Key"]);
    }

    [Fact]
    public async Task A_json_body_is_sent_and_an_error_is_the_same_typed_exception()
    {
        var http = new FakeHttp().ThenJson(400, TestService.ErrorBody);
        using var service = TestService.Create(http);
        using var body = JsonDocument.Parse("""{"id":"new"}""");
        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.SendOperationAsync("createThing", body: body.RootElement));
        Assert.Equal(("x", "r"), (e.ErrorCode, e.RequestId));
        Assert.Equal("""{"id":"new"}""", Assert.Single(http.Requests).Body);
    }

    [Fact]
    public async Task An_operation_that_answers_events_asks_for_them_and_gets_the_body_unread()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent("event: made\ndata: {\"id\":\"t1\"}\n\n", System.Text.Encoding.UTF8, "text/event-stream"),
        });
        using var service = TestService.Create(http);
        using var content = (await service.SendOperationForContentAsync("watchThings")).Value;
        using var reader = new StreamReader(content.Stream);

        Assert.Equal("event: made\ndata: {\"id\":\"t1\"}\n\n", await reader.ReadToEndAsync());
        Assert.StartsWith("text/event-stream", content.ContentType);
        Assert.Equal("text/event-stream", Assert.Single(http.Requests).Headers["Accept"]);
    }

    [Theory]
    [InlineData("nope", null, false, "Test has no operation 'nope'; it has getThing, createThing, watchThings.")]
    [InlineData("getThing", null, false, "getThing needs 'id'.")]
    [InlineData("getThing", "colour", false, "getThing has no parameter 'colour'; it takes id, fields, X-Trace.")]
    [InlineData("getThing", "", true, "getThing takes no request body.")]
    [InlineData("createThing", null, false, "createThing needs a JSON request body.")]
    public async Task Bad_calls_are_refused_before_sending_naming_what_is_wrong(string operation, string? extra, bool withBody, string message)
    {
        var http = new FakeHttp();
        using var service = TestService.Create(http);
        var arguments = new Dictionary<string, string>();
        if (extra is { Length: > 0 }) arguments[extra] = "1";
        if (extra == "") arguments["id"] = "t1";
        using var body = JsonDocument.Parse("{}");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => service.SendOperationAsync(operation, arguments, withBody ? body.RootElement : null));
        Assert.StartsWith(message, e.Message);
        Assert.Empty(http.Requests);
    }
}
