using System.Diagnostics;

namespace Specwright.Benchmarks.Scenarios;

/// <summary>
/// Real time run faster by <see cref="Scale"/>: a minute passes in 60/Scale seconds, for the sandbox's
/// rate-limit window and the client's waits alike. Used where many callers run at once.
/// </summary>
public sealed class ScaledClock(double scale, DateTimeOffset? realStart = null) : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Scale { get; } = scale;

    /// <summary>
    /// Scaled time since this clock was made, or, given <c>realStart</c>, since that wall-clock instant: processes that share a
    /// <c>realStart</c> share the scaled time (a fleet of workers and the sandbox they call).
    /// </summary>
    public TimeSpan Elapsed => realStart is { } start
        ? TimeSpan.FromTicks((long)((DateTimeOffset.UtcNow - start).Ticks * Scale))
        : TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(_start).Ticks * Scale));

    public override DateTimeOffset GetUtcNow() => Origin + Elapsed;
    public override long GetTimestamp() => Origin.UtcTicks + Elapsed.Ticks;
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Real(dueTime), Real(period)), this);

    private TimeSpan Real(TimeSpan t) => t == Timeout.InfiniteTimeSpan ? t : TimeSpan.FromTicks((long)(t.Ticks / Scale));

    private sealed class ScaledTimer(ITimer inner, ScaledClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Real(dueTime), clock.Real(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
