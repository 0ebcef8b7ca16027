using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using Specwright.Core.Diagnostics;
using Specwright.Core.Errors;
using Specwright.Core.Retry;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

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

    [Fact]
    public async Task A_retry_that_succeeds_returns_the_result_and_resends_the_same_body()
    {
        var http = new FakeHttp().ThenJson(503, ErrorBody).ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http);

        var result = await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal("req_ok", result.RequestId);
        Assert.Equal(2, http.Requests.Count);
        Assert.Equal(http.Requests[0].Body, http.Requests[1].Body);
        Assert.Equal("""{"website_url":"https://example.com"}""", http.Requests[1].Body);
    }

    [Fact]
    public async Task Max_retries_zero_disables_retrying()
    {
        var http = new FakeHttp().ThenJson(500, ErrorBody);
        using var client = ClientFactory.Create(http, maxRetries: 0);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(500, e.StatusCode);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Retry_after_seconds_is_waited_exactly()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(429, ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http, clock);

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Delays);
    }

    [Fact]
    public async Task Retry_after_http_date_is_computed_against_utc_now()
    {
        var clock = new TestClock();
        var at = clock.GetUtcNow().AddSeconds(12);
        var http = new FakeHttp()
            .ThenJson(503, ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(at))
            .ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http, clock);

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal([TimeSpan.FromSeconds(12)], clock.Delays);
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_is_not_waited_and_surfaces_on_the_exception()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(429, ErrorBody, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3600)));
        using var client = ClientFactory.Create(http, clock);

        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Single(http.Requests);
        Assert.Empty(clock.Delays);
        Assert.Equal(TimeSpan.FromHours(1), e.RetryAfter);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Backoff_is_full_jitter_within_base_times_two_to_the_attempt_capped(double random)
    {
        var policy = new RetryPolicy(WebScrapeSpec.Retry, 10, () => random);

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ceiling = Math.Min(Math.Pow(2, attempt), 30);
            Assert.Equal(random * ceiling, policy.Backoff(attempt).TotalSeconds, 6);
        }
    }

    [Fact]
    public void Real_jitter_stays_within_bounds_and_varies()
    {
        var policy = new RetryPolicy(WebScrapeSpec.Retry, 2);
        var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(3)).ToList();

        Assert.All(samples, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
        Assert.True(samples.Distinct().Count() > 100);
    }

    [Fact]
    public async Task Connection_failure_is_retried_with_backoff()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused")).ThenJson(200, ClientFactory.ScrapeOk);
        using var client = new WebScrapeClient(http.CreateClient(), new WebScrapeClientOptions { ApiKey = ClientFactory.Key, TimeProvider = clock });

        var result = await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal("req_ok", result.RequestId);
        Assert.Equal(2, http.Requests.Count);
        Assert.Single(clock.Delays);
        Assert.InRange(clock.Delays[0], TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_response_cut_off_mid_way_is_not_retried_because_it_may_be_billed()
    {
        var http = new FakeHttp().ThenThrow(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")).ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http);

        await Assert.ThrowsAsync<TransportException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task An_attempt_that_outlives_the_timeout_throws_ApiTimeoutException_without_retry()
    {
        var http = new FakeHttp().Then(_ => throw new InvalidOperationException("unreachable"));
        var hanging = new HangingHandler();
        using var client = new WebScrapeClient(new HttpClient(hanging), new WebScrapeClientOptions
        {
            ApiKey = ClientFactory.Key, Timeout = TimeSpan.FromSeconds(5), TimeProvider = new TestClock(),
        });

        var e = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.ScrapeAsync(ClientFactory.Scrape()));

        Assert.Equal(TimeSpan.FromSeconds(5), e.Timeout);
        Assert.InRange(hanging.Calls, 0, 1); // never retried (the timer may fire before the send starts)
    }

    [Fact]
    public async Task Caller_cancellation_throws_OperationCanceledException_not_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        var hanging = new HangingHandler(onCall: cts.Cancel);
        using var client = new WebScrapeClient(new HttpClient(hanging), new WebScrapeClientOptions { ApiKey = ClientFactory.Key, TimeProvider = new TestClock() });

        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ScrapeAsync(ClientFactory.Scrape(), cts.Token));

        Assert.IsNotType<ApiTimeoutException>(e);
    }

    [Fact]
    public async Task Retries_are_logged_and_counted()
    {
        var logs = new CapturingLoggerFactory();
        long retries = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == SpecwrightTelemetry.Name && i.Name == "specwright.http.retries") l.EnableMeasurementEvents(i); };
        listener.SetMeasurementEventCallback<long>((_, v, tags, _) =>
        {
            foreach (var t in tags) if (t.Key == "operation" && (string?)t.Value == "scrape") Interlocked.Add(ref retries, v);
        });
        listener.Start();
        var http = new FakeHttp().ThenJson(502, ErrorBody).ThenJson(502, ErrorBody).ThenJson(200, ClientFactory.ScrapeOk);
        using var client = ClientFactory.Create(http, logs: logs);

        await client.ScrapeAsync(ClientFactory.Scrape());

        Assert.Equal(2, logs.Lines.Count(l => l.Contains("scrape: HTTP 502; retry", StringComparison.Ordinal)));
        Assert.True(Interlocked.Read(ref retries) >= 2);
    }

    private sealed class HangingHandler(Action? onCall = null) : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            onCall?.Invoke();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
