using Specwright.Core;
using Specwright.Core.Paging;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Ittybit;

public partial class IttybitClient
{
    /// <summary>Starts a workflow: top-level tasks start together, each task's <c>Next</c> tasks when it succeeds.</summary>
    [SpecOperation("createRun")]
    public virtual Task<Run> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tasks is not { Count: > 0 }) throw new ArgumentException("'request.Tasks' must hold at least one task.", nameof(request));
        return Api.CreateRunAsync(request, cancellationToken);
    }

    /// <summary>A run in any state, with its tasks in brief. An unknown id throws <see cref="RunNotFoundException"/>.</summary>
    [SpecOperation("getRun")]
    public virtual Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(runId, nameof(runId));
        return Api.GetRunAsync(runId, cancellationToken);
    }

    /// <summary>
    /// Polls a run until <c>succeeded</c> (all its tasks, chained ones included) and returns it. Throws
    /// <see cref="RunFailedException"/> for <c>failed</c> or <c>cancelled</c>, <see cref="IttybitWaitTimeoutException"/> at the deadline.
    /// </summary>
    [SpecOperation("getRun")]
    public virtual Task<Run> WaitForRunAsync(string runId, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(runId, nameof(runId));
        return WaitForRunAsync(runId, options, pollImmediately: true, cancellationToken);
    }

    /// <summary>Creates a run and waits for it as <see cref="WaitForRunAsync(string, WaitOptions?, CancellationToken)"/> does.</summary>
    [SpecOperation("createRun")]
    public virtual async Task<Run> CreateRunAndWaitAsync(CreateRunRequest request, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = await CreateRunAsync(request, cancellationToken).ConfigureAwait(false);
        return await SettleAsync(run, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports a just-started run and waits for it unless it is already over.</summary>
    private async Task<Run> SettleAsync(Run run, WaitOptions? options, CancellationToken cancellationToken)
    {
        options?.RunProgress?.Report(run);
        return run.Status.IsTerminal
            ? run.Status.IsSuccess ? run : throw new RunFailedException(run)
            : await WaitForRunAsync(run.Id, options, pollImmediately: false, cancellationToken).ConfigureAwait(false);
    }

    private Task<Run> WaitForRunAsync(string runId, WaitOptions? options, bool pollImmediately, CancellationToken cancellationToken) =>
        WaitAsync("run", Ops.GetRun.Id, runId, ct => Api.GetRunAsync(runId, ct), r => r.Status, r => new RunFailedException(r),
            options?.Schedule ?? Ops.GetRun.Polling, options?.RunProgress, pollImmediately, cancellationToken);

    /// <summary>Every run matching <paramref name="options"/>, fetching pages as you enumerate.</summary>
    [SpecOperation("listRuns")]
    public virtual IAsyncEnumerable<Run> ListRunsAsync(RunListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAll(Ops.ListRuns.Id, options, ListRunsCall(options), r => r.Id, cancellationToken);

    /// <summary>One page of runs.</summary>
    [SpecOperation("listRuns")]
    public virtual Task<Page<Run>> ListRunsPageAsync(RunListOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(Ops.ListRuns.Id, ListRunsCall(options), options?.After, r => r.Id, cancellationToken);

    private ListCall<Run> ListRunsCall(RunListOptions? o) => (after, ct) =>
        Api.ListRunsAsync(o?.CheckedLimit(), after, o?.Before, o?.Order, o?.Status, ct);
}
