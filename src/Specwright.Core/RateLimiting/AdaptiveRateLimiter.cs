using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// The limit a client has when none is configured: it learns the key's limits from the API's 429s.
/// <list type="bullet">
/// <item>It starts with one request in flight and doubles that for each second (real time) that callers go on waiting for a
/// slot, until a 429 names the concurrency limit (slow start: a fleet of processes starting at once does not flood the key).</item>
/// <item>A 429's <c>Retry-After</c> pauses every attempt of the client until then.</item>
/// <item>A 429 that names a limit (webscrape.ai's <c>limit_per_min</c>, <c>max_concurrent</c>) sets this client's share of it:
/// what the client itself had in the API's count when the API refused (its starts in the last minute, its requests in flight).
/// Alone on the key that is the whole limit; among several processes it is this one's part. A refused attempt is taken out of
/// the count (the API does not count it).</item>
/// <item>A 429 that names nothing halves a share already set, once per 20 s.</item>
/// <item>After a minute without a 429 the share grows by a tenth of the named limit (one more in flight), up to the limit,
/// so capacity that other processes free is taken up again.</item>
/// </list>
/// Processes that share a Redis learn together instead (Specwright.Redis's <c>RedisAdaptiveRateLimiter</c>).
/// </summary>
public sealed class AdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>429s that name no limit within this time of a decrease are the same burst, not a further signal.</summary>
    private static readonly TimeSpan DecreaseCooldown = TimeSpan.FromSeconds(20);

    /// <summary>How long a share is kept, without a 429, before it grows.</summary>
    public static readonly TimeSpan GrowAfter = TimeSpan.FromMinutes(1);

    /// <summary>While no concurrency limit is known, the requests in flight double after callers have waited for a slot this long (real time).</summary>
    public static readonly TimeSpan RampEvery = TimeSpan.FromSeconds(1);

    private const int RampCeiling = 4096;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _window;
    private readonly bool _limitsStarts;
    private readonly Lock _gate = new();
    private readonly LinkedList<DateTimeOffset> _starts = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastChange;
    private DateTimeOffset _lastDecrease = DateTimeOffset.MinValue;
    private long? _blockedSince;
    private int? _perMinuteCeiling, _concurrentCeiling;
    private int? _perMinute;
    private int _concurrent = 1;
    private int _inFlight;

    /// <param name="time">The client's clock (the API's minute and pauses).</param>
    /// <param name="logger">Where each change of the limits is logged.</param>
    /// <param name="windowMargin">Added to the minute, as <c>ClientRateLimit.WindowMargin</c>.</param>
    /// <param name="limitsStarts">False when another limiter (a fleet's shared window) limits the starts per minute: this one then
    /// keeps only the pause and the requests in flight.</param>
    public AdaptiveRateLimiter(TimeProvider? time = null, ILogger? logger = null, TimeSpan? windowMargin = null, bool limitsStarts = true)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _window = Minute + (windowMargin ?? TimeSpan.FromSeconds(1));
        _limitsStarts = limitsStarts;
    }

    /// <summary>What this client allows itself now: starts per minute (null: no limit yet) and requests in flight.</summary>
    public (int? RequestsPerMinute, int MaxConcurrentRequests) Current
    {
        get
        {
            lock (_gate) return (_perMinute, _concurrent);
        }
    }

    /// <summary>Whether a concurrency limit is known yet (before, the requests in flight ramp up).</summary>
    public bool ConcurrencyLearned
    {
        get
        {
            lock (_gate) return _concurrentCeiling is not null;
        }
    }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate) return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, _concurrent - _inFlight) };
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
            TimeSpan ramp = default;
            lock (_gate)
            {
                if (TryTake(out wait)) return new Slot(this);
                if (wait is null)
                {
                    freed = Enqueue();
                    ramp = _concurrentCeiling is null && _concurrent < RampCeiling
                        ? RampEvery - TimeSpan.FromMilliseconds(Environment.TickCount64 - (_blockedSince ?? Environment.TickCount64))
                        : Timeout.InfiniteTimeSpan; // nothing more to ramp: wait for a slot
                }
            }
            if (freed is null) await Task.Delay(wait!.Value, _time, cancellationToken).ConfigureAwait(false);
            else await WaitForSlotAsync(freed.Task, ramp, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Until a slot frees, or (ramping) until the requests in flight may double.</summary>
    private static async Task WaitForSlotAsync(Task freed, TimeSpan ramp, CancellationToken cancellationToken)
    {
        if (ramp == Timeout.InfiniteTimeSpan)
        {
            await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (ramp <= TimeSpan.Zero) return;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rampDue = Task.Delay(ramp, TimeProvider.System, stop.Token);
        await Task.WhenAny(freed, rampDue).ConfigureAwait(false);
        stop.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
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
        var counted = Prune(now);
        if (_limitsStarts && _perMinute is { } m && counted >= m)
        {
            wait = _starts.First!.Value + _window - now;
            return false;
        }
        if (_inFlight >= _concurrent && !Ramp())
        {
            wait = null;
            return false;
        }
        _starts.AddLast(now);
        if (_starts.Count > 10_000) _starts.RemoveFirst(); // unlimited: keep only what a limit could need
        _inFlight++;
        wait = TimeSpan.Zero;
        return true;
    }

    /// <summary>
    /// While no concurrency limit is known, doubles the requests in flight once callers have been waiting for a slot for
    /// <see cref="RampEvery"/> without a pause (a slot left free ends the wait).
    /// </summary>
    private bool Ramp()
    {
        if (_concurrentCeiling is not null || _concurrent >= RampCeiling) return false;
        var now = Environment.TickCount64;
        _blockedSince ??= now;
        if (now - _blockedSince.Value < RampEvery.TotalMilliseconds) return false;
        _blockedSince = now;
        _concurrent *= 2;
        return true;
    }

    private int Prune(DateTimeOffset now)
    {
        while (_starts.First is { } oldest && now - oldest.Value >= _window) _starts.RemoveFirst();
        return _starts.Count;
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
            if (_waiters.Count == 0) _blockedSince = null; // nobody waits: demand fits in what is allowed
            wake = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var w in wake) w.TrySetResult();
    }

    public ValueTask OnRateLimitedAsync(RateLimitSignal signal, CancellationToken cancellationToken = default)
    {
        OnRateLimited(signal);
        return ValueTask.CompletedTask;
    }

    private void OnRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        List<TaskCompletionSource> wake;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            // Without Retry-After the retry handler's own backoff spaces the attempts; only a stated wait pauses everyone.
            if (signal.RetryAfter is { } wait && now + wait > _pausedUntil) _pausedUntil = now + wait;
            if (_starts.Last is not null) _starts.RemoveLast(); // the refused attempt: the API did not count it
            var counted = Prune(now);
            if (_limitsStarts && signal.RequestsPerMinute is { } perMinute)
            {
                _perMinuteCeiling = Math.Min(_perMinuteCeiling ?? perMinute, perMinute);
                // Nothing of ours in the API's count (a new process on a busy key): no share to read yet; the pause holds it back.
                if (counted > 0) _perMinute = Math.Min(_perMinuteCeiling.Value, Math.Min(_perMinute ?? counted, counted));
            }
            if (signal.MaxConcurrentRequests is { } concurrent)
            {
                _concurrentCeiling = Math.Min(_concurrentCeiling ?? concurrent, concurrent);
                // The refused attempt still holds its slot: the others in flight are this client's part of the API's count.
                _concurrent = Math.Clamp(Math.Min(_concurrent, _inFlight - 1), 1, _concurrentCeiling.Value);
            }
            if (signal.RequestsPerMinute is null && signal.MaxConcurrentRequests is null && now - _lastDecrease >= DecreaseCooldown)
            {
                // A 429 that names nothing: halve what is known (a share already found is too large).
                if (_perMinute is { } m) _perMinute = Math.Max(1, m / 2);
                if (_concurrentCeiling is not null) _concurrent = Math.Max(1, _concurrent / 2);
                _lastDecrease = now;
            }
            _lastChange = now;
            wake = [.. _waiters];
            _waiters.Clear();
        }
        foreach (var w in wake) w.TrySetResult(); // they re-check against the new limits
        _logger.LogInformation("Rate limited by the API: pausing until {Until:O}; now at most {PerMinute}/min and {Concurrent} in flight",
            _pausedUntil, _perMinute?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited", _concurrent);
    }

    public void OnSuccess()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _lastChange < GrowAfter) return;
            _lastChange = now;
            if (_perMinute is { } m && _perMinuteCeiling is { } mc && m < mc) _perMinute = Math.Min(mc, m + Math.Max(1, mc / 10));
            if (_concurrentCeiling is { } cc && _concurrent < cc) _concurrent++;
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
