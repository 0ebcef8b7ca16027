using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

/// <summary>
/// webscrape.ai's retry rules as the spec states them, on its billed POST (failed calls cost nothing, so they
/// are retried). The retry mechanism itself is tested in Specwright.Core.Tests.
/// </summary>
public class RetryTests
{
    private const string ErrorBody = """{"status":"error","error":{"code":"x","message":"m"},"request_id":"r"}""";

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Retryable_status_is_retried_up_to_max_retries_then_thrown(int status)
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(status, ErrorBody);
        using var client = ClientFactory.Create(http, clock);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(status, e.StatusCode);
        Assert.Equal(3, http.Requests.Count); // default MaxRetries = 2, from the spec
        Assert.Equal(2, clock.Delays.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(504)]
    public async Task Other_statuses_are_not_retried(int status)
    {
        var http = new FakeHttp().ThenJson(status, ErrorBody);
        using var client = ClientFactory.Create(http);

        await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Single(http.Requests);
    }

}
