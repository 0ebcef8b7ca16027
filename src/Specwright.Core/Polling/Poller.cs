using Microsoft.Extensions.Logging;
using Specwright.Core.Diagnostics;

namespace Specwright.Core.Polling;

/// <summary>One wait: how to fetch the state, how to read it, and what to throw.</summary>
public sealed class PollRequest<T> where T : class
{
    public required string OperationName { get; init; }
    public required Func<CancellationToken, Task<T>> Fetch { get; init; }
    public required Func<T, ITerminalState> StateOf { get; init; }
    public required Func<T, Exception> OnFailure { get; init; }
    public required Func<T?, TimeSpan, Exception> OnTimeout { get; init; }
    public required PollingSchedule Schedule { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IProgress<T>? Progress { get; init; }

    /// <summary>A server's hint for the next poll (e.g. a Retry-After); the wait is never shorter.</summary>
    public Func<T, TimeSpan?>? ServerHint { get; init; }

    /// <summary>False when the caller knows the work was just started (skip the immediate first poll).</summary>
    public bool PollImmediately { get; init; } = true;

    public ILogger? Logger { get; init; }
}

/// <summary>
/// The one poller of all services: polls until a terminal state taken from the spec, with a growing
/// interval (initial, x multiplier, capped, raised to any server hint), reporting each state in order.
/// Unknown states are not terminal. Cancellation throws; a deadline throws the service's timeout exception.
/// </summary>
public static class Poller
{
    public static async Task<T> WaitAsync<T>(PollRequest<T> r, CancellationToken cancellationToken) where T : class
    {
        var schedule = r.Schedule;
        var started = r.Time.GetTimestamp();
        var interval = schedule.InitialInterval;
        T? last = null;
        if (!r.PollImmediately) await DelayAsync(r, Min(interval, schedule.Timeout), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            last = await r.Fetch(cancellationToken).ConfigureAwait(false);
            SpecwrightTelemetry.Polls.Add(1, new KeyValuePair<string, object?>("operation", r.OperationName));
            r.Progress?.Report(last);
            var state = r.StateOf(last);
            r.Logger?.LogDebug("{Operation}: poll says {State}", r.OperationName, state);
            if (state.IsSuccess) return last;
            if (state.IsFailure) throw r.OnFailure(last);
            if (state is Serialization.IStringEnumInfo { IsKnown: false } unknown)
                r.Logger?.LogWarning("{Operation}: unknown state '{State}', treated as not terminal", r.OperationName, unknown);

            var elapsed = r.Time.GetElapsedTime(started);
            var remaining = schedule.Timeout - elapsed;
            if (remaining <= TimeSpan.Zero) throw r.OnTimeout(last, schedule.Timeout);
            var wait = r.ServerHint?.Invoke(last) is { } hint && hint > interval ? hint : interval;
            await DelayAsync(r, Min(wait, remaining), cancellationToken).ConfigureAwait(false);
            interval = NextInterval(interval, schedule);
        }
    }

    /// <summary>The intervals the schedule produces, in order (for docs, tests and benchmarks).</summary>
    public static IEnumerable<TimeSpan> Intervals(PollingSchedule schedule)
    {
        var interval = schedule.InitialInterval;
        while (true)
        {
            yield return interval;
            interval = NextInterval(interval, schedule);
        }
    }

    private static TimeSpan NextInterval(TimeSpan interval, PollingSchedule schedule) =>
        Min(TimeSpan.FromTicks((long)(interval.Ticks * schedule.Multiplier)), schedule.MaxInterval);

    private static Task DelayAsync<T>(PollRequest<T> r, TimeSpan delay, CancellationToken ct) where T : class =>
        Task.Delay(delay, r.Time, ct);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
