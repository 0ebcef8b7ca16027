using System.Net;
using System.Text;
using Specwright.Core.Http;
using Specwright.TestSupport;
using Specwright.Core.Internal;

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

    [Fact]
    public async Task A_key_in_a_cookie_is_sent_as_that_cookie()
    {
        var http = new FakeHttp().ThenJson(200, "{}");
        using var invoker = new HttpMessageInvoker(new ApiKeyHandler("Cookie", "session=", "k_123", new Uri("https://api.test.example/"), "no key") { InnerHandler = http });

        await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.test.example/x"), CancellationToken.None);

        Assert.Equal("session=k_123", http.Requests.Single().Headers["Cookie"]);
    }
}

/// <summary>A model sent as a form: OpenAPI's form style, exploded, under the wire names.</summary>
public sealed class FormContentTests
{
    [Fact]
    public async Task A_form_body_is_url_encoded_fields_by_wire_name_arrays_repeated_objects_bracketed_and_unset_ones_left_out()
    {
        var http = new FakeHttp().ThenJson(201, """{"id":"t1"}""");
        using var service = TestService.Create(http);

        await service.CreateThingFormAsync(new Form("+1 555 0100", 0.5m, true, ["sent", "delivered"], new() { ["k"] = "v&w" }, null));

        var sent = http.Requests.Single();
        Assert.Equal("application/x-www-form-urlencoded", sent.ContentType);
        Assert.Equal("To=%2B1+555+0100&MaxPrice=0.5&SendAsMms=true&StatusCallbackEvent=sent&StatusCallbackEvent=delivered&Meta%5Bk%5D=v%26w", sent.Body);
    }
}

/// <summary>Picking a server: a variable is the caller's value or the spec's default, an enum refuses others, a typo is named.</summary>
public sealed class ServerVariableTests
{
    [Fact]
    public void A_server_variable_is_given_or_defaulted_and_checked_against_its_enum()
    {
        var given = new Dictionary<string, string> { ["region"] = "eu" };
        Assert.Equal("eu", Checks.ServerVariable(given, "region", "us", ["us", "eu"]));
        Assert.Equal("8108", Checks.ServerVariable(given, "port", "8108", null));
        var refused = Assert.Throws<ArgumentException>(() => Checks.ServerVariable(new Dictionary<string, string> { ["region"] = "mars" }, "region", "us", ["us", "eu"]));
        Assert.Contains("'region' must be one of us, eu; got 'mars'", refused.Message);
        var typo = Assert.Throws<ArgumentException>(() => Checks.ServerVariables(new Dictionary<string, string> { ["regoin"] = "eu" }, ["region", "port"]));
        Assert.Contains("'regoin' is not one of this server's (region, port)", typo.Message);
    }
}
