using System.Net;
using System.Text;
using Specwright.Core.Http;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>Binary responses come back unread, as a stream with their metadata; error statuses still decode to typed errors; basic auth encodes.</summary>
public sealed class StreamedContentTests
{
    [Fact]
    public async Task A_download_is_a_stream_with_its_content_type_length_and_file_name()
    {
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        var http = new FakeHttp().Then(_ =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileName = "\"cat.png\"" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        using var service = TestService.Create(http);

        var response = await service.DownloadThingAsync("t1");
        await using var file = response.Value;
        var copy = new MemoryStream();
        await file.CopyToAsync(copy);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(70_000, file.ContentLength);
        Assert.Equal("cat.png", file.FileName);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("*/*", http.Requests.Single().Headers["Accept"]);
    }

    [Fact]
    public async Task A_download_that_fails_throws_the_services_error_and_holds_no_stream()
    {
        var http = new FakeHttp().ThenJson(404, """{"error": {"code": "not_found", "message": "no such thing"}}""");
        using var service = TestService.Create(http);

        var e = await Assert.ThrowsAnyAsync<Errors.ApiException>(() => service.DownloadThingAsync("nope"));
        Assert.Equal(404, e.StatusCode);
    }

    [Fact]
    public async Task Basic_auth_sends_user_and_password_base64_encoded_and_never_shows_them()
    {
        var http = new FakeHttp().ThenJson(200, "{}");
        using var invoker = new HttpMessageInvoker(new ApiKeyHandler("Authorization", "Basic", "AC123:s3cret", new Uri("https://api.test.example/"),
            "no key") { InnerHandler = http });

        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.test.example/x"), CancellationToken.None);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:s3cret")), http.Requests.Single().Headers["Authorization"]);
        Assert.DoesNotContain("s3cret", invoker.ToString() + new ApiKeyHandler("Authorization", "Basic", "AC123:s3cret", new Uri("https://x/"), "no key"));
    }
}
