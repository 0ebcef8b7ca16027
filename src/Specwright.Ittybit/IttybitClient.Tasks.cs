using Specwright.Core;
using Specwright.Core.Paging;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Ittybit;

public partial class IttybitClient
{
    /// <summary>Starts one media operation (a run is created for it; see <see cref="MediaTask.RunId"/>). Usually <c>waiting</c>.</summary>
    [SpecOperation("createTask")]
    public virtual Task<MediaTask> CreateTaskAsync(CreateTaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfBlank(request.Url, "request.Url");
        return Api.CreateTaskAsync(request, cancellationToken);
    }

    /// <summary>A task in any state. An unknown id throws <see cref="TaskNotFoundException"/>.</summary>
    [SpecOperation("getTask")]
    public virtual Task<MediaTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(taskId, nameof(taskId));
        return Api.GetTaskAsync(taskId, cancellationToken);
    }

    /// <summary>
    /// Polls a task until <c>succeeded</c> and returns it (<c>finishing</c> is not the end; an unknown status is
    /// logged and polled on). Throws <see cref="TaskFailedException"/> for <c>failed</c> or <c>cancelled</c>,
    /// <see cref="IttybitWaitTimeoutException"/> at the deadline.
    /// </summary>
    [SpecOperation("getTask")]
    public virtual Task<MediaTask> WaitForTaskAsync(string taskId, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(taskId, nameof(taskId));
        return WaitForTaskAsync(taskId, options, pollImmediately: true, cancellationToken);
    }

    /// <summary>Creates a task and waits for it as <see cref="WaitForTaskAsync(string, WaitOptions?, CancellationToken)"/> does.</summary>
    [SpecOperation("createTask")]
    public virtual async Task<MediaTask> CreateTaskAndWaitAsync(CreateTaskRequest request, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var task = await CreateTaskAsync(request, cancellationToken).ConfigureAwait(false);
        options?.TaskProgress?.Report(task);
        return task.Status.IsTerminal
            ? task.Status.IsSuccess ? task : throw new TaskFailedException(task)
            : await WaitForTaskAsync(task.Id, options, pollImmediately: false, cancellationToken).ConfigureAwait(false);
    }

    private Task<MediaTask> WaitForTaskAsync(string taskId, WaitOptions? options, bool pollImmediately, CancellationToken cancellationToken) =>
        WaitAsync("task", Ops.GetTask.Id, taskId, ct => Api.GetTaskAsync(taskId, ct), t => t.Status, t => new TaskFailedException(t),
            options?.Schedule ?? Ops.GetTask.Polling, options?.TaskProgress, pollImmediately, cancellationToken);

    /// <summary>Every task matching <paramref name="options"/>, newest first unless ordered otherwise, fetching pages as you enumerate.</summary>
    [SpecOperation("listTasks")]
    public virtual IAsyncEnumerable<MediaTask> ListTasksAsync(TaskListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAll(Ops.ListTasks.Id, options, ListTasksCall(options), t => t.Id, cancellationToken);

    /// <summary>One page of tasks; pass its <see cref="Page{T}.NextCursor"/> as <c>After</c> for the next (while <see cref="Page{T}.HasMore"/>).</summary>
    [SpecOperation("listTasks")]
    public virtual Task<Page<MediaTask>> ListTasksPageAsync(TaskListOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(Ops.ListTasks.Id, ListTasksCall(options), options?.After, t => t.Id, cancellationToken);

    private ListCall<MediaTask> ListTasksCall(TaskListOptions? o) => (after, ct) =>
        Api.ListTasksAsync(o?.CheckedLimit(), after, o?.Before, o?.Order, o?.Status, o?.Kind, o?.RunId, o?.CreatedBy, ct);
}
