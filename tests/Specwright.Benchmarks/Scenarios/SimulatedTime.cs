namespace Specwright.Benchmarks.Scenarios;

/// <summary>
/// One simulated clock seen two ways, for one waiting caller at a time. The caller's clock jumps: a short
/// timer (a poll interval or backoff) moves time forward by its delay and fires at once, so a 10-minute run
/// is waited for in milliseconds; a long one (a request timeout) never fires. The server's clock only
/// reads the time: the sandbox settles runs when a request observes them, so it needs no timers.
/// </summary>
public sealed class SimulatedTime
{
    private static readonly DateTimeOffset Origin = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private long _ticks = Origin.UtcTicks;

    public SimulatedTime(TimeSpan fireLimit)
    {
        Caller = new CallerClock(this, fireLimit);
        Server = new ServerClock(this);
    }

    public TimeProvider Caller { get; }
    public TimeProvider Server { get; }
    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    private sealed class ServerClock(SimulatedTime time) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time.Now;
        public override long GetTimestamp() => time.Now.UtcTicks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new InertTimer();
    }

    private sealed class CallerClock(SimulatedTime time, TimeSpan fireLimit) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time.Now;
        public override long GetTimestamp() => time.Now.UtcTicks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new InertTimer();
            if (dueTime == Timeout.InfiniteTimeSpan || dueTime > fireLimit) return timer;
            Interlocked.Add(ref time._ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => { if (!timer.Stopped) callback(state); });
            return timer;
        }
    }

    private sealed class InertTimer : ITimer
    {
        public volatile bool Stopped;
        public bool Change(TimeSpan dueTime, TimeSpan period) => !Stopped;
        public void Dispose() => Stopped = true;
        public ValueTask DisposeAsync()
        {
            Stopped = true;
            return ValueTask.CompletedTask;
        }
    }
}
