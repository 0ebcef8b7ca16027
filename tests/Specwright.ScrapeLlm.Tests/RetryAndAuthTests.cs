using Specwright.Core.Errors;
using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

public class RetryAndAuthTests
{
    [Theory]
    [InlineData(429, "Rate limit exceeded. Retry after a moment.")]
    [InlineData(429, "Scraper queue full. Retry after a few seconds with exponential backoff.")]
    [InlineData(408, "The AI provider did not respond within the timeout period.")]
    [InlineData(500, "Scraper returned an unexpected error.")]
    [InlineData(503, "Scraper pool is warming up. Retry in a few seconds.")]
    [InlineData(504, "Network timeout reaching the scraper.")]
    public async Task Transient_errors_are_retried_with_backoff(int status, string detail)
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(status, Fake.Detail(detail)).ThenJson(status, Fake.Detail(detail)).ThenJson(200, Fake.Answer());
        using var client = Fake.Client(http, clock);

        ChatGptResponse answer = await client.ChatGpt.AskAsync("best pm tools");

        Assert.Equal("job_abc123", answer.JobId);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(2, clock.Delays.Count);
        Assert.All(clock.Delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_429_for_the_credit_limit_is_not_retried()
    {
        var http = new FakeHttp().ThenJson(429, Fake.Detail("Credit limit reached. Upgrade your plan or wait for your billing cycle to reset.")).ThenJson(200, Fake.Answer());
        using var client = Fake.Client(http);

        await Assert.ThrowsAsync<CreditLimitReachedException>(() => client.ChatGpt.AskAsync("q"));

        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Job_submits_are_retried_too_since_a_refused_submit_is_not_charged()
    {
        var http = new FakeHttp().ThenJson(503, Fake.Detail("Scraper pool is warming up.")).ThenJson(202, """{"job_id":"j-1","status":"pending"}""");
        using var client = Fake.Client(http);

        JobSubmitted job = await client.Perplexity.SubmitAsync("q");

        Assert.Equal("j-1", job.JobId);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task The_key_goes_in_the_header_of_scraper_calls_never_in_the_query_and_never_to_the_keyless_job_poll()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Answer()).ThenJson(200, Fake.Job("pending"));
        using var client = Fake.Client(http);

        await client.ChatGpt.AskAsync("q");
        await client.Jobs.GetAsync("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f");

        Assert.Equal(Fake.Key, http.Requests[0].Headers["X-API-Key"]);
        Assert.DoesNotContain("api_key", http.Requests[0].Uri.Query);
        Assert.False(http.Requests[1].Headers.ContainsKey("X-API-Key"));
        Assert.Equal("/jobs/3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f", http.Requests[1].Uri.AbsolutePath);
    }

    [Fact]
    public async Task Without_any_key_jobs_can_be_polled_but_a_scraper_call_fails_before_sending_naming_the_setting()
    {
        Assert.Null(Environment.GetEnvironmentVariable(ScrapeLlmSpec.ApiKeyEnvironmentVariable));
        var http = new FakeHttp().ThenJson(200, Fake.Job("done", result: Fake.Answer()));
        using var client = Fake.Client(http, key: null);

        var job = await client.Jobs.GetOperation("3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f").WaitForCompletionAsync();
        var e = await Assert.ThrowsAsync<ConfigurationException>(() => client.ChatGpt.AskAsync("q"));

        Assert.Equal(JobStatus.Done, job.Status);
        Assert.Single(http.Requests);
        Assert.Contains("ScrapeLlmClientOptions.ApiKey or the SCRAPELLM_API_KEY environment variable", e.Message);
        Assert.Contains("(none)", client.ToString());
    }

    [Fact]
    public void An_explicitly_empty_key_is_refused_at_construction()
    {
        var e = Assert.Throws<ConfigurationException>(() => Fake.Client(new FakeHttp(), key: ""));
        Assert.Contains("No ScrapeLLM API key", e.Message);
    }

    [Fact]
    public void The_key_never_shows_in_ToString()
    {
        using var client = Fake.Client(new FakeHttp());
        Assert.DoesNotContain(Fake.Key, client.ToString());
        Assert.DoesNotContain(Fake.Key, new ScrapeLlmClientOptions { ApiKey = Fake.Key }.ToString());
    }

    /// <summary>Never answers; the request ends only when its attempt times out.</summary>
    private sealed class Hanging : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task A_synchronous_scrape_may_take_its_provider_timeout_plus_a_margin_even_when_the_client_timeout_is_shorter()
    {
        var clock = new TestClock { FireLimit = TimeSpan.FromHours(1) };
        using var client = new ScrapeLlmClient(new HttpClient(new Hanging()), new ScrapeLlmClientOptions
        {
            ApiKey = Fake.Key, TimeProvider = clock, Timeout = TimeSpan.FromSeconds(60), MaxRetries = 0,
        });

        var scrape = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.Gemini.AskAsync("q", new ScrapeGeminiOptions { Timeout = 100 }));
        var defaulted = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.Gemini.AskAsync("q"));
        var poll = await Assert.ThrowsAsync<ApiTimeoutException>(() => client.Jobs.GetAsync("j"));

        Assert.Equal(TimeSpan.FromSeconds(130), scrape.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(330), defaulted.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), poll.Timeout);
        // The rule is one of the operation's facts, from x-specwright-attempt-timeout and the parameter's default.
        Assert.Equal(new Specwright.Core.Http.AttemptTimeoutRule("timeout", 300, 30), ScrapeLlmSpec.Operations.ScrapeGemini.Info.AttemptTimeout);
        Assert.Null(ScrapeLlmSpec.Operations.GetJob.Info.AttemptTimeout);
    }
}
