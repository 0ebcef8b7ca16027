using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Sandbox.Hosting;
using Specwright.Core.Internal;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// The sandbox reads a request body as the media type it was sent as and checks it against that media type's schema: forms and
/// multipart uploads as the object their schema describes (fields typed, repeated fields an array, files by name), bytes by
/// their media type alone; a media type the operation does not take is named.
/// </summary>
public sealed class RequestBodyValidationTests
{
    private static readonly JsonObject Spec = JsonNode.Parse("""
        {"paths":{
          "/seeds":{"post":{"operationId":"upload","requestBody":{"required":true,"content":{"multipart/form-data":{"schema":{
            "type":"object","required":["file"],"properties":{"file":{"type":"string","format":"binary"},"priority":{"type":"integer","maximum":5},
            "meta":{"type":"object","properties":{"depth":{"type":"integer"}}}}}}}}}},
          "/tags":{"post":{"operationId":"tag","requestBody":{"required":true,"content":{"application/x-www-form-urlencoded":{"schema":{
            "type":"object","required":["tag"],"properties":{"tag":{"type":"array","items":{"type":"string","pattern":"^[a-z]+$"}},"urgent":{"type":"boolean"}}}}}}}},
          "/picture":{"put":{"operationId":"picture","requestBody":{"required":true,"content":{"image/*":{"schema":{"type":"string","format":"binary"}}}}}}}}
        """)!.AsObject();

    private static readonly OperationInfo Upload = new("upload") { Method = "POST", Path = "/seeds", Body = new OperationBody(true) { MediaTypes = ["multipart/form-data"] } };
    private static readonly OperationInfo Tag = new("tag") { Method = "POST", Path = "/tags", Body = new OperationBody(true) { MediaTypes = ["application/x-www-form-urlencoded"] } };
    private static readonly OperationInfo Picture = new("picture") { Method = "PUT", Path = "/picture", Body = new OperationBody(true) { MediaTypes = ["image/*"] } };

    [Fact]
    public async Task A_multipart_upload_is_read_as_its_fields_and_files_and_checked_against_its_schema()
    {
        var form = new MultipartFormDataContent();
        MultipartParts.AddFile(form, "file", new MemoryStream("https://a.example\n"u8.ToArray()), "seeds.txt", "text/plain");
        MultipartParts.AddText(form, "priority", "2");
        MultipartParts.AddText(form, "meta[depth]", "3");
        var (body, issues) = await CheckAsync(Upload, form);
        Assert.Empty(issues);
        Assert.Equal("""{"priority":2,"meta":{"depth":3},"file":"seeds.txt"}""", body!.ToJsonString());

        var wrong = new MultipartFormDataContent();
        MultipartParts.AddText(wrong, "priority", "9");
        MultipartParts.AddText(wrong, "meta[depth]", "deep");
        (_, issues) = await CheckAsync(Upload, wrong);
        Assert.Equal(["file is required", "meta.depth: expected integer, got string", "priority: must be <= 5 (got 9)"], issues.Select(i => i.ToString()).Order());
    }

    [Fact]
    public async Task A_form_post_is_read_with_repeated_fields_as_an_array_either_spelling()
    {
        var (body, issues) = await CheckAsync(Tag, new StringContent("tag=seo&tag=weekly&urgent=true", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Empty(issues);
        Assert.Equal("""{"tag":["seo","weekly"],"urgent":true}""", body!.ToJsonString());

        (_, issues) = await CheckAsync(Tag, new StringContent("tag%5B%5D=seo&tag%5B%5D=SEO!&urgent=maybe", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(["tag[1]: must match the pattern ^[a-z]+$", "urgent: expected boolean, got string"], issues.Select(i => i.ToString()).Order());
    }

    [Fact]
    public async Task Bytes_are_taken_as_a_media_type_the_operation_covers_and_any_other_is_named()
    {
        var (_, issues) = await CheckAsync(Picture, Bytes([1, 2, 3], "image/png"));
        Assert.Empty(issues);
        (_, issues) = await CheckAsync(Picture, Bytes([1], "text/plain"));
        Assert.Equal("request body is text/plain; this operation takes image/*", Assert.Single(issues).ToString());
        (_, issues) = await CheckAsync(Tag, new StringContent("""{"tag":["seo"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal("request body is application/json; this operation takes application/x-www-form-urlencoded", Assert.Single(issues).ToString());
        (_, issues) = await CheckAsync(Picture, Bytes([], "image/png"));
        Assert.Equal("request body is required: send image/*", Assert.Single(issues).ToString());
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static async Task<(JsonNode? Body, List<ValidationIssue> Issues)> CheckAsync(OperationInfo operation, HttpContent content)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = operation.Method;
        http.Request.ContentType = content.Headers.ContentType!.ToString();
        http.Request.Body = new MemoryStream(await content.ReadAsByteArrayAsync());
        return await new RequestValidator(Spec, 1 << 20).CheckAsync(http, operation, new Dictionary<string, string>());
    }
}
