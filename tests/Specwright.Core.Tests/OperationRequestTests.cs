using System.Text.Json;
using Specwright.Core.Http;
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
    [InlineData("nope", null, false, "Test has no operation 'nope'; it has getThing, createThing, watchThings, tagThing, attachThing, listThings, setPicture.")]
    [InlineData("getThing", null, false, "getThing needs 'id'.")]
    [InlineData("getThing", "colour", false, "getThing has no parameter 'colour'; it takes id, fields, X-Trace.")]
    [InlineData("getThing", "", true, "getThing takes no request body.")]
    [InlineData("createThing", null, false, "createThing needs a request body (application/json).")]
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

    [Fact]
    public async Task A_parameter_outside_the_specs_bounds_is_refused_before_sending()
    {
        var http = new FakeHttp().ThenJson(200, "[]");
        using var service = TestService.Create(http);

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => service.SendOperationAsync("listThings", new Dictionary<string, string> { ["limit"] = "500" }));
        Assert.Equal("'limit' must be 1 to 100, got 500.", e.Message.Split(" (Parameter")[0]);
        Assert.Equal("limit", e.ParamName);
        Assert.Empty(http.Requests);

        await service.SendOperationAsync("listThings", new Dictionary<string, string> { ["limit"] = "100" });
        Assert.EndsWith("/things?limit=100", Assert.Single(http.Requests).Uri.PathAndQuery);
    }

    [Theory]
    [InlineData("integer", null, "7", null)]
    [InlineData("integer", null, "7.5", "'p' must be a whole number, got '7.5'.")]
    [InlineData("number", null, "7.5", null)]
    [InlineData("number", null, "seven", "'p' must be a number, got 'seven'.")]
    [InlineData("boolean", null, "yes", "'p' must be true or false, got 'yes'.")]
    [InlineData("integer", "min 1 max 10", "11", "'p' must be 1 to 10, got 11.")]
    [InlineData("integer", "min 1 exclusive", "1", "'p' must be more than 1, got 1.")]
    [InlineData("integer", "min 1 exclusive", "2", null)]
    [InlineData("string", "enum", "b", null)]
    [InlineData("string", "enum", "c", "'p' must be one of a, b; got 'c'.")]
    [InlineData("string", "length", "abcd", "'p' must be 1 to 3 characters long, got 4.")]
    [InlineData("string", "pattern", "AC12", null)]
    [InlineData("string", "pattern", "XY12", "'p' must match ^AC[0-9]+$, got 'XY12'.")]
    public void A_value_is_checked_against_the_parameters_type_and_constraints(string type, string? constraints, string value, string? error)
    {
        var parameter = new OperationParameter("p", ParameterLocation.Query, false, type)
        {
            Constraints = constraints switch
            {
                "min 1 max 10" => new() { Minimum = 1, Maximum = 10 },
                "min 1 exclusive" => new() { Minimum = 1, ExclusiveMinimum = true },
                "enum" => new() { Enum = ["a", "b"] },
                "length" => new() { MinLength = 1, MaxLength = 3 },
                "pattern" => new() { Pattern = "^AC[0-9]+$" },
                _ => null,
            },
        };

        var thrown = Record.Exception(() => parameter.Check(value));

        Assert.Equal(error, thrown?.Message.Split(" (Parameter")[0]);
        if (thrown is not null) Assert.IsAssignableFrom<ArgumentException>(thrown);
    }

    [Fact]
    public async Task A_form_goes_as_its_fields_and_json_for_a_form_only_operation_goes_as_form_fields_too()
    {
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http);
        await service.SendOperationAsync("tagThing", null, OperationContent.Form([new("tag", "a"), new("tag", "b"), new("note", "x y&z")]));
        using var json = JsonDocument.Parse("""{"tag":["a","b"],"meta":{"k":"v"},"unset":null,"n":2}""");
        await service.SendOperationAsync("tagThing", body: json.RootElement);

        Assert.Equal(["tag=a&tag=b&note=x+y%26z", "tag=a&tag=b&meta%5Bk%5D=v&n=2"], http.Requests.Select(r => r.Body));
        Assert.All(http.Requests, r => Assert.Equal("application/x-www-form-urlencoded", r.ContentType));
    }

    [Fact]
    public async Task A_multipart_body_sends_its_fields_and_streams_its_files_with_quoted_names()
    {
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http);
        using var file = new MemoryStream("a,b\n1,2\n"u8.ToArray());
        await service.SendOperationAsync("attachThing", null,
            OperationContent.Multipart([new("label", "Q3"), new("label", "raw")], [new FilePart("file", file, "données.csv", "text/csv")]));

        var sent = Assert.Single(http.Requests);
        Assert.StartsWith("multipart/form-data; boundary=", sent.ContentType);
        Assert.Equal(2, sent.Body!.Split("name=\"label\"").Length - 1);
        Assert.Contains("Content-Type: text/csv", sent.Body);
        Assert.Contains("name=\"file\"; filename=\"donn_es.csv\"; filename*=utf-8''donn%C3%A9es.csv", sent.Body);
        Assert.Contains("a,b\n1,2\n", sent.Body);
    }

    [Fact]
    public async Task Bytes_stream_as_the_operation_s_own_media_type_or_one_it_covers()
    {
        var http = new FakeHttp().ThenJson(200, TestService.ThingJson).ThenJson(200, TestService.ThingJson);
        using var service = TestService.Create(http);
        await service.SendOperationAsync("setPicture", null, OperationContent.Stream(new MemoryStream([1, 2, 3])));
        await service.SendOperationAsync("setPicture", null, OperationContent.Stream(new MemoryStream([4]), "image/png"));

        Assert.Equal(["application/octet-stream", "image/png"], http.Requests.Select(r => r.ContentType));
    }

    [Theory]
    [InlineData("setPicture", "text", "setPicture takes a body as image/*; not text/csv.")]
    [InlineData("createThing", "multipart", "createThing takes a body as application/json; not multipart/form-data.")]
    [InlineData("tagThing", "json-array", "A form body must be an object with fields; the body is JSON Array.")]
    [InlineData("setPicture", "json", "setPicture takes a body as image/*; not JSON.")]
    public async Task A_body_the_operation_does_not_take_is_refused_naming_what_it_takes(string operation, string kind, string message)
    {
        var http = new FakeHttp();
        using var service = TestService.Create(http);
        using var array = JsonDocument.Parse("[1]");
        var content = kind switch
        {
            "text" => OperationContent.Stream(new MemoryStream(), "text/csv"),
            "multipart" => OperationContent.Multipart([new("a", "b")]),
            "json-array" => OperationContent.Json(array.RootElement),
            _ => OperationContent.Json(array.RootElement),
        };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => service.SendOperationAsync(operation, null, content));
        Assert.StartsWith(message, e.Message);
        Assert.Empty(http.Requests);
    }
}
