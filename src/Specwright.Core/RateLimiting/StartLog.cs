namespace Specwright.Core.RateLimiting;

/// <summary>
/// The times of a client's recent starts, oldest first, in a ring buffer: taking a permit records a start without allocating.
/// Not thread-safe; its owner holds a lock.
/// </summary>
internal sealed class StartLog(int capacity)
{
    private long[] _ticks = new long[Math.Min(16, capacity)];
    private int _head;

    public int Count { get; private set; }

    public DateTimeOffset Oldest => new(_ticks[_head], TimeSpan.Zero);

    /// <summary>Records a start; past the capacity the oldest is forgotten (no limit needs more than it keeps).</summary>
    public void Add(DateTimeOffset at)
    {
        if (Count == capacity) RemoveOldest();
        if (Count == _ticks.Length) Grow();
        _ticks[(_head + Count) % _ticks.Length] = at.UtcTicks;
        Count++;
    }

    /// <summary>Forgets the latest start (a refused attempt: the API did not count it).</summary>
    public void RemoveNewest()
    {
        if (Count > 0) Count--;
    }

    /// <summary>Forgets the starts that left the window; returns how many are still in it.</summary>
    public int Prune(DateTimeOffset now, TimeSpan window)
    {
        var cutoff = (now - window).UtcTicks;
        while (Count > 0 && _ticks[_head] <= cutoff) RemoveOldest();
        return Count;
    }

    private void RemoveOldest()
    {
        _head = (_head + 1) % _ticks.Length;
        Count--;
    }

    private void Grow()
    {
        var bigger = new long[Math.Min(capacity, _ticks.Length * 2)];
        for (var i = 0; i < Count; i++) bigger[i] = _ticks[(_head + i) % _ticks.Length];
        _ticks = bigger;
        _head = 0;
    }
}
