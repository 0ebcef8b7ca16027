using Specwright.Core.Polling;
using Specwright.TestSupport;

namespace Specwright.WebScrape.Tests;

public class PollingTests
{
    private sealed class ListProgress<T> : IProgress<T>
    {
        public readonly List<T> Items = [];
        public void Report(T value) { lock (Items) Items.Add(value); }
    }

    [Fact]
    public async Task Wait_reports_every_state_in_order_and_backs_off_2_3_4_5_6_75_10_10()
    {
        var clock = new TestClock();
        var http = new FakeHttp();
        foreach (var (s, p) in new[] { ("queued", 0), ("running", 1), ("running", 2), ("running", 3), ("running", 4), ("running", 5) }) http.ThenJson(200, ClientFactory.Run(s, pages: p));
        http.ThenJson(200, ClientFactory.Run("completed", pages: 6, extra: ""","result":{"pages":[{"items":[{"name":"A"},{"name":"B"}]}],"mode":"replay","drift":0.02,"warnings":[]}"""));
        using var client = ClientFactory.Create(http, clock);
        var progress = new ListProgress<SmartBrowseRun>();

        var run = await client.SmartBrowse.GetRunOperation("k7Xb9dRmQ2p").WaitForCompletionAsync(progress);

        Assert.Equal(RunStatus.Completed, run.RunStatus);
        Assert.Equal(["A", "B"], run.Items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["queued", "running", "running", "running", "running", "running", "completed"], progress.Items.Select(r => r.RunStatus.Value));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], progress.Items.Select(r => r.PagesExtracted));
        Assert.Equal(new[] { 2, 3, 4.5, 6.75, 10, 10 }.Select(TimeSpan.FromSeconds), clock.Delays);
        Assert.Equal(7, http.Requests.Count);
        Assert.All(http.Requests, r => Assert.EndsWith("/v1/smartbrowse/runs/k7Xb9dRmQ2p", r.Uri.AbsoluteUri));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task A_failed_or_cancelled_run_throws_OperationFailedException_carrying_the_run(string status)
    {
        var http = new FakeHttp().ThenJson(200, ClientFactory.Run("running")).ThenJson(200, ClientFactory.Run(status, extra: ""","error":"target page did not load within timeout" """));
        using var client = ClientFactory.Create(http);

        var e = await Assert.ThrowsAsync<OperationFailedException<SmartBrowseRun>>(() => client.SmartBrowse.GetRunOperation("k7Xb9dRmQ2p").WaitForCompletionAsync());

        Assert.Equal(status, e.Last.RunStatus.Value);
        Assert.Equal($"getSmartBrowseRun k7Xb9dRmQ2p ended {status}: target page did not load within timeout.", e.Message);
        Assert.Contains("target page did not load", e.Message);
    }

    [Fact]
    public async Task Default_deadline_is_the_15_minute_run_cap_from_the_spec()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(200, ClientFactory.Run("running"));
        using var client = ClientFactory.Create(http, clock);

        await Assert.ThrowsAsync<OperationTimeoutException<SmartBrowseRun>>(() => client.SmartBrowse.GetRunOperation("k7Xb9dRmQ2p").WaitForCompletionAsync());

        Assert.Equal(TimeSpan.FromMinutes(15), clock.Elapsed);
    }

    [Fact]
    public async Task RunAndWait_dispatches_then_waits_one_interval_before_the_first_poll()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(202, """{"status":"queued","data":{"run_id":"r9","recipe_id":"m3Yc2tFvN8q","run_status":"running","poll_url":"/v1/smartbrowse/runs/r9","created_at":"2026-05-21T17:42:01Z"},"request_id":"req_d"}""")
            .ThenJson(200, ClientFactory.Run("completed", id: "r9"));
        using var client = ClientFactory.Create(http, clock);

        var run = await client.SmartBrowse.RunAndWaitAsync("m3Yc2tFvN8q");

        Assert.Equal("r9", run.Id);
        Assert.Equal(HttpMethod.Post, http.Requests[0].Method);
        Assert.EndsWith("/v1/smartbrowse/recipes/m3Yc2tFvN8q/run", http.Requests[0].Uri.AbsoluteUri);
        Assert.EndsWith("/v1/smartbrowse/runs/r9", http.Requests[1].Uri.AbsoluteUri);
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Delays);
    }

    [Fact]
    public void Schedule_defaults_come_from_the_spec()
    {
        Assert.Equal(new[] { 2, 3, 4.5, 6.75, 10, 10 }.Select(TimeSpan.FromSeconds),
            Poller.Intervals(WebScrapeSpec.Operations.GetSmartBrowseRun.Polling).Take(6));
        Assert.Equal(TimeSpan.FromMinutes(15), WebScrapeSpec.Operations.GetSmartBrowseRun.Polling.Timeout);
    }

    private sealed class CancelOnReport(CancellationTokenSource cts, int after) : IProgress<SmartBrowseRun>
    {
        private int _seen;
        public void Report(SmartBrowseRun value)
        {
            if (Interlocked.Increment(ref _seen) == after) cts.Cancel();
        }
    }
}
