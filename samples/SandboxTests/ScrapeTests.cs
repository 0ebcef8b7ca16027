using Specwright.Sandbox;
using Specwright.WebScrape;
using Xunit;

public sealed class ScrapeTests
{
    [Fact]
    public async Task A_page_is_scraped_through_the_sdk()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());
        using var client = new WebScrapeClient(new WebScrapeClientOptions
        {
            ApiKey = SandboxOptions.DemoWebScrapeKey,
            BaseUrl = sandbox.WebScrapeBaseUrl,
        });

        var response = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com/") });

        Assert.Contains("<html", response.Value.Html);
    }
}
