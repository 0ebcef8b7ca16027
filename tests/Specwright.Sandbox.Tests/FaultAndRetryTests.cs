using Specwright.Core.Errors;
using Specwright.Sandbox.Faults;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>The SDK's retry policy against injected faults, counted on the server side.</summary>
public sealed class FaultAndRetryTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static ScrapeRequest Example() => new() { WebsiteUrl = new Uri("https://example.com/faults") };

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Retryable_statuses_are_retried_until_success_and_billed_once(int status)
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key);
        const string operation = "scrape";
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = status, Count = 2, Operation = operation });
        var before = sandbox.State.Log.Calls.Count(c => c.Operation == operation && c.Fault == "status");

        var result = await client.ScrapeAsync(Example());

        Assert.Equal(499, result.CreditsRemaining);
        Assert.Equal(2, sandbox.State.Log.Calls.Count(c => c.Operation == operation && c.Fault == "status") - before);
        Assert.Equal(499, sandbox.State.Accounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task After_max_retries_the_last_error_is_thrown_with_its_retry_after()
    {
        using var client = sandbox.Client(sandbox.NewKey(), maxRetries: 2);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 502, Count = 3, RetryAfter = 2, Operation = "scrape" });
        var before = sandbox.State.Log.Count("scrape");
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ScrapeAsync(Example()));
        Assert.Equal(3, sandbox.State.Log.Count("scrape") - before);
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
        Assert.Empty(sandbox.State.Faults.Pending());
    }

    [Fact]
    public async Task Non_retryable_errors_are_sent_once()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        sandbox.State.Faults.Arm(new FaultRule { Kind = "error", Code = "conflict", Operation = "scrape" });
        var before = sandbox.State.Log.Count("scrape");
        await Assert.ThrowsAsync<ConflictException>(() => client.ScrapeAsync(Example()));
        Assert.Equal(1, sandbox.State.Log.Count("scrape") - before);
    }

    [Fact]
    public async Task A_proxy_html_page_is_typed_by_its_status_and_retried()
    {
        using var client = sandbox.Client(sandbox.NewKey(), maxRetries: 0);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "html", Operation = "getSmartBrowseUsage" });
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.SmartBrowse.GetUsageAsync());
        Assert.Equal(502, e.StatusCode);
        Assert.Contains("502 Bad Gateway", e.ResponseBody);

        using var retrying = sandbox.Client(sandbox.NewKey());
        sandbox.State.Faults.Arm(new FaultRule { Kind = "html", Operation = "getSmartBrowseUsage" });
        Assert.Equal(0, (await retrying.SmartBrowse.GetUsageAsync()).CreditsUsed);
    }

    [Fact]
    public async Task A_dropped_connection_after_sending_is_a_transport_error_and_not_retried()
    {
        using var client = sandbox.Client(sandbox.NewKey());
        sandbox.State.Faults.Arm(new FaultRule { Kind = "drop", Operation = "scrape" });
        var before = sandbox.State.Log.Count("scrape");
        await Assert.ThrowsAsync<TransportException>(() => client.ScrapeAsync(Example()));
        Assert.Equal(1, sandbox.State.Log.Count("scrape") - before);
    }

    [Fact]
    public async Task A_body_cut_off_mid_way_is_a_transport_error_and_not_retried()
    {
        var key = sandbox.NewKey();
        using var client = sandbox.Client(key);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "truncate", Operation = "scrape" });
        var before = sandbox.State.Log.Count("scrape");
        var e = await Assert.ThrowsAsync<TransportException>(() => client.ScrapeAsync(Example())); // one outcome: the 200 arrived, its body stopped short
        Assert.Contains("the response body was cut off", e.Message);
        Assert.Equal(1, sandbox.State.Log.Count("scrape") - before);
        Assert.Equal(499, sandbox.State.Accounts.Find(key)!.Balance); // billed: why cut-off responses are not retried
    }

    [Fact]
    public async Task A_delay_longer_than_the_attempt_timeout_gives_a_timeout_error()
    {
        using var client = sandbox.Client(sandbox.NewKey(), clock: TimeProvider.System, timeout: TimeSpan.FromMilliseconds(200));
        sandbox.State.Faults.Arm(new FaultRule { Kind = "delay", DelayMs = 5_000, Operation = "getSmartBrowseUsage" });
        await Assert.ThrowsAsync<ApiTimeoutException>(() => client.SmartBrowse.GetUsageAsync());
    }

    [Fact]
    public async Task A_short_delay_answers_normally()
    {
        using var client = sandbox.Client(sandbox.NewKey(), clock: TimeProvider.System);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "delay", DelayMs = 50, Operation = "getSmartBrowseUsage" });
        var usage = await client.SmartBrowse.GetUsageAsync();
        Assert.Equal(0, usage.Value.RunsUsed30d);
        Assert.Contains(sandbox.State.Log.Calls, c => c.Fault == "delay" && c.Status == 200);
    }

    [Fact]
    public void Bad_fault_rules_are_refused_with_the_reason()
    {
        Assert.Contains("kind must be one of", Assert.Throws<ArgumentException>(() => sandbox.State.Faults.Arm(new FaultRule { Kind = "explode" })).Message);
        Assert.Contains("status 408, 429, 500, 502, 503 or 504", Assert.Throws<ArgumentException>(() => sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 418 })).Message);
        Assert.Contains("service must be one of: ittybit, scrapellm, webscrape (got 'acme')", Assert.Throws<ArgumentException>(() => sandbox.State.Faults.Arm(new FaultRule { Kind = "drop", Service = "acme" })).Message);
    }
}
