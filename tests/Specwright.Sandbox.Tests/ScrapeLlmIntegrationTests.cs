using Specwright.Core.Polling;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Specwright.Sandbox.Faults;
using Specwright.ScrapeLlm;
using Specwright.TestSupport;

namespace Specwright.Sandbox.Tests;

/// <summary>The ScrapeLLM SDK against the sandbox over HTTP; every response is validated against openapi/scrapellm.yaml.</summary>
public sealed class ScrapeLlmIntegrationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly PollingSchedule Fast = SandboxFixture.FastPolling;

    private static async Task<ScrapeResponse> Ask(ScrapeLlmClient c, ScraperId id, string prompt) => id.Value switch
    {
        "chatgpt" => (await c.ChatGpt.AskAsync(prompt)).Value,
        "perplexity" => (await c.Perplexity.AskAsync(prompt)).Value,
        "gemini" => (await c.Gemini.AskAsync(prompt)).Value,
        "grok" => (await c.Grok.AskAsync(prompt)).Value,
        "copilot" => (await c.Copilot.AskAsync(prompt)).Value,
        "google_ai_mode" => (await c.GoogleAiMode.AskAsync(prompt)).Value,
        _ => (await c.AmazonRufus.AskAsync(prompt)).Value,
    };

    private static async Task<ScrapeResponse> SubmitAndWait(ScrapeLlmClient c, ScraperId id, string prompt) => id.Value switch
    {
        "chatgpt" => (await c.ChatGpt.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<ChatGptResponse>()!,
        "perplexity" => (await c.Perplexity.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<PerplexityResponse>()!,
        "gemini" => (await c.Gemini.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<GeminiResponse>()!,
        "grok" => (await c.Grok.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<GrokResponse>()!,
        "copilot" => (await c.Copilot.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<CopilotResponse>()!,
        "google_ai_mode" => (await c.GoogleAiMode.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<GoogleAiModeResponse>()!,
        _ => (await c.AmazonRufus.SubmitAndWaitAsync(prompt, schedule: Fast)).ResultAs<AmazonRufusResponse>()!,
    };

    public static TheoryData<string> Scrapers => new() { "chatgpt", "perplexity", "gemini", "grok", "copilot", "google_ai_mode", "amazon_rufus" };

    /// <summary>The scraper's own fields, as the spec declares them, are filled.</summary>
    private static void AssertExtras(ScrapeResponse r)
    {
        switch (r)
        {
            case ChatGptResponse c: Assert.NotEmpty(c.Links!); Assert.NotEmpty(c.SearchQueries!); Assert.Equal("gpt-4o", c.LlmModel); break;
            case PerplexityResponse p: Assert.NotEmpty(p.Sources!); Assert.NotEmpty(p.RelatedQuestions!); break;
            case GeminiResponse g: Assert.All(g.Citations!, x => Assert.NotEmpty(x.Highlights!)); Assert.NotNull(g.LlmModel); break;
            case GrokResponse g: Assert.NotEmpty(g.WebSources!); Assert.NotEmpty(g.XResults!); break;
            case CopilotResponse c: Assert.NotEmpty(c.Citations!); Assert.NotEmpty(c.Links!); break;
            case GoogleAiModeResponse g: Assert.NotEmpty(g.Citations!); Assert.NotEmpty(g.SearchResults!); break;
            case AmazonRufusResponse a: Assert.All(a.Products!, p => Assert.StartsWith("B0", p.Asin)); Assert.Null(a.Result); break;
            default: Assert.Fail($"{r.GetType().Name} is not a scraper's response type"); break;
        }
    }

    [Theory]
    [MemberData(nameof(Scrapers))]
    public async Task Every_scraper_answers_synchronously_with_its_own_fields_for_3_credits(string scraper)
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key);
        var id = new ScraperId(scraper);

        var answer = await Ask(client, id, "best running shoes for beginners");

        Assert.Equal(id, answer.Scraper);
        Assert.Equal(("done", "US", 3, false), (answer.Status, answer.Country, answer.CreditsUsed, answer.Cached));
        Assert.StartsWith("job_", answer.JobId);
        AssertExtras(answer);
        Assert.Equal(497, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Theory]
    [MemberData(nameof(Scrapers))]
    public async Task Every_scraper_runs_as_a_job_to_done_charged_once_at_submit(string scraper)
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key, clock: TimeProvider.System);
        var id = new ScraperId(scraper);

        var answer = await SubmitAndWait(client, id, "best running shoes for beginners");

        Assert.Equal(id, answer.Scraper);
        Assert.True(Guid.TryParse(answer.JobId, out _));
        AssertExtras(answer);
        Assert.Equal(497, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task Answers_are_cached_per_prompt_and_bypass_cache_forces_a_fresh_one_each_costing_3()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key);
        var prompt = "cache me " + Guid.NewGuid();

        PerplexityResponse first = await client.Perplexity.AskAsync(prompt);
        PerplexityResponse second = await client.Perplexity.AskAsync(prompt);
        PerplexityResponse fresh = await client.Perplexity.AskAsync(prompt, new ScrapePerplexityOptions { BypassCache = true });

        Assert.False(first.Cached);
        Assert.True(second.Cached);
        Assert.NotNull(second.CachedAt);
        Assert.Equal(first.Result, second.Result);
        Assert.NotEqual(first.JobId, second.JobId);
        Assert.False(fresh.Cached);
        Assert.Equal(491, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_failing_job_is_charged_at_submit_and_refunded_when_it_fails()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key, clock: TimeProvider.System);

        JobSubmitted submitted = await client.ChatGpt.SubmitAsync("sandbox:fail please");
        var balanceWhilePending = sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance;
        var e = await Assert.ThrowsAsync<OperationFailedException<Job>>(() => client.Jobs.GetOperation(submitted.JobId).WaitForCompletionAsync(schedule: Fast));

        Assert.Equal(497, balanceWhilePending);
        Assert.Equal(JobStatus.Failed, e.Last.Status);
        Assert.Equal("Scraper returned an unexpected error.", e.Last.Error);
        Assert.NotNull(e.Last.CompletedAt);
        Assert.Equal(500, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_failing_synchronous_scrape_is_retried_then_thrown_and_costs_nothing()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key);
        var before = sandbox.State.Log.Count("scrapeAmazonRufus");

        var e = await Assert.ThrowsAsync<ScraperErrorException>(() => client.AmazonRufus.AskAsync("shoes"));

        Assert.Equal("Scraper returned an empty result.", e.ErrorMessage);
        Assert.Equal(3, sandbox.State.Log.Count("scrapeAmazonRufus") - before); // 1 + the vendor's 2 retries
        Assert.Equal(500, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task Out_of_credits_is_the_credit_limit_429_and_is_not_retried()
    {
        var key = sandbox.NewScrapeLlmKey(credits: 2);
        using var client = sandbox.ScrapeLlm(key);

        var ask = await Assert.ThrowsAsync<CreditLimitReachedException>(() => client.Gemini.AskAsync("q " + Guid.NewGuid()));
        var submit = await Assert.ThrowsAsync<CreditLimitReachedException>(() => client.Gemini.SubmitAsync("q"));

        Assert.Equal(429, ask.StatusCode);
        Assert.Contains("Credit limit reached", submit.ErrorMessage);
        Assert.Equal(2, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task Injected_503_408_and_queue_full_are_retried_through_to_an_answer()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key);
        var op = ScrapeLlmSpec.Operations.ScrapeGrok.Id;
        var before = sandbox.State.Log.Count(op);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 503, Service = "scrapellm", Operation = op });
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 408, Service = "scrapellm", Operation = op });

        GrokResponse answer = await client.Grok.AskAsync("who won " + Guid.NewGuid());
        sandbox.State.Faults.Arm(new FaultRule { Kind = "error", Code = "queue_full", Count = 2, Service = "scrapellm", Operation = op });
        GrokResponse again = await client.Grok.AskAsync("who won " + Guid.NewGuid());

        Assert.Equal("done", answer.Status);
        Assert.Equal("done", again.Status);
        Assert.Equal(6, sandbox.State.Log.Count(op) - before);
        Assert.Equal(494, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task The_key_works_as_a_query_parameter_and_the_job_poll_needs_none()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var raw = new HttpClient(sandbox.CheckedScrapeLlm()) { BaseAddress = new Uri(sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri + "/") };

        var ask = await raw.GetAsync($"scrapers/copilot?prompt=hello&api_key={key}");
        var submit = await raw.PostAsync($"scrapers/copilot/jobs?prompt=hello&api_key={key}", null);
        var jobId = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("job_id").GetString();
        var poll = await raw.GetAsync($"jobs/{jobId}");
        var noKey = await raw.GetAsync("scrapers/copilot?prompt=hello");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.Unauthorized),
            (ask.StatusCode, submit.StatusCode, poll.StatusCode, noKey.StatusCode));
        using var keyless = sandbox.ScrapeLlm(key: null, clock: TimeProvider.System);
        var job = await keyless.Jobs.GetOperation(jobId!).WaitForCompletionAsync(schedule: Fast);
        Assert.Equal("copilot", job.ResultAs<CopilotResponse>()!.Scraper.Value);
    }

    [Fact]
    public async Task Validation_errors_come_in_both_documented_shapes()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var raw = new HttpClient(sandbox.CheckedScrapeLlm()) { BaseAddress = new Uri(sandbox.Server.ScrapeLlmBaseUrl.AbsoluteUri + "/") };
        raw.DefaultRequestHeaders.Add("X-API-Key", key);

        var missing = await raw.GetAsync("scrapers/gemini");
        var japan = await raw.GetAsync("scrapers/gemini?prompt=hi&country=JP");
        var badTimeout = await raw.GetAsync("scrapers/gemini?prompt=hi&timeout=soon");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("missing", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("detail")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, japan.StatusCode);
        Assert.Contains("not available in JP", await japan.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badTimeout.StatusCode);
        Assert.Equal(500, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }

    [Fact]
    public async Task A_job_is_kept_24_hours_then_the_poll_says_expired_or_unknown()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = SandboxOptions.Fast();
        options.TimeProvider = clock;
        await using var server = await SandboxServer.StartAsync(options);
        using var client = new ScrapeLlmClient(new HttpClient(new ContractCheckingHandler("scrapellm.yaml", server.ScrapeLlmBaseUrl.AbsolutePath, new SocketsHttpHandler())),
            new ScrapeLlmClientOptions { ApiKey = SandboxOptions.DemoScrapeLlmKey, BaseUrl = server.ScrapeLlmBaseUrl, TimeProvider = new TestClock() });

        JobSubmitted submitted = await client.Perplexity.SubmitAsync("what is new");
        Job pending = await client.Jobs.GetAsync(submitted.JobId);
        clock.Advance(TimeSpan.FromSeconds(1));
        Job done = await client.Jobs.GetAsync(submitted.JobId);
        clock.Advance(TimeSpan.FromHours(24));
        var e = await Assert.ThrowsAsync<JobExpiredOrUnknownException>(() => client.Jobs.GetAsync(submitted.JobId));
        var unknown = await Assert.ThrowsAsync<JobExpiredOrUnknownException>(() => client.Jobs.GetOperation(Guid.NewGuid().ToString()).WaitForCompletionAsync());

        Assert.Equal((JobStatus.Pending, JobStatus.Done), (pending.Status, done.Status));
        Assert.Null(pending.CompletedAt);
        Assert.Equal("what is new", done.ResultAs<PerplexityResponse>()!.Prompt);
        Assert.Contains("retained for 24 hours", e.ErrorMessage);
        Assert.Equal(404, unknown.StatusCode);
    }

    [Fact]
    public async Task A_provider_slower_than_the_timeout_is_a_408_and_the_hosted_markdown_copy_is_served()
    {
        var key = sandbox.NewScrapeLlmKey();
        using var client = sandbox.ScrapeLlm(key, maxRetries: 0);

        var slow = await Assert.ThrowsAsync<ProviderTimeoutException>(() =>
            client.ChatGpt.AskAsync("sandbox:slow answer", new ScrapeChatgptOptions { Timeout = 60 }));
        ChatGptResponse answer = await client.ChatGpt.AskAsync("sandbox:slow answer", new ScrapeChatgptOptions { Timeout = 120 });
        using var http = new HttpClient();
        var markdown = await http.GetStringAsync(answer.MarkdownUrl);

        Assert.Contains("did not respond within the timeout", slow.ErrorMessage);
        Assert.Equal(answer.ResultMarkdown, markdown);
        Assert.Equal(497, sandbox.State.ScrapeLlmAccounts.Find(key)!.Balance);
    }
}
