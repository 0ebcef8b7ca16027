using Specwright.Core.Errors;
using Specwright.Core.Options;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

public class RateLimitTests
{
    private static WebScrapeClient Create(FakeHttp http, TestClock clock, ClientRateLimit limit) =>
        new(http.CreateClient(), new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key,
            BaseUrl = new Uri("https://api.webscrape.ai/v1"),
            TimeProvider = clock,
            RateLimit = limit,
        });

    [Fact]
    public async Task Requests_beyond_the_per_minute_limit_wait_for_the_oldest_to_leave_the_window()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            return FakeHttp.Json(200, ClientFactory.ScrapeOk);
        });
        using var client = Create(http, clock, new ClientRateLimit { RequestsPerMinute = 3 });

        for (var i = 0; i < 7; i++) await client.ScrapeAsync(ClientFactory.Scrape());

        // A minute plus the 1 s margin after the oldest start of a full window.
        Assert.Equal(new[] { 0, 0, 0, 61, 61, 61, 122 }.Select(s => TimeSpan.FromSeconds(s)), sentAt);
        Assert.Equal(new[] { TimeSpan.FromSeconds(61), TimeSpan.FromSeconds(61) }, clock.Delays);
    }

    [Fact]
    public async Task Retries_take_their_own_slot()
    {
        var clock = new TestClock();
        var start = clock.GetUtcNow();
        var sentAt = new List<TimeSpan>();
        var responses = new Queue<int>([500, 200, 200]);
        var http = new FakeHttp().Then(_ =>
        {
            sentAt.Add(clock.GetUtcNow() - start);
            var status = responses.Dequeue();
            return FakeHttp.Json(status, status == 200 ? ClientFactory.ScrapeOk : """{"status":"error","error":{"code":"internal_error","message":"m"},"request_id":"r"}""");
        });
        using var client = Create(http, clock, new ClientRateLimit { RequestsPerMinute = 2, WindowMargin = TimeSpan.Zero });

        await client.ScrapeAsync(ClientFactory.Scrape()); // 500, retried after a backoff under 1 s
        await client.ScrapeAsync(ClientFactory.Scrape()); // the minute's two starts are used: waits

        Assert.Equal(3, sentAt.Count);
        Assert.True(sentAt[1] < TimeSpan.FromSeconds(1), $"retry sent at {sentAt[1]}");
        Assert.Equal(TimeSpan.FromSeconds(60), sentAt[2]);
    }

    [Fact]
    public async Task No_more_than_the_concurrent_limit_are_in_flight()
    {
        var release = new SemaphoreSlim(0);
        var inFlight = 0;
        var maxInFlight = 0;
        var http = new FakeHttp().Then(_ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (release) maxInFlight = Math.Max(maxInFlight, now);
            release.Wait(); // held until all six were started
            Interlocked.Decrement(ref inFlight);
            return FakeHttp.Json(200, ClientFactory.Run("running"));
        });
        using var client = Create(http, new TestClock(), new ClientRateLimit { MaxConcurrentRequests = 2 });

        var calls = Enumerable.Range(0, 6).Select(i => Task.Run(() => client.SmartBrowse.GetRunAsync("run" + i))).ToList();
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inFlight) == 2, TimeSpan.FromSeconds(30)), "two calls never got in flight");
        release.Release(6);
        await Task.WhenAll(calls);

        Assert.Equal(2, maxInFlight);
        Assert.Equal(6, http.Requests.Count);
    }

    [Theory]
    [InlineData(0, null, "RateLimit.RequestsPerMinute must be at least 1")]
    [InlineData(null, 0, "RateLimit.MaxConcurrentRequests must be at least 1")]
    public void Bad_limits_are_refused_by_name(int? perMinute, int? concurrent, string message)
    {
        var options = new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key,
            RateLimit = new ClientRateLimit { RequestsPerMinute = perMinute, MaxConcurrentRequests = concurrent },
        };
        var e = Assert.Throws<ConfigurationException>(() => new WebScrapeClient(options));
        Assert.Contains("WebScrapeClientOptions." + message, e.Message);
    }

    [Fact]
    public void Options_show_the_limit_but_not_the_key()
    {
        var options = new WebScrapeClientOptions { ApiKey = ClientFactory.Key, RateLimit = new ClientRateLimit { RequestsPerMinute = 60, MaxConcurrentRequests = 5 } };
        Assert.Contains("RateLimit = 60/min, 5 at once", options.ToString());
        Assert.DoesNotContain(ClientFactory.Key, options.ToString());
    }
}
