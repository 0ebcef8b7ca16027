using Microsoft.Extensions.Logging;
using Specwright.Core.Http;

namespace Specwright.Core.Polling;

/// <summary>Whether a call that starts long-running work returns once it started, or once it completed.</summary>
public enum WaitUntil
{
    Started,
    Completed,
}

/// <summary>How a generated <see cref="Operation{T}"/> polls: the poll call, the state of a value, and the spec's schedule.</summary>
public sealed record OperationPolling<T>(
    string OperationId,
    Func<string, CancellationToken, Task<ApiResponse<T>>> Poll,
    Func<T, ITerminalState> StateOf,
    PollingSchedule Schedule,
    TimeProvider Time,
    ILogger? Logger = null)
    where T : class;

/// <summary>
/// Long-running work on the server, identified by <see cref="Id"/>: poll it once (<see cref="UpdateStatusAsync"/>)
/// or until it ends (<see cref="WaitForCompletionAsync"/>). Made by the call that starts the work, or from
/// the id of work started elsewhere or before a restart (the generated <c>…Operation(id)</c> method).
/// </summary>
public class Operation<T> where T : class
{
    private readonly OperationPolling<T>? _polling;
    private T? _current;
    private bool _justStarted;

    /// <summary>For mocking.</summary>
    protected Operation() => Id = "";

    /// <param name="id">The id the work is polled by.</param>
    /// <param name="polling">How to poll it (generated from the spec).</param>
    /// <param name="current">The state the starting call returned, when it is the polled type.</param>
    /// <param name="justStarted">The work was started just now: the first poll waits one interval.</param>
    public Operation(string id, OperationPolling<T> polling, T? current = null, bool justStarted = false)
    {
        if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("An operation id is required and must not be empty.", nameof(id));
        Id = id;
        _polling = polling ?? throw new ArgumentNullException(nameof(polling));
        _current = current;
        _justStarted = justStarted;
    }

    /// <summary>The id the work is polled by.</summary>
    public string Id { get; }

    /// <summary>The state last seen (null before the first poll of a rehydrated operation).</summary>
    public virtual T? Current => _current;

    /// <summary>The response of the last poll.</summary>
    public virtual ApiResponse<T>? LastResponse { get; private set; }

    /// <summary>True once the last state seen is terminal (succeeded or failed).</summary>
    public virtual bool HasCompleted => _current is not null && Polling.StateOf(_current).IsTerminal;

    /// <summary>True once the work succeeded.</summary>
    public virtual bool HasValue => _current is not null && Polling.StateOf(_current).IsSuccess;

    /// <summary>The result of work that succeeded; throws when it failed or has not completed.</summary>
    public virtual T Value => HasValue ? _current!
        : HasCompleted ? throw Failed(_current!)
        : throw new InvalidOperationException($"{Polling.OperationId} {Id} has not completed; call WaitForCompletionAsync or UpdateStatusAsync first.");

    private OperationPolling<T> Polling => _polling ?? throw new InvalidOperationException("This Operation was made for mocking and cannot poll.");

    /// <summary>Polls once and returns the state.</summary>
    public virtual async Task<T> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await Polling.Poll(Id, cancellationToken).ConfigureAwait(false);
        LastResponse = response;
        _current = response.Value;
        _justStarted = false;
        return response.Value;
    }

    /// <summary>
    /// Polls until the work ends, on the spec's schedule unless <paramref name="schedule"/> is given, reporting
    /// every state to <paramref name="progress"/> (the one already known first). Throws <see cref="OperationFailedException{T}"/> for a failed
    /// end, <see cref="OperationTimeoutException{T}"/> at the deadline (the work goes on; wait again by id), and
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public virtual async Task<T> WaitForCompletionAsync(IProgress<T>? progress = null, PollingSchedule? schedule = null, CancellationToken cancellationToken = default)
    {
        var polling = Polling;
        if (_current is not null)
        {
            progress?.Report(_current);
            if (polling.StateOf(_current).IsTerminal) return Value;
        }
        return await Poller.WaitAsync(new PollRequest<T>
        {
            OperationName = polling.OperationId,
            Fetch = UpdateStatusAsync,
            StateOf = polling.StateOf,
            OnFailure = Failed,
            OnTimeout = (last, timeout) => new OperationTimeoutException<T>(polling.OperationId, Id, last, last is null ? null : polling.StateOf(last), timeout),
            Schedule = schedule ?? polling.Schedule,
            Progress = progress,
            Time = polling.Time,
            // Work that was just started is not polled at once; rehydrated work is.
            PollImmediately = !_justStarted,
            Logger = polling.Logger,
        }, cancellationToken).ConfigureAwait(false);
    }

    private OperationFailedException<T> Failed(T last) => new(Polling.OperationId, Id, last, Polling.StateOf(last));

    public override string ToString() => $"Operation({Id}, {(_current is null ? "not polled" : Polling.StateOf(_current).ToString())})";
}

/// <summary>A polled type that can say why its work failed (a handwritten partial of a generated model).</summary>
public interface IFailureReason
{
    string? FailureReason { get; }
}

/// <summary>Long-running work ended in a failed state (e.g. <c>failed</c>, <c>cancelled</c>).</summary>
public sealed class OperationFailedException<T> : OperationFailedException where T : class
{
    public OperationFailedException(string operationId, string id, T last, ITerminalState state)
        : base($"{operationId} {id} ended {state}" + (last is IFailureReason { FailureReason: { Length: > 0 } reason } ? $": {reason.TrimEnd('.')}." : "."))
    {
        OperationId = operationId;
        Id = id;
        Last = last;
    }

    /// <summary>The poll operation.</summary>
    public string OperationId { get; }

    /// <summary>The id of the work.</summary>
    public string Id { get; }

    /// <summary>The state last seen.</summary>
    public T Last { get; }
}

/// <summary>A wait reached its deadline; the work goes on and can be waited for again by its id.</summary>
public sealed class OperationTimeoutException<T> : WaitTimeoutException where T : class
{
    public OperationTimeoutException(string operationId, string id, T? last, ITerminalState? state, TimeSpan timeout)
        : base($"{operationId} {id} was still {state?.ToString() ?? "not polled"} after {timeout}; the work goes on, wait again with its id.", timeout)
    {
        OperationId = operationId;
        Id = id;
        Last = last;
    }

    public string OperationId { get; }
    public string Id { get; }

    /// <summary>The state last seen (null if no poll completed).</summary>
    public T? Last { get; }
}
