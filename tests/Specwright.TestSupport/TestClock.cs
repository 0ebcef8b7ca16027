namespace Specwright.TestSupport;

/// <summary>
/// A clock for code whose short timers are waits (backoff, poll intervals) and long timers are
/// timeouts. A timer due within <see cref="FireLimit"/> fires at once and moves the clock forward by
/// its delay (recorded in <see cref="Delays"/>); a longer one never fires. Tests never sleep.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<TimeSpan> _delays = [];
    private long _ticks = new DateTimeOffset(2026, 5, 21, 12, 0, 0, TimeSpan.Zero).UtcTicks;

    public TimeSpan FireLimit { get; init; } = TimeSpan.FromSeconds(120);

    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_lock) return _delays.ToList(); }
    }

    public TimeSpan Elapsed => GetUtcNow() - new DateTimeOffset(2026, 5, 21, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return new DateTimeOffset(_ticks, TimeSpan.Zero);
    }

    public override long GetTimestamp()
    {
        lock (_lock) return _ticks;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>
    /// The same time for a party that must not move it (a server whose timers only tidy up, while the
    /// caller's waits drive the clock): it reads this clock, and its timers never fire.
    /// </summary>
    public TimeProvider ReadOnly => _readOnly ??= new ReadOnlyView(this);

    private TimeProvider? _readOnly;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new StoppableTimer();
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= FireLimit)
        {
            lock (_lock)
            {
                _ticks += dueTime.Ticks;
                _delays.Add(dueTime);
            }
            ThreadPool.QueueUserWorkItem(_ => { if (!timer.Stopped) callback(state); });
        }
        return timer;
    }

    private sealed class ReadOnlyView(TestClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();
        public override long GetTimestamp() => clock.GetTimestamp();
        public override long TimestampFrequency => clock.TimestampFrequency;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new StoppableTimer();
    }

    private sealed class StoppableTimer : ITimer
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
