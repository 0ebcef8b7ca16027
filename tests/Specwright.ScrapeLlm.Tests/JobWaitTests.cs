using Specwright.TestSupport;

namespace Specwright.ScrapeLlm.Tests;

public class JobWaitTests
{
    private const string JobId = "3f7a2b1c-9d4e-4f6a-8b2c-1e5d7a9c0b3f";

    [Fact]
    public async Task SubmitAndWait_polls_pending_until_done_and_returns_the_typed_result()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(202, $$"""{"job_id":"{{JobId}}","status":"pending","scraper":"gemini"}""")
            .ThenJson(200, Fake.Job("pending", "gemini"))
            .ThenJson(200, Fake.Job("pending", "gemini"))
            .ThenJson(200, Fake.Job("done", "gemini", Fake.Answer("gemini", ""","citations":[{"title":"Linear","url":"https://linear.app","highlights":["fast"],"favicon":null}],"llm_model":"gemini-2.0-flash" """)));
        using var client = Fake.Client(http, clock);
        var seen = new List<string>();

        var answer = await client.Gemini.SubmitAndWaitAsync(new ScrapeLlmRequest("best pm tools"),
            new JobWaitOptions { Progress = new SyncProgress<Job>(j => seen.Add(j.Status.Value)) });

        Assert.IsType<GeminiResponse>(answer);
        Assert.Equal("https://linear.app", Assert.Single(answer.Citations!).Url);
        Assert.Equal("gemini-2.0-flash", answer.LlmModel);
        Assert.Equal(["pending", "pending", "done"], seen);
        // The job was just submitted, so the first poll waits one interval (2 s); then the schedule runs: 2 s, 3 s.
        Assert.Equal(new[] { 2, 2, 3.0 }.Select(TimeSpan.FromSeconds), clock.Delays);
        Assert.Equal("POST", http.Requests[0].Method.Method);
        Assert.All(http.Requests.Skip(1), r => Assert.Equal($"/jobs/{JobId}", r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task A_failed_job_throws_with_the_servers_error()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Job("failed", error: "execution failed"));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<JobFailedException>(() => client.ChatGpt.WaitForResultAsync(JobId));

        Assert.Equal("execution failed", e.Job.Error);
        Assert.Contains("execution failed", e.Message);
        Assert.Contains("refunded", e.Message);
    }

    [Fact]
    public async Task An_expired_or_unknown_job_is_its_own_exception()
    {
        var http = new FakeHttp().ThenJson(404, Fake.Detail("Job not found. It may have expired (jobs are retained for 24 hours) or the ID is invalid."));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<JobExpiredOrUnknownException>(() => client.WaitForJobAsync(JobId));

        Assert.Equal(404, e.StatusCode);
        Assert.Single(http.Requests); // 404 is final, not retried
    }

    [Fact]
    public async Task Unknown_statuses_are_not_terminal_and_the_deadline_throws_with_the_last_state()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(200, Fake.Job("queued"));
        using var client = Fake.Client(http, clock);
        var schedule = new Core.Polling.PollingSchedule { InitialInterval = TimeSpan.FromSeconds(2), Multiplier = 2, MaxInterval = TimeSpan.FromSeconds(8), Timeout = TimeSpan.FromSeconds(30) };

        var e = await Assert.ThrowsAsync<JobWaitTimeoutException>(() => client.WaitForJobAsync(JobId, new JobWaitOptions { Schedule = schedule }));

        Assert.Equal("queued", e.Job!.Status.Value);
        Assert.False(e.Job.Status.IsKnown);
        Assert.Equal(JobId, e.JobId);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Fact]
    public async Task Waiting_with_the_wrong_scraper_says_which_one_the_job_belongs_to()
    {
        var http = new FakeHttp().ThenJson(200, Fake.Job("done", "perplexity", Fake.Answer("perplexity")));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => client.ChatGpt.WaitForResultAsync(JobId));

        Assert.Contains("belongs to the perplexity scraper", e.Message);
    }

    [Fact]
    public void Terminal_states_come_from_the_spec()
    {
        Assert.False(JobStatus.Pending.IsTerminal);
        Assert.True(JobStatus.Done.IsSuccess);
        Assert.True(JobStatus.Failed.IsFailure);
        Assert.Equal(TimeSpan.FromSeconds(2700), ScrapeLlmSpec.Operations.GetJob.Polling.Timeout);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
