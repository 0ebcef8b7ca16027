using Specwright.Core.Polling;
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

        var job = await client.Gemini.SubmitAndWaitAsync("best pm tools", progress: new SyncProgress<Job>(j => seen.Add(j.Status.Value)));
        var answer = job.ResultAs<GeminiResponse>()!;

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

        var e = await Assert.ThrowsAsync<OperationFailedException<Job>>(() => client.Jobs.GetOperation(JobId).WaitForCompletionAsync());

        Assert.Equal("execution failed", e.Last.Error);
        Assert.Contains("execution failed", e.Message);
        Assert.Contains("refunded", e.Message);
    }

    [Fact]
    public async Task An_expired_or_unknown_job_is_its_own_exception()
    {
        var http = new FakeHttp().ThenJson(404, Fake.Detail("Job not found. It may have expired (jobs are retained for 24 hours) or the ID is invalid."));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<JobExpiredOrUnknownException>(() => client.Jobs.GetOperation(JobId).WaitForCompletionAsync());

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

        var e = await Assert.ThrowsAsync<OperationTimeoutException<Job>>(() => client.Jobs.GetOperation(JobId).WaitForCompletionAsync(schedule: schedule));

        Assert.Equal("queued", e.Last!.Status.Value);
        Assert.False(e.Last.Status.IsKnown);
        Assert.Equal(JobId, e.Id);
        Assert.Equal(TimeSpan.FromSeconds(30), clock.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
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
