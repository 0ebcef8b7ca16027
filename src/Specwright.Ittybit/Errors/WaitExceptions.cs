using Specwright.Core.Polling;

namespace Specwright.Ittybit;

/// <summary>A task ended <c>failed</c> or <c>cancelled</c>.</summary>
public sealed class TaskFailedException(MediaTask task)
    : OperationFailedException($"Ittybit task {task.Id} ({task.Kind}) ended {task.Status}" + IttybitClient.Reason(task.Error) + ".")
{
    /// <summary>The task as last seen; <see cref="MediaTask.Error"/> says why.</summary>
    public MediaTask Task { get; } = task;
}

/// <summary>A run ended <c>failed</c> (at least one task failed) or <c>cancelled</c>.</summary>
public sealed class RunFailedException(Run run)
    : OperationFailedException($"Ittybit run {run.Id} ended {run.Status}" + IttybitClient.Reason(run.Error) + FailedTasks(run) + ".")
{
    /// <summary>The run as last seen, with its tasks' states.</summary>
    public Run Run { get; } = run;

    private static string FailedTasks(Run run) =>
        run.Tasks?.Where(t => t.Status.IsFailure).Select(t => $"{t.Id} ({t.Kind})").ToList() is { Count: > 0 } failed
            ? $" (failed tasks: {string.Join(", ", failed)})" : "";
}

/// <summary>A task or run was not finished at the wait's deadline. It keeps going; wait again with its id.</summary>
public sealed class IttybitWaitTimeoutException(string resource, string id, Status? lastStatus, TimeSpan timeout)
    : WaitTimeoutException($"Ittybit {resource} {id} was still {lastStatus?.ToString() ?? "unseen"} after {timeout}; it keeps going, wait again with its id.", timeout)
{
    /// <summary><c>task</c> or <c>run</c>.</summary>
    public string Resource { get; } = resource;

    public string Id { get; } = id;

    /// <summary>The status last seen (null if no poll completed).</summary>
    public Status? LastStatus { get; } = lastStatus;
}
