using System.Collections.Concurrent;
using Specwright.Core.Polling;
using Specwright.Core.Serialization;
using Specwright.Ittybit;
using Specwright.Sandbox.Faults;
using Specwright.TestSupport;

namespace Specwright.Sandbox.Tests;

/// <summary>The Ittybit SDK against the sandbox over loopback; every response is checked against openapi/ittybit.yaml.</summary>
public sealed class IttybitIntegrationTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly PollingSchedule Fast = SandboxFixture.FastPolling;

    private static CreateRunRequest ChainedRun(string url) => new()
    {
        Tasks =
        [
            new TaskDefinition
            {
                Kind = TaskKind.Ingest, Options = new TaskOptions().Set("url", url),
                Next =
                [
                    new TaskDefinition { Kind = TaskKind.Video, Options = new TaskOptions().Set("width", 640).Set("format", "webm") },
                    new TaskDefinition { Kind = TaskKind.Speech, Next = [new TaskDefinition { Kind = TaskKind.Summary }] },
                ],
            },
        ],
    };

    [Fact]
    public async Task A_run_of_chained_tasks_runs_to_completion_in_order()
    {
        var key = sandbox.NewIttybitKey();
        using var client = sandbox.Ittybit(key, clock: TimeProvider.System);
        var seen = new ConcurrentQueue<Status>();

        var run = await client.Runs.CreateAndWaitAsync(ChainedRun("https://example.com/talk.mp4"),
            new SyncProgress<Run>(r => seen.Enqueue(r.Status)), Fast);

        Assert.Equal(Status.Succeeded, run.Status);
        Assert.Equal(4, run.Tasks!.Count);
        Assert.All(run.Tasks, t => Assert.Equal(Status.Succeeded, t.Status));
        Assert.Equal(Status.Waiting, seen.First());
        Assert.NotNull(run.FinishedAt);

        var tasks = await client.Tasks.ListAsync(new ListTasksOptions { RunId = run.Id, Order = SortOrder.Asc }).ToListAsync();
        var byKind = tasks.ToDictionary(t => t.Kind);
        Assert.Equal([TaskKind.Ingest, TaskKind.Video, TaskKind.Speech, TaskKind.Summary], tasks.Select(t => t.Kind));
        Assert.Null(byKind[TaskKind.Ingest].ParentId);
        Assert.Equal(byKind[TaskKind.Ingest].Id, byKind[TaskKind.Video].ParentId);
        Assert.Equal(byKind[TaskKind.Ingest].Id, byKind[TaskKind.Speech].ParentId);
        Assert.Equal(byKind[TaskKind.Speech].Id, byKind[TaskKind.Summary].ParentId);
        // A chained task starts from its parent's output, after the parent finished.
        Assert.True(byKind[TaskKind.Summary].StartedAt >= byKind[TaskKind.Speech].FinishedAt);
        Assert.Equal(byKind[TaskKind.Ingest].Outputs![0].Url, byKind[TaskKind.Video].Inputs![0].GetProperty("url").GetString());
        Assert.EndsWith(".webm", byKind[TaskKind.Video].Outputs![0].Url);

        var runEvents = await client.Events.ListAsync(new ListEventsOptions { Kind = EventKind.RunSucceeded }).ToListAsync();
        Assert.Equal(run.Id, Assert.Single(runEvents).Run!.Id);
        Assert.Equal(996, sandbox.State.IttybitProjects.Balance(key)); // one credit per task
    }

    [Fact]
    public async Task The_runs_pages_flat_task_list_runs_one_task_after_another_each_on_the_previous_output()
    {
        var key = sandbox.NewIttybitKey();
        using var client = sandbox.Ittybit(key, clock: TimeProvider.System);
        var flat = new CreateRunRequest
        {
            Tasks =
            [
                new TaskDefinition { Kind = TaskKind.Ingest, Options = new TaskOptions().Set("url", "https://example.com/talk.mp4") },
                new TaskDefinition { Kind = TaskKind.Video },
                new TaskDefinition { Kind = TaskKind.Speech },
                new TaskDefinition { Kind = TaskKind.Summary },
            ],
        };

        var run = await client.Runs.CreateAndWaitAsync(flat, schedule: Fast);

        Assert.Equal(Status.Succeeded, run.Status);
        var tasks = await client.Tasks.ListAsync(new ListTasksOptions { RunId = run.Id, Order = SortOrder.Asc }).ToListAsync();
        Assert.Equal([TaskKind.Ingest, TaskKind.Video, TaskKind.Speech, TaskKind.Summary], tasks.Select(t => t.Kind));
        for (var i = 1; i < tasks.Count; i++)
        {
            Assert.Equal(tasks[i - 1].Id, tasks[i].ParentId);
            Assert.True(tasks[i].StartedAt >= tasks[i - 1].FinishedAt, $"{tasks[i].Kind} started before {tasks[i - 1].Kind} finished");
            Assert.Equal(tasks[i - 1].Outputs![0].Url, tasks[i].Inputs![0].GetProperty("url").GetString());
        }
        Assert.Equal(996, sandbox.State.IttybitProjects.Balance(key)); // one credit per task, as with next
        var e = await Assert.ThrowsAsync<UrlRequiredException>(() => client.Runs.CreateAsync(new CreateRunRequest { Tasks = [new TaskDefinition { Kind = TaskKind.Video }] }));
        Assert.Contains("tasks[0] needs its source URL", e.Message);
    }

    [Fact]
    public async Task A_failing_task_fails_the_run_and_cancels_what_was_chained_to_it()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey(), clock: TimeProvider.System);

        var e = await Assert.ThrowsAsync<OperationFailedException<Run>>(() => client.Runs.CreateAndWaitAsync(ChainedRun("https://example.com/fail.mp4"), schedule: Fast));

        Assert.Equal(Status.Failed, e.Last.Status);
        Assert.Contains("task_failed", e.Message);
        var states = e.Last.Tasks!.ToDictionary(t => t.Kind, t => t.Status);
        Assert.Equal(Status.Failed, states[TaskKind.Ingest]);
        Assert.Equal(Status.Cancelled, states[TaskKind.Video]);
        Assert.Equal(Status.Cancelled, states[TaskKind.Speech]);
    }

    [Fact]
    public async Task A_task_is_created_and_waited_for_and_bad_input_gets_its_kind()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey(), clock: TimeProvider.System);
        var states = new ConcurrentQueue<Status>();

        var task = await client.Tasks.CreateAndWaitAsync(new CreateTaskRequest { Url = "https://example.com/a.mp4", Kind = TaskKind.Image, Options = new TaskOptions().Set("format", "webp") },
            new SyncProgress<MediaTask>(t => states.Enqueue(t.Status)), Fast);

        Assert.Equal((Status.Succeeded, 100), (task.Status, task.Progress));
        Assert.Equal("image/webp", Assert.Single(task.Outputs!).Type);
        Assert.Equal(states.Distinct(), states.Distinct().Order(Comparer<Status>.Create((a, b) =>
            Array.IndexOf(Status.KnownValues.ToArray(), a).CompareTo(Array.IndexOf(Status.KnownValues.ToArray(), b))))); // never goes back

        var format = await Assert.ThrowsAsync<FormatUnsupportedException>(() =>
            client.Tasks.CreateAsync(new CreateTaskRequest { Url = "https://example.com/a.mp4", Kind = TaskKind.Video, Options = new TaskOptions().Set("format", "mp3") }));
        Assert.Contains("mp4, webm, mov", format.ErrorMessage);
        await Assert.ThrowsAsync<UrlRequiredException>(() => client.Runs.CreateAsync(new CreateRunRequest { Tasks = [new TaskDefinition { Kind = TaskKind.Ingest }] }));
        await Assert.ThrowsAsync<TaskNotFoundException>(() => client.Tasks.GetAsync("task_nope"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => client.Runs.GetAsync("run_nope"));
        await Assert.ThrowsAsync<EventNotFoundException>(() => client.Events.GetAsync("evt_nope"));
    }

    [Fact]
    public async Task Paging_through_250_tasks_follows_the_cursor_in_the_headers()
    {
        var key = sandbox.NewIttybitKey();
        using var client = sandbox.Ittybit(key);
        var created = new List<string>();
        for (var i = 0; i < 250; i++)
            created.Add((await client.Tasks.CreateAsync(new CreateTaskRequest { Url = $"https://example.com/{i}.mp4", Kind = TaskKind.Video })).Value.Id);
        var before = sandbox.State.Log.Count(IttybitSpec.Operations.ListTasks.Id);

        var all = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 100 }).Select(t => t.Id).ToListAsync();

        Assert.Equal(Enumerable.Reverse(created), all); // newest first, each once
        Assert.Equal(3, sandbox.State.Log.Count(IttybitSpec.Operations.ListTasks.Id) - before);

        var first = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 100, Order = SortOrder.Asc }).AsPages().FirstAsync();
        Assert.Equal((100, true, created[99], 100), (first.Count, first.HasMore, first.NextCursor, first.Limit));
        var last = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 100, Order = SortOrder.Asc }).AsPages(created[199]).FirstAsync();
        Assert.Equal((50, false, null), (last.Count, last.HasMore, last.NextCursor));
        Assert.Equal(created[200..], last.Select(t => t.Id));

        var stopEarly = await client.Tasks.ListAsync(new ListTasksOptions { Limit = 10 }).Take(15).CountAsync();
        Assert.Equal(15, stopEarly);
    }

    [Fact]
    public async Task Automations_are_created_paused_run_on_demand_and_deleted()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey(), clock: TimeProvider.System);
        Automation automation = await client.Automations.CreateAsync(new CreateAutomationRequest
        {
            Name = "Web versions", Status = AutomationStatus.Paused,
            Workflow = [new TaskDefinition { Kind = TaskKind.Ingest, Next = [new TaskDefinition { Kind = TaskKind.Video, Options = new TaskOptions().Set("width", 1280) }] }],
        });
        Assert.Equal(automation.Id, Assert.Single(await client.Automations.ListAsync(new ListAutomationsOptions { Status = AutomationStatus.Paused }).ToListAsync()).Id);
        Assert.Empty(await client.Automations.ListAsync(new ListAutomationsOptions { Status = AutomationStatus.Active }).ToListAsync());

        var paused = await Assert.ThrowsAsync<RequestInvalidException>(() => client.Automations.RunAsync(automation.Id, new RunAutomationRequest { Url = "https://example.com/v.mp4" }));
        Assert.Contains("paused", paused.ErrorMessage);

        await client.Automations.UpdateAsync(automation.Id, new UpdateAutomationRequest { Status = AutomationStatus.Active });
        var run = await client.Automations.RunAndWaitAsync(automation.Id, new RunAutomationRequest { Url = "https://example.com/v.mp4" }, schedule: Fast);
        Assert.Equal((Status.Succeeded, 2), (run.Status, run.Tasks!.Count));

        await client.Automations.DeleteAsync(automation.Id);
        await Assert.ThrowsAsync<AutomationNotFoundException>(() => client.Automations.GetAsync(automation.Id));
    }

    [Fact]
    public async Task The_bearer_key_is_checked_and_each_auth_failure_has_its_kind()
    {
        using var unknown = sandbox.Ittybit("ittybit_not_a_real_key");
        await Assert.ThrowsAsync<TokenInvalidException>(() => unknown.Tasks.GetAsync("task_x"));

        using var org = sandbox.Ittybit(SandboxOptions.IttybitOrgKey);
        var e = await Assert.ThrowsAsync<ProjectRequiredException>(() => org.Runs.ListAsync().AsPages().FirstAsync().AsTask());
        Assert.Equal(403, e.StatusCode);

        using var raw = new HttpClient(sandbox.CheckedIttybit());
        using var response = await raw.GetAsync(new Uri(sandbox.Server.IttybitBaseUrl + "/tasks"));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("\"kind\":\"token_missing\"", await response.Content.ReadAsStringAsync());

        using var broke = sandbox.Ittybit(sandbox.NewIttybitKey(credits: 0));
        await Assert.ThrowsAsync<PaymentRequiredException>(() => broke.Tasks.CreateAsync(new CreateTaskRequest { Url = "https://example.com/a.mp4", Kind = TaskKind.Video }));
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_a_500_on_create_is_not()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey());
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 429, RetryAfter = 1, Service = "ittybit", Operation = "listRuns" });
        var page = await client.Runs.ListAsync().AsPages().FirstAsync();
        Assert.False(page.HasMore);

        var creates = sandbox.State.Log.Count(IttybitSpec.Operations.CreateTask.Id);
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 500, Service = "ittybit", Operation = "createTask" });
        await Assert.ThrowsAsync<InternalErrorException>(() => client.Tasks.CreateAsync(new CreateTaskRequest { Url = "https://example.com/a.mp4", Kind = TaskKind.Video }));
        Assert.Equal(1, sandbox.State.Log.Count(IttybitSpec.Operations.CreateTask.Id) - creates); // may have started billed work: not retried
    }

    [Fact]
    public async Task Webhook_endpoints_are_managed_and_paged()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey());
        WebhookEndpoint a = await client.Webhooks.CreateEndpointAsync(new CreateWebhookEndpointRequest { Url = "https://example.com/hooks/a", Topics = [EventKind.TaskSucceeded] });
        WebhookEndpoint b = await client.Webhooks.CreateEndpointAsync(new CreateWebhookEndpointRequest { Url = "https://example.com/hooks/b", Topics = [EventKind.RunFailed, EventKind.RunSucceeded] });
        Assert.Equal([b.Id, a.Id], await client.Webhooks.ListEndpointsAsync(new ListWebhookEndpointsOptions { Limit = 1 }).Select(e => e.Id).ToListAsync());

        WebhookEndpoint updated = await client.Webhooks.UpdateEndpointAsync(a.Id, new UpdateWebhookEndpointRequest { Status = WebhookEndpointStatus.Paused, Topics = [EventKind.TaskFailed] });
        Assert.Equal((WebhookEndpointStatus.Paused, EventKind.TaskFailed), (updated.Status, Assert.Single(updated.Topics)));
        // HTTPS only: the spec's pattern refuses it before sending.
        var insecure = await Assert.ThrowsAsync<ArgumentException>(() => client.Webhooks.CreateEndpointAsync(new CreateWebhookEndpointRequest { Url = "http://example.com/hooks", Topics = [EventKind.TaskFailed] }));
        Assert.Equal("body.Url", insecure.ParamName);

        await client.Webhooks.DeleteEndpointAsync(a.Id);
        await Assert.ThrowsAsync<WebhookEndpointNotFoundException>(() => client.Webhooks.DeleteEndpointAsync(a.Id));
    }
}

/// <summary>Reports synchronously, in order (Progress&lt;T&gt; posts to the thread pool and may reorder).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
