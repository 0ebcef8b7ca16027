using System.Net.Http.Headers;
using Specwright.Core.Http;
using Specwright.Core.Polling;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

public sealed class OperationTests
{
    private sealed record State(string Value) : ITerminalState, Serialization.IStringEnumInfo
    {
        public bool IsKnown => Value is "queued" or "running" or "done" or "failed";
        public bool IsTerminal => IsSuccess || IsFailure;
        public bool IsSuccess => Value == "done";
        public bool IsFailure => Value == "failed";
        public override string ToString() => Value;
    }

    private sealed record Job(string Id, State Status);

    private static readonly HttpResponseHeaders NoHeaders = new HttpResponseMessage().Headers;

    /// <summary>A poll that answers the given states in order (the last one forever) and records the ids asked for.</summary>
    private static (OperationPolling<Job> Polling, List<string> Polled) Answers(TestClock clock, params string[] states) => Answers(clock, null, states);

    private static (OperationPolling<Job> Polling, List<string> Polled) Answers(TestClock clock, Microsoft.Extensions.Logging.ILogger? logger, params string[] states)
    {
        var polled = new List<string>();
        return (new OperationPolling<Job>("getJob", (id, _) =>
        {
            polled.Add(id);
            var state = states[Math.Min(polled.Count - 1, states.Length - 1)];
            return Task.FromResult(new ApiResponse<Job>(200, NoHeaders, new Job(id, new State(state))));
        }, job => job.Status, new PollingSchedule { InitialInterval = TimeSpan.FromSeconds(2), Multiplier = 2, MaxInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(1) }, clock, logger), polled);
    }

    [Fact]
    public async Task A_started_operation_waits_one_interval_then_polls_until_done_reporting_every_state()
    {
        var clock = new TestClock();
        var (polling, polled) = Answers(clock, "running", "running", "done");
        var operation = new Operation<Job>("j1", polling, new Job("j1", new State("queued")), justStarted: true);
        var seen = new List<string>();

        var job = await operation.WaitForCompletionAsync(new Progress(seen));

        Assert.Equal("done", job.Status.Value);
        Assert.Equal(["queued", "running", "running", "done"], seen); // the state the start returned comes first
        Assert.Equal(["j1", "j1", "j1"], polled);
        // The first wait (the work has just started) is one initial interval; then the schedule grows.
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], clock.Delays);
        Assert.True(operation.HasCompleted);
        Assert.True(operation.HasValue);
        Assert.Same(job, operation.Value);
        Assert.Equal(200, operation.LastResponse!.StatusCode);
    }

    [Fact]
    public async Task A_rehydrated_operation_polls_at_once()
    {
        var clock = new TestClock();
        var (polling, polled) = Answers(clock, "done");
        var operation = new Operation<Job>("j9", polling);

        Assert.False(operation.HasCompleted);
        await operation.WaitForCompletionAsync();

        Assert.Equal(["j9"], polled);
        Assert.Empty(clock.Delays);
    }

    [Fact]
    public async Task Update_status_polls_once()
    {
        var (polling, polled) = Answers(new TestClock(), "running", "done");
        var operation = new Operation<Job>("j2", polling);

        var first = await operation.UpdateStatusAsync();

        Assert.Equal("running", first.Status.Value);
        Assert.Single(polled);
        Assert.False(operation.HasCompleted);
        var e = Assert.Throws<InvalidOperationException>(() => operation.Value);
        Assert.Contains("j2 has not completed", e.Message);
    }

    [Fact]
    public async Task A_failed_end_throws_the_core_failure_with_the_last_state()
    {
        var (polling, _) = Answers(new TestClock(), "failed");
        var operation = new Operation<Job>("j3", polling);

        var e = await Assert.ThrowsAsync<OperationFailedException<Job>>(() => operation.WaitForCompletionAsync());

        Assert.Equal("j3", e.Id);
        Assert.Equal("failed", e.Last.Status.Value);
        Assert.Equal("getJob j3 ended failed.", e.Message);
        Assert.IsAssignableFrom<OperationFailedException>(e);
        Assert.Throws<OperationFailedException<Job>>(() => operation.Value);
    }

    [Fact]
    public async Task The_deadline_throws_the_core_timeout_naming_the_id_and_the_last_state()
    {
        var clock = new TestClock();
        var (polling, _) = Answers(clock, "running");
        var operation = new Operation<Job>("j4", polling);

        var e = await Assert.ThrowsAsync<OperationTimeoutException<Job>>(() =>
            operation.WaitForCompletionAsync(schedule: new PollingSchedule { InitialInterval = TimeSpan.FromSeconds(10), Multiplier = 1, MaxInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(30) }));

        Assert.Equal("j4", e.Id);
        Assert.Equal("running", e.Last!.Status.Value);
        Assert.Equal(TimeSpan.FromSeconds(30), e.Timeout);
        Assert.IsAssignableFrom<WaitTimeoutException>(e);
    }

    [Fact]
    public async Task Cancellation_throws_instead_of_returning_a_default()
    {
        var (polling, _) = Answers(new TestClock(), "running");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Operation<Job>("j5", polling).WaitForCompletionAsync(cancellationToken: cts.Token));
    }

    [Fact]
    public async Task An_unknown_state_is_not_terminal_and_is_logged()
    {
        var logs = new CapturingLoggerFactory();
        var (polling, polled) = Answers(new TestClock(), logs.CreateLogger("poll"), "paused", "done");

        var job = await new Operation<Job>("j6", polling).WaitForCompletionAsync();

        Assert.Equal("done", job.Status.Value);
        Assert.Equal(2, polled.Count);
        Assert.Contains(logs.Lines, l => l.Contains("getJob: unknown state 'paused', treated as not terminal", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_id_is_refused()
    {
        var (polling, _) = Answers(new TestClock(), "done");
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Operation<Job>(" ", polling)).ParamName);
    }

    private sealed class Progress(List<string> seen) : IProgress<Job>
    {
        public void Report(Job value) => seen.Add(value.Status.Value);
    }
}
