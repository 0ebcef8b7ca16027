using System.Net;
using System.Text;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

public sealed class SpecErrorDecoderTests
{
    private sealed class TestException(ApiErrorInfo error) : ApiException(error);

    private static ApiException Decode(ErrorShape shape, int status, string body, string contentType = "application/json", string? requestIdHeader = null)
    {
        var decoder = new SpecErrorDecoder(shape, e => new TestException(e), (s, message) => s == 404 ? "not_found" : message?.Contains("quota") == true ? "quota" : null);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (requestIdHeader is not null) response.Headers.Add("X-Request-ID", requestIdHeader);
        return decoder.Decode(new ResponseContext("op", response, Encoding.UTF8.GetBytes(body), TimeProvider.System));
    }

    private static readonly ErrorShape Nested = new()
    {
        Code = ["error", "type"], Message = ["error", "message"], Details = ["error", "details"], RequestId = ["request_id"],
    };

    [Fact]
    public void Reads_code_message_details_and_request_id_where_the_shape_says()
    {
        var e = Decode(Nested, 409, """{"request_id":"r-1","error":{"type":"conflict","message":"Busy","details":{"retry":true}}}""", requestIdHeader: "h-1");

        Assert.Equal(409, e.StatusCode);
        Assert.Equal("conflict", e.ErrorCode);
        Assert.Equal("Busy", e.ErrorMessage);
        Assert.Equal("r-1", e.RequestId);
        Assert.True(e.Details!.Value.GetProperty("retry").GetBoolean());
        Assert.Null(e.ResponseBody);
    }

    [Fact]
    public void A_string_where_the_error_object_should_be_is_the_message()
    {
        var e = Decode(Nested, 401, """{"error":"Invalid API key"}""", requestIdHeader: "h-2");

        Assert.Equal("Invalid API key", e.ErrorMessage);
        Assert.Null(e.ErrorCode);
        Assert.Equal("h-2", e.RequestId);
    }

    [Fact]
    public void A_body_without_a_code_gets_the_one_the_spec_gives_its_status_or_message()
    {
        var shape = new ErrorShape { Message = ["detail"] };
        Assert.Equal("not_found", Decode(shape, 404, """{"detail":"Job not found"}""").ErrorCode);
        Assert.Equal("quota", Decode(shape, 429, """{"detail":"Monthly quota reached"}""").ErrorCode);
    }

    [Fact]
    public void A_page_that_is_not_json_keeps_an_excerpt_and_is_typed_by_status()
    {
        var e = Decode(Nested, 404, "<html><body>Bad gateway</body></html>", "text/html");

        Assert.Equal("not_found", e.ErrorCode);
        Assert.Null(e.ErrorMessage);
        Assert.Contains("Bad gateway", e.ResponseBody);
    }
}
