using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

internal static class ClientFactory
{
    public const string Key = "wsg_live_TESTKEY0000000000000000000000000";

    public static WebScrapeClient Create(FakeHttp http, TestClock? clock = null, int? maxRetries = null,
        Func<double>? random = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null, TimeSpan? timeout = null) =>
        new(http.CreateClient(), new WebScrapeClientOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri("https://api.webscrape.ai/v1"),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
            LoggerFactory = logs,
            Timeout = timeout ?? TimeSpan.FromSeconds(180),
        });

    public const string ScrapeOk = """
        {"status":"completed","data":{"request_id":"eng_1","html":"<h1>x</h1>","content_type":"html"},"credits_used":1,"credits_remaining":499,"request_id":"req_ok"}
        """;

    public static ScrapeRequest Scrape() => new() { WebsiteUrl = new Uri("https://example.com") };

    public static string Run(string status, string id = "k7Xb9dRmQ2p", int pages = 1, string? extra = null) => $$"""
        {"status":"completed","data":{"id":"{{id}}","recipe_id":"m3Yc2tFvN8q","run_status":"{{status}}","pages_extracted":{{pages}},"items_extracted":{{pages * 2}},"credits_used":0,"created_at":"2026-05-21T12:00:00Z"{{extra}}},"credits_used":0,"credits_remaining":500,"request_id":"req_run"}
        """;
}
