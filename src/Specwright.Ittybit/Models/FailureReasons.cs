using Specwright.Core.Polling;

namespace Specwright.Ittybit;

// Why a task or run failed, for the message of OperationFailedException<T>: "getTask task_1 ended failed: format_unsupported - WMA is not supported."
public partial class MediaTask : IFailureReason
{
    string? IFailureReason.FailureReason => Describe(Error);

    internal static string? Describe(TaskError? error) =>
        error is null ? null : string.Join(" - ", new[] { error.Kind, error.Message?.TrimEnd('.') }.Where(s => !string.IsNullOrEmpty(s)));
}

public partial class Run : IFailureReason
{
    string? IFailureReason.FailureReason
    {
        get
        {
            var failed = Tasks?.Where(t => t.Status.IsFailure).Select(t => $"{t.Id} ({t.Kind})").ToList();
            var reason = MediaTask.Describe(Error);
            return failed is { Count: > 0 } ? $"{reason}{(string.IsNullOrEmpty(reason) ? "" : "; ")}failed tasks: {string.Join(", ", failed)}" : reason;
        }
    }
}
