using System.Threading.RateLimiting;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// At most <c>permitLimit</c> starts in any rolling <c>window</c>, counted the way the APIs count them (each start is
/// remembered for one window). A permit is never returned: it expires with its window. Waiters are served as slots free
/// up; a request for more than one permit at a time is refused.
/// </summary>
public sealed class RollingWindowRateLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _starts = new();
    private long _lastUsed;

    public RollingWindowRateLimiter(int permitLimit, TimeSpan window, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _permitLimit = permitLimit;
        _window = window;
        _time = time ?? TimeProvider.System;
    }

    public override TimeSpan? IdleDuration => _starts.Count == 0 ? _time.GetElapsedTime(Interlocked.Read(ref _lastUsed)) : null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_starts)
            return new RateLimiterStatistics { CurrentAvailablePermits = _permitLimit - Prune(_time.GetUtcNow()) };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        CheckCount(permitCount);
        return TryTake(out var wait) ? Lease.Acquired : Lease.Refused(wait);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        CheckCount(permitCount);
        while (true)
        {
            if (TryTake(out var wait)) return Lease.Acquired;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryTake(out TimeSpan wait)
    {
        lock (_starts)
        {
            var now = _time.GetUtcNow();
            Interlocked.Exchange(ref _lastUsed, _time.GetTimestamp());
            if (Prune(now) < _permitLimit)
            {
                _starts.Enqueue(now);
                wait = TimeSpan.Zero;
                return true;
            }
            wait = _starts.Peek() + _window - now;
            return false;
        }
    }

    private int Prune(DateTimeOffset now)
    {
        while (_starts.Count > 0 && now - _starts.Peek() >= _window) _starts.Dequeue();
        return _starts.Count;
    }

    private static void CheckCount(int permitCount)
    {
        if (permitCount is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "A rolling-window limiter hands out one permit at a time.");
    }

    /// <summary>A start's lease: nothing to return (the start counts until its window passes).</summary>
    internal sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
