using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Specwright.Sandbox.Faults;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// The sandbox's injected faults, one outcome each: a <c>status</c> fault answers exactly its status in the service's
/// error shape, <c>truncate</c> is a 200 whose body stops short, <c>html</c> is a proxy's page without the API's headers.
/// Raw HTTP (no SDK, so no retries) on a fresh key per case.
/// </summary>
public sealed class FaultMatrixTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    /// <summary>One cheap GET per service, with the key it needs.</summary>
    private HttpRequestMessage Call(string service) => service switch
    {
        "webscrape" => With(new HttpRequestMessage(HttpMethod.Get, sandbox.Server.WebScrapeBaseUrl.AbsoluteUri.TrimEnd('/') + "/smartbrowse/usage"), "X-API-Key", sandbox.NewKey()),
        "scrapellm" => new HttpRequestMessage(HttpMethod.Get, sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri.TrimEnd('/') + "/jobs/3f7a2b1c-9e4d-4f8a-b2c1-7d6e5f4a3b2c"),
        _ => With(new HttpRequestMessage(HttpMethod.Get, sandbox.Server.IttybitBaseUrl.AbsoluteUri.TrimEnd('/') + "/events"), "Authorization", "Bearer " + sandbox.NewIttybitKey()),
    };

    private static readonly Dictionary<string, string> Operations = new() { ["webscrape"] = "getSmartBrowseUsage", ["scrapellm"] = "getJob", ["ittybit"] = "listEvents" };

    private static HttpRequestMessage With(HttpRequestMessage request, string header, string value)
    {
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    public static TheoryData<string, int> Matrix()
    {
        var data = new TheoryData<string, int>();
        foreach (var service in FaultRule.Services)
        foreach (var status in new[] { 408, 429, 500, 502, 503, 504 })
            data.Add(service, status);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_status_fault_answers_exactly_its_status_in_the_services_error_shape(string service, int status)
    {
        using var http = new HttpClient();
        using var request = Call(service);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = status, Service = service, Operation = Operations[service] });

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, (int)response.StatusCode);
        switch (service)
        {
            case "webscrape":
                Assert.Equal("error", (string)body["status"]!);
                Assert.False(string.IsNullOrEmpty((string?)body["error"]!["code"]));
                Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), (string)body["request_id"]!);
                break;
            case "scrapellm":
                Assert.False(string.IsNullOrEmpty((string?)body["detail"]));
                break;
            default:
                Assert.False(string.IsNullOrEmpty((string?)body["kind"]));
                Assert.False(string.IsNullOrEmpty((string?)body["message"]));
                break;
        }
    }

    [Theory]
    [InlineData("webscrape")]
    [InlineData("scrapellm")]
    [InlineData("ittybit")]
    public async Task The_html_fault_is_a_proxys_page_without_the_APIs_headers(string service)
    {
        using var http = new HttpClient();
        using var request = Call(service);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "html", Service = service, Operation = Operations[service] });

        using var response = await http.SendAsync(request);

        Assert.Equal(502, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("502 Bad Gateway", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-Request-ID"), "a proxy's page carries no API request id");
    }

    [Theory]
    [InlineData("webscrape")]
    [InlineData("scrapellm")]
    [InlineData("ittybit")]
    public async Task The_truncate_fault_is_a_200_whose_body_stops_short_of_its_Content_Length(string service)
    {
        using var request = Call(service);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "truncate", Service = service, Operation = Operations[service] });
        if (service == "scrapellm") // a job that exists, so the answer is a 200
        {
            var submitted = await new HttpClient().SendAsync(With(new HttpRequestMessage(HttpMethod.Post,
                sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri.TrimEnd('/') + "/scrapers/chatgpt/jobs?prompt=hi"), "X-API-Key", sandbox.NewScrapeLlmKey()));
            var jobId = (string)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["job_id"]!;
            request.RequestUri = new Uri(sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri.TrimEnd('/') + "/jobs/" + jobId);
        }

        var (statusLine, contentLength, bodyBytes) = await RawGetAsync(request);

        Assert.StartsWith("HTTP/1.1 200", statusLine);
        Assert.True(contentLength > 0);
        Assert.Equal(contentLength / 2, bodyBytes); // half the promised body, then the connection ends
    }

    /// <summary>Sends <paramref name="request"/> over a plain socket and reads until the server closes: the status line, the Content-Length, the body bytes that came.</summary>
    private static async Task<(string StatusLine, int ContentLength, int BodyBytes)> RawGetAsync(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        var head = new StringBuilder($"{request.Method} {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n");
        foreach (var h in request.Headers) head.Append($"{h.Key}: {string.Join(",", h.Value)}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException)
        {
            // a reset after the partial body is one way the cut shows; what arrived is in `received`
        }
        var text = received.ToArray();
        var split = IndexOf(text, "\r\n\r\n"u8.ToArray());
        var headers = Encoding.ASCII.GetString(text, 0, split).Split("\r\n");
        var length = int.Parse(headers.Single(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Split(':')[1].Trim());
        return (headers[0], length, text.Length - split - 4);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("no end of headers: the server sent no status line");
    }
}
