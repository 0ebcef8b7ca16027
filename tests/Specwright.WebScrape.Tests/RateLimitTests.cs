using Specwright.Core.Options;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

/// <summary>The generated options carry the client rate limit into the pipeline; the limiter itself is tested in Specwright.Core.Tests.</summary>
public class RateLimitTests
{
    [Fact]
    public async Task The_options_rate_limit_holds_back_the_request_over_the_limit()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            return FakeHttp.Json(200, ClientFactory.ScrapeOk);
        });
        using var client = new WebScrapeClient(http.CreateClient(), new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key,
            TimeProvider = clock,
            RateLimit = new ClientRateLimit { RequestsPerMinute = 1, WindowMargin = TimeSpan.Zero },
        });

        await client.ScrapeAsync(ClientFactory.Scrape());
        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMinutes(1)], sentAt);
    }
}
