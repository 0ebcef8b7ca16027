using System.Collections.Concurrent;

namespace Specwright.Sandbox.Limits;

/// <summary>Why a request was throttled, and when it may be tried again.</summary>
public sealed record Throttle(string Reason, int Limit, TimeSpan RetryAfter);

/// <summary>
/// Per-key limits: requests in a rolling minute, and requests in flight. A throttled request is not
/// counted against the minute, so a client that backs off is never locked out longer than the window.
/// </summary>
public sealed class RateLimiter(TimeProvider clock)
{
    public const string PerMinute = "rate_limit_per_min";
    public const string Concurrent = "max_concurrent_requests";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, KeyWindow> _keys = new(StringComparer.Ordinal);

    /// <summary>Admits a request or says why not. An admitted request must be released with the returned lease.</summary>
    public Throttle? TryEnter(string key, int perMinute, int maxConcurrent, out IDisposable? lease)
    {
        lease = null;
        var w = _keys.GetOrAdd(key, _ => new KeyWindow());
        var now = clock.GetUtcNow();
        lock (w)
        {
            while (w.Starts.Count > 0 && now - w.Starts.Peek() >= Window) w.Starts.Dequeue();
            if (w.Starts.Count >= perMinute)
            {
                var wait = w.Starts.Peek() + Window - now;
                return new Throttle(PerMinute, perMinute, RoundUp(wait));
            }
            if (w.InFlight >= maxConcurrent)
                return new Throttle(Concurrent, maxConcurrent, TimeSpan.FromSeconds(1));
            w.Starts.Enqueue(now);
            w.InFlight++;
        }
        lease = new Lease(w);
        return null;
    }

    /// <summary>Requests of this key being served right now.</summary>
    public int InFlight(string key)
    {
        if (!_keys.TryGetValue(key, out var w)) return 0;
        lock (w) return w.InFlight;
    }

    private static TimeSpan RoundUp(TimeSpan t) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(t.TotalSeconds)));

    private sealed class KeyWindow
    {
        public readonly Queue<DateTimeOffset> Starts = new();
        public int InFlight;
    }

    private sealed class Lease(KeyWindow w) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            lock (w) w.InFlight--;
        }
    }
}
