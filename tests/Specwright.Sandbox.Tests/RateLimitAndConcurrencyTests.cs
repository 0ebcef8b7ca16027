using Microsoft.Extensions.Time.Testing;
using Specwright.Sandbox.Faults;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>Per-key limits (rate_limited with details.reason and Retry-After), and state that stays exact under concurrency.</summary>
public sealed class RateLimitAndConcurrencyTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static ScrapeRequest Example() => new() { WebsiteUrl = new Uri("https://example.com/limits") };

    private static WebScrapeClient ClientOf(SandboxServer server, string key, int maxRetries = 0) =>
        new(new HttpClient(new ContractCheckingHandler("webscrape.yaml", "/v1", new SocketsHttpHandler())),
            new WebScrapeClientOptions { ApiKey = key, BaseUrl = server.WebScrapeBaseUrl, MaxRetries = maxRetries, TimeProvider = new TestClock() });

    [Fact]
    public async Task The_per_minute_limit_gives_rate_limit_per_min_with_retry_after_until_the_window_moves()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var limited = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = clock, RequestsPerMinute = 5 });
        using var client = ClientOf(limited, SandboxOptions.DemoWebScrapeKey);

        for (var i = 0; i < 5; i++)
        {
            await client.ScrapeAsync(Example());
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.ScrapeAsync(Example()));
        Assert.Equal((RateLimitReason.RateLimitPerMin, 5), (e.DetailsModel!.Reason, e.DetailsModel.LimitPerMin));
        Assert.Equal(TimeSpan.FromSeconds(10), e.RetryAfter); // the oldest request leaves the window in 10 s
        Assert.Equal("request rate exceeds plan limit — upgrade plan or slow down", e.ErrorMessage);

        clock.Advance(TimeSpan.FromSeconds(10));
        var after = await client.ScrapeAsync(Example());
        Assert.Equal(494, after.CreditsRemaining); // six billed calls; the throttled one cost nothing
    }

    [Fact]
    public async Task A_client_rate_limit_at_the_plans_limit_gets_a_batch_through_without_a_429()
    {
        // Calls one after another: on this clock a waiting call moves time at once, which would let a
        // concurrent call that has its slot reach the server a minute late. Concurrency has its unit test.
        var clock = new TestClock();
        await using var limited = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = clock, RequestsPerMinute = 5 });
        using var paced = new WebScrapeClient(new HttpClient(new ContractCheckingHandler("webscrape.yaml", "/v1", new SocketsHttpHandler())),
            new WebScrapeClientOptions
            {
                ApiKey = SandboxOptions.DemoWebScrapeKey, BaseUrl = limited.WebScrapeBaseUrl, MaxRetries = 0, TimeProvider = clock,
                RateLimit = new Specwright.Core.Options.ClientRateLimit { RequestsPerMinute = 5 },
            });
        using var unpaced = ClientOf(limited, SandboxOptions.DemoWebScrapeKey);

        for (var i = 0; i < 12; i++) await paced.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri($"https://example.com/p{i}") });
        var pacedTook = clock.Elapsed;
        var pacedCalls = limited.State.Log.Calls.ToList();
        await Assert.ThrowsAsync<RateLimitedException>(async () =>
        {
            for (var i = 0; i < 6; i++) await unpaced.ScrapeAsync(Example()); // the same key, without the client limit
        });

        Assert.Equal(12, pacedCalls.Count(c => c.Operation == "scrape" && c.Status == 200));
        Assert.DoesNotContain(pacedCalls, c => c.Status == 429);
        Assert.Equal(TimeSpan.FromSeconds(122), pacedTook); // starts at 0, 61 and 122 s: a minute plus the 1 s margin
        Assert.Contains(limited.State.Log.Calls, c => c.Status == 429);
    }

    [Fact]
    public async Task Limits_are_per_key()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new SandboxOptions { TimeProvider = clock, RequestsPerMinute = 2 };
        var other = Accounts.KeyFormat.NewKey();
        options.WebScrapeKeys[other] = 100;
        await using var limited = await SandboxServer.StartAsync(options);
        using var first = ClientOf(limited, SandboxOptions.DemoWebScrapeKey);
        using var second = ClientOf(limited, other);
        await first.SmartBrowse.GetUsageAsync();
        await first.SmartBrowse.GetUsageAsync();
        await Assert.ThrowsAsync<RateLimitedException>(() => first.SmartBrowse.GetUsageAsync());
        Assert.Equal(100, (await second.SmartBrowse.GetUsageAsync()).CreditsRemaining);
    }

    [Fact]
    public async Task The_concurrency_limit_gives_max_concurrent_requests()
    {
        var key = sandbox.NewKey(setup: a => a.MaxConcurrentRequests = 2);
        using var client = sandbox.Client(key, maxRetries: 0, clock: TimeProvider.System, adaptive: false); // the client sends all three at once
        sandbox.State.Faults.Arm(new FaultRule { Kind = "delay", DelayMs = 400, Count = 2, Operation = "getSmartBrowseUsage" });
        var slow = new[] { client.SmartBrowse.GetUsageAsync(), client.SmartBrowse.GetUsageAsync() };
        // Wait until both slow calls are in flight on the server, then one more is over the limit.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sandbox.State.Limiter.InFlight("webscrape:" + key) < 2 && DateTime.UtcNow < deadline) await Task.Yield();
        var e = await Assert.ThrowsAsync<RateLimitedException>(() => client.ScrapeAsync(Example()));
        Assert.Equal((RateLimitReason.MaxConcurrentRequests, 2), (e.DetailsModel!.Reason, e.DetailsModel.MaxConcurrent));
        Assert.NotNull(e.RetryAfter);
        await Task.WhenAll(slow);
    }

    [Fact]
    public async Task The_sdk_retries_a_throttle_after_retry_after_and_succeeds()
    {
        var clock = new TestClock();
        using var client = sandbox.Client(sandbox.NewKey(), clock: clock);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 429, RetryAfter = 7, Operation = "scrape" });
        await client.ScrapeAsync(Example());
        Assert.Contains(TimeSpan.FromSeconds(7), clock.Delays);
    }

    [Fact]
    public async Task Concurrent_spending_never_loses_or_double_counts_a_credit()
    {
        var key = sandbox.NewKey(credits: 250);
        using var client = sandbox.Client(key, maxRetries: 0);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            try
            {
                var r = await client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = new Uri($"https://example.com/p{i}"), UserPrompt = "title" });
                return r.CreditsUsed!.Value;
            }
            catch (InsufficientCreditsException) { return 0; }
        }));
        Assert.Equal(50, outcomes.Count(c => c == 5));
        Assert.Equal(0, sandbox.State.Accounts.Find(key)!.Balance);
    }
}
