using System.Text.Json;
using Specwright.Core.Polling;
using Specwright.TestSupport;

namespace Specwright.Ittybit.Tests;

public class StatusModelTests
{
    [Fact]
    public void Terminal_states_come_from_the_spec_and_finishing_is_not_one()
    {
        Assert.Equal(["succeeded"], Status.KnownValues.Where(s => s.IsSuccess).Select(s => s.Value));
        Assert.Equal(["failed", "cancelled"], Status.KnownValues.Where(s => s.IsFailure).Select(s => s.Value));
        Assert.False(Status.Finishing.IsTerminal);
        Assert.False(new Status("ready").IsTerminal);
    }

    [Fact]
    public async Task A_wait_polls_through_finishing_and_an_unknown_status_logging_it_until_succeeded()
    {
        var clock = new TestClock();
        var logs = new CapturingLoggerFactory();
        var http = new FakeHttp()
            .ThenJson(200, Fake.Task("task_1", "processing", ",\"progress\":40"))
            .ThenJson(200, Fake.Task("task_1", "finishing"))
            .ThenJson(200, Fake.Task("task_1", "ready"))
            .ThenJson(200, Fake.Task("task_1", "succeeded", ",\"progress\":100"));
        using var client = Fake.Client(http, clock, logs: logs);
        var seen = new List<string>();

        var task = await client.Tasks.GetOperation("task_1").WaitForCompletionAsync(new SyncProgress<MediaTask>(t => seen.Add(t.Status.Value)));

        Assert.Equal(Status.Succeeded, task.Status);
        Assert.Equal(["processing", "finishing", "ready", "succeeded"], seen);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning") && l.Contains("unknown state 'ready'"));
        Assert.Equal(new[] { 2, 3, 4.5 }.Select(TimeSpan.FromSeconds), clock.Delays); // the spec's schedule
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task A_failed_or_cancelled_task_throws_with_its_error(string status)
    {
        var http = new FakeHttp().ThenJson(200, Fake.Task("task_1", status, ",\"error\":{\"kind\":\"task_failed\",\"message\":\"Bad input.\"}"));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<OperationFailedException<MediaTask>>(() => client.Tasks.GetOperation("task_1").WaitForCompletionAsync());

        Assert.Equal($"getTask task_1 ended {status}: task_failed - Bad input.", e.Message);
        Assert.Equal(status, e.Last.Status.Value);
    }

    [Fact]
    public async Task CreateTaskAndWait_waits_one_interval_before_the_first_poll_and_a_failed_run_names_its_failed_tasks()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(201, Fake.Task("task_1", "waiting"))
            .ThenJson(200, Fake.Task("task_1", "succeeded"));
        using var client = Fake.Client(http, clock);

        var seen = new List<string>();
        await client.Tasks.CreateAndWaitAsync(new CreateTaskRequest { Url = "https://x/a.mp4", Kind = TaskKind.Video }, new SyncProgress<MediaTask>(t => seen.Add(t.Status.Value)));
        Assert.Equal([TimeSpan.FromSeconds(2)], clock.Delays);
        Assert.Equal(["waiting", "succeeded"], seen);

        var runs = new FakeHttp().ThenJson(200, Fake.Run("run_1", "failed", ",\"tasks\":[{\"id\":\"task_a\",\"kind\":\"ingest\",\"status\":\"succeeded\"},{\"id\":\"task_b\",\"kind\":\"video\",\"status\":\"failed\"}]"));
        using var runClient = Fake.Client(runs);
        var e = await Assert.ThrowsAsync<OperationFailedException<Run>>(() => runClient.Runs.GetOperation("run_1").WaitForCompletionAsync());
        Assert.Contains("failed tasks: task_b (video)", e.Message);
    }

    [Fact]
    public async Task The_deadline_throws_with_the_last_status_seen()
    {
        var clock = new TestClock();
        var http = new FakeHttp().ThenJson(200, Fake.Run("run_1", "processing"));
        using var client = Fake.Client(http, clock);

        var e = await Assert.ThrowsAsync<OperationTimeoutException<Run>>(() => client.Runs.GetOperation("run_1").WaitForCompletionAsync(
            schedule: new PollingSchedule { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromSeconds(20) }));

        Assert.Equal(("run_1", Status.Processing), (e.Id, e.Last!.Status));
        Assert.Contains("still processing after 00:00:20", e.Message);
    }

    [Fact]
    public void Unix_second_timestamps_are_DateTimeOffsets_and_are_written_back_as_seconds()
    {
        var task = JsonSerializer.Deserialize(Fake.Task("task_1", "succeeded", ",\"started_at\":1735689826,\"finished_at\":null"), IttybitJsonContext.Default.MediaTask)!;

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 3, 45, TimeSpan.Zero), task.CreatedAt);
        Assert.Equal(task.CreatedAt!.Value.AddSeconds(1), task.StartedAt);
        Assert.Null(task.FinishedAt);
        Assert.Contains("\"created_at\":1735689825", JsonSerializer.Serialize(task, IttybitJsonContext.Default.MediaTask));
        var bad = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(Fake.Task("t", "waiting").Replace("1735689825", "\"2025-01-01\""), IttybitJsonContext.Default.MediaTask));
        Assert.Contains("Unix timestamp", bad.Message);
    }
}

internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
