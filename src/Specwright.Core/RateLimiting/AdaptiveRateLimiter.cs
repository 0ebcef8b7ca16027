using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// The limit a client has when none is configured: none at first; then what the API says. A 429 with <c>Retry-After</c> pauses
/// every attempt of the client until then; limits the 429 names (requests per minute, requests in flight) are adopted; a
/// further 429 while limited halves this client's share, at most once per 20 s (several processes on one key find their
/// share that way), and each quiet minute gives a tenth of the named limit back, up to it. Processes that share a Redis
/// learn together instead (Specwright.Redis's <c>RedisAdaptiveRateLimiter</c>).
/// </summary>
public sealed class AdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _window;
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastChange;
    private DateTimeOffset _lastDecrease = DateTimeOffset.MinValue;

    /// <summary>After a decrease, further 429s within this time do not decrease again (they answer calls sent before it).</summary>
    private static readonly TimeSpan DecreaseCooldown = TimeSpan.FromSeconds(20);
    private int? _perMinuteCeiling, _concurrentCeiling;
    private int? _perMinute, _concurrent;
    private int _inFlight;

    public AdaptiveRateLimiter(TimeProvider? time = null, ILogger? logger = null, TimeSpan? windowMargin = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _window = Minute + (windowMargin ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>What this client allows itself now (null: no limit yet).</summary>
    public (int? RequestsPerMinute, int? MaxConcurrentRequests) Current
    {
        get
        {
            lock (_gate) return (_perMinute, _concurrent);
        }
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate) return new RateLimiterStatistics { CurrentAvailablePermits = _concurrent is { } c ? Math.Max(0, c - _inFlight) : int.MaxValue };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate) return TryTake(out var wait) ? new Slot(this) : RollingWindowRateLimiter.Lease.Refused(wait ?? TimeSpan.FromMilliseconds(10));
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan? wait;
            TaskCompletionSource? freed = null;
            lock (_gate)
            {
                if (TryTake(out wait)) return new Slot(this);
                if (wait is null) freed = Enqueue();
            }
            if (freed is not null) await freed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            else await Task.Delay(wait!.Value, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a start and a slot, or says how long to wait (null: until a slot frees).</summary>
    private bool TryTake(out TimeSpan? wait)
    {
        var now = _time.GetUtcNow();
        if (now < _pausedUntil)
        {
            wait = _pausedUntil - now;
            return false;
        }
        if (_concurrent is { } c && _inFlight >= c)
        {
            wait = null;
            return false;
        }
        while (_starts.Count > 0 && now - _starts.Peek() >= _window) _starts.Dequeue();
        if (_perMinute is { } m && _starts.Count >= m)
        {
            wait = _starts.Peek() + _window - now;
            return false;
        }
        _starts.Enqueue(now);
        while (_starts.Count > 10_000) _starts.Dequeue(); // unlimited: keep only what a limit could need
        _inFlight++;
        wait = TimeSpan.Zero;
        return true;
    }

    private TaskCompletionSource Enqueue()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.AddLast(tcs);
        return tcs;
    }

    /// <summary>A slot is free: every waiter checks again (one woken alone might have given up on its wait already).</summary>
    private void Release()
    {
        List<TaskCompletionSource> wake;
        lock (_gate)
        {
            _inFlight--;
            wake = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var w in wake) w.TrySetResult();
    }

    public void OnRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        List<TaskCompletionSource> wake;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            // Without Retry-After the retry handler's own backoff spaces the attempts; only a stated wait pauses everyone.
            if (signal.RetryAfter is { } wait && now + wait > _pausedUntil) _pausedUntil = now + wait;
            // One decrease per cool-down: the 429s of one burst (several calls in flight) are one signal, not several.
            if (now - _lastDecrease >= DecreaseCooldown || (_perMinute is null && signal.RequestsPerMinute is not null) || (_concurrent is null && signal.MaxConcurrentRequests is not null))
            {
                _perMinute = Adjust(_perMinute, ref _perMinuteCeiling, signal.RequestsPerMinute);
                _concurrent = Adjust(_concurrent, ref _concurrentCeiling, signal.MaxConcurrentRequests);
                _lastDecrease = now;
            }
            _lastChange = now;
            wake = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var w in wake) w.TrySetResult(); // they re-check against the new limits
        _logger.LogInformation("Rate limited by the API: pausing until {Until:O}; now at most {PerMinute}/min and {Concurrent} in flight",
            _pausedUntil, _perMinute?.ToString() ?? "unlimited", _concurrent?.ToString() ?? "unlimited");
    }

    /// <summary>First the limit the API names; then halving while 429s go on.</summary>
    private static int? Adjust(int? current, ref int? ceiling, int? named)
    {
        if (named is { } n) ceiling = ceiling is { } c ? Math.Min(c, n) : n;
        if (current is null) return named;
        return Math.Max(1, current.Value / 2);
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _lastChange < Minute) return;
            _lastChange = now;
            if (_perMinute is { } m && _perMinuteCeiling is { } mc && m < mc) _perMinute = m + Math.Max(1, mc / 10);
            if (_concurrent is { } c && _concurrentCeiling is { } cc && c < cc) _concurrent = c + 1;
            if (_perMinute > _perMinuteCeiling) _perMinute = _perMinuteCeiling;
        }
    }

    private sealed class Slot(AdaptiveRateLimiter owner) : RateLimitLease
    {
        private AdaptiveRateLimiter? _owner = owner;

        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Interlocked.Exchange(ref _owner, null)?.Release();
        }
    }
}
