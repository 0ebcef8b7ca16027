using System.Net;
using System.Text;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>A text answer (text/plain, text/csv, XML) is the body as a string in its charset; an error is typed as any other.</summary>
public sealed class TextAnswerTests
{
    [Fact]
    public async Task A_text_answer_is_read_as_sent_in_its_charset_and_asked_for_by_its_media_type()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Encoding.Latin1.GetBytes("café\nnot { json"))
            {
                Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "iso-8859-1" } },
            },
        });
        using var service = TestService.Create(http);

        var text = await service.ReadTextAsync();

        Assert.Equal("café\nnot { json", text.Value);
        Assert.Equal("text/plain", http.Requests.Single().Headers["Accept"]);
    }

    [Fact]
    public async Task An_error_status_is_the_service_s_typed_exception_not_text()
    {
        using var service = TestService.Create(new FakeHttp().ThenJson(400, TestService.ErrorBody));
        var e = await Assert.ThrowsAsync<TestServiceException>(() => service.ReadTextAsync());
        Assert.Equal("x", e.ErrorCode);
    }
}
