using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Specwright.Core.RateLimiting;

/// <summary>
/// The limit a client has when none is configured: it learns the key's limits from the API's 429s, and until one arrives it
/// holds nothing back (no start is waited for, any number may be in flight).
/// <list type="bullet">
/// <item>A 429's <c>Retry-After</c> pauses every attempt of the client until then, and no longer.</item>
/// <item>A limit a 429 names (<see cref="RateLimitSignal"/>) becomes a ceiling: the client never has more starts in the API's
/// minute, or more requests in flight, than the API said the key allows.</item>
/// <item>It goes below a ceiling only on evidence that others share the key: a second burst of 429s within
/// two minutes of the first. It then keeps what it had in the API's count when refused (its starts in the
/// minute, its requests in flight, the refused attempt taken out); a 429 that names nothing halves what is known.</item>
/// <item>After <see cref="GrowAfter"/> without a 429 it is back at the ceilings. Starts above the lowered per-minute limit
/// then go one at a time for a minute (each a probe: a refused probe lowers the limit again), so a client that finds the
/// neighbour still there draws one 429, not one per caller.</item>
/// </list>
/// Processes that share a Redis learn together instead (Specwright.Redis's <c>RedisAdaptiveRateLimiter</c>, which keeps the
/// requests in flight here with <c>slowStart</c>).
/// </summary>
public sealed class AdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>429s this soon after the first of a burst (or before its pause ends) answer attempts sent before the client knew.</summary>
    private static readonly TimeSpan BurstSpan = TimeSpan.FromSeconds(1);

    /// <summary>A new burst of 429s this soon after the last one shows the client is over the part of the key left to it.</summary>
    private static readonly TimeSpan EvidenceSpan = TimeSpan.FromMinutes(2);

    /// <summary>How long without a 429 before limits lowered below the named ceilings return to them (the name is from 1.0).</summary>
    public static readonly TimeSpan GrowAfter = TimeSpan.FromMinutes(1);

    /// <summary>With slow start, while no concurrency limit is known, the requests in flight double after callers have waited for a slot this long (real time).</summary>
    public static readonly TimeSpan RampEvery = TimeSpan.FromSeconds(1);

    private const int RampCeiling = 4096;
    private const int Unlimited = int.MaxValue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _window;
    private readonly bool _limitsStarts;
    private readonly bool _slowStart;
    private readonly Lock _gate = new();
    private readonly StartLog _starts = new(10_000);
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _last429 = DateTimeOffset.MinValue;
    private DateTimeOffset _burstEnds = DateTimeOffset.MinValue;
    private long? _blockedSince;
    private int? _perMinuteCeiling, _concurrentCeiling;
    private int? _perMinute;
    private int _concurrent;
    private int _inFlight;
    private volatile bool _successMatters; // below a ceiling, or probing: a success may change something
    private int? _probeFrom;
    private DateTimeOffset _probingSince;
    private bool _probeInFlight;

    /// <param name="time">The client's clock (the API's minute and pauses).</param>
    /// <param name="logger">Where each change of the limits is logged.</param>
    /// <param name="windowMargin">Added to the minute, as <c>ClientRateLimit.WindowMargin</c>.</param>
    /// <param name="limitsStarts">False when another limiter (a fleet's shared window) limits the starts per minute: this one then
    /// keeps only the pause and the requests in flight.</param>
    public AdaptiveRateLimiter(TimeProvider? time = null, ILogger? logger = null, TimeSpan? windowMargin = null, bool limitsStarts = true)
        : this(time, logger, windowMargin, limitsStarts, slowStart: false)
    {
    }

    /// <param name="time">The client's clock (the API's minute and pauses).</param>
    /// <param name="logger">Where each change of the limits is logged.</param>
    /// <param name="windowMargin">Added to the minute, as <c>ClientRateLimit.WindowMargin</c>.</param>
    /// <param name="limitsStarts">False when another limiter limits the starts per minute.</param>
    /// <param name="slowStart">Start with one request in flight and double that for each second (real time) callers wait for a
    /// slot, until a 429 names the concurrency limit: for a fleet whose processes start at once on one key, not for a lone client.</param>
    public AdaptiveRateLimiter(TimeProvider? time, ILogger? logger, TimeSpan? windowMargin, bool limitsStarts, bool slowStart)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _window = Minute + (windowMargin ?? TimeSpan.FromSeconds(1));
        _limitsStarts = limitsStarts;
        _slowStart = slowStart;
        _concurrent = slowStart ? 1 : Unlimited;
    }

    /// <summary>
    /// What this client allows itself now: starts per minute (null: no limit) and requests in flight (<see cref="int.MaxValue"/>:
    /// no limit, until a 429 names one).
    /// </summary>
    public (int? RequestsPerMinute, int MaxConcurrentRequests) Current
    {
        get
        {
            lock (_gate) return (_perMinute, _concurrent);
        }
    }

    /// <summary>Whether a 429 has named the concurrency limit.</summary>
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
        lock (_gate) return TryTake(out var wait, out var probe) ? new Slot(this, probe) : RollingWindowRateLimiter.Lease.Refused(wait ?? TimeSpan.FromMilliseconds(10));
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
                if (TryTake(out wait, out var probe)) return new Slot(this, probe);
                if (wait is null)
                {
                    freed = Enqueue();
                    ramp = _slowStart && _concurrentCeiling is null && _concurrent < RampCeiling
                        ? RampEvery - TimeSpan.FromMilliseconds(Environment.TickCount64 - (_blockedSince ?? Environment.TickCount64))
                        : Timeout.InfiniteTimeSpan; // nothing to ramp: wait for a slot
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
    private bool TryTake(out TimeSpan? wait, out bool probe)
    {
        probe = false;
        var now = _time.GetUtcNow();
        if (now < _pausedUntil)
        {
            wait = _pausedUntil - now;
            return false;
        }
        var counted = _starts.Prune(now, _window);
        if (_limitsStarts && _perMinute is { } m && counted >= m)
        {
            wait = _starts.Oldest + _window - now;
            return false;
        }
        if (_inFlight >= _concurrent && !Ramp())
        {
            wait = null;
            return false;
        }
        if (_probeFrom is { } from && counted >= from)
        {
            if (_probeInFlight)
            {
                wait = null; // one probe at a time
                return false;
            }
            _probeInFlight = probe = true;
        }
        _starts.Add(now);
        _inFlight++;
        wait = TimeSpan.Zero;
        return true;
    }

    /// <summary>
    /// Slow start: while no concurrency limit is known, doubles the requests in flight once callers have been waiting for a slot
    /// for <see cref="RampEvery"/> without a pause (a slot left free ends the wait).
    /// </summary>
    private bool Ramp()
    {
        if (!_slowStart || _concurrentCeiling is not null || _concurrent >= RampCeiling) return false;
        var now = Environment.TickCount64;
        _blockedSince ??= now;
        if (now - _blockedSince.Value < RampEvery.TotalMilliseconds) return false;
        _blockedSince = now;
        _concurrent *= 2;
        return true;
    }

    private TaskCompletionSource Enqueue()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.AddLast(tcs);
        return tcs;
    }

    /// <summary>A slot is free: every waiter checks again (one woken alone might have given up on its wait already).</summary>
    private void Release(bool probe)
    {
        List<TaskCompletionSource>? wake = null;
        lock (_gate)
        {
            _inFlight--;
            if (probe) _probeInFlight = false;
            if (_waiters.Count == 0) _blockedSince = null; // nobody waits: demand fits in what is allowed
            else wake = TakeWaiters();
        }
        Wake(wake);
    }

    private List<TaskCompletionSource>? TakeWaiters()
    {
        if (_waiters.Count == 0) return null;
        List<TaskCompletionSource> wake = [.. _waiters];
        _waiters.Clear();
        return wake;
    }

    private static void Wake(List<TaskCompletionSource>? waiters)
    {
        if (waiters is null) return;
        foreach (var w in waiters) w.TrySetResult();
    }

    public ValueTask OnRateLimitedAsync(RateLimitSignal signal, CancellationToken cancellationToken = default)
    {
        OnRateLimited(signal);
        return ValueTask.CompletedTask;
    }

    private void OnRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        List<TaskCompletionSource>? wake;
        bool lowered;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            // Without Retry-After the retry handler's own backoff spaces the attempts; only a stated wait pauses everyone.
            if (signal.RetryAfter is { } wait && now + wait > _pausedUntil) _pausedUntil = now + wait;
            _starts.RemoveNewest(); // the refused attempt: the API did not count it
            var counted = _starts.Prune(now, _window);
            var othersInFlight = _inFlight - 1; // the refused attempt still holds its slot
            var sameBurst = now < _burstEnds;
            // A refused probe is evidence at once: it was sent to find out whether the room is back.
            var repeated = (!sameBurst && now - _last429 < EvidenceSpan) || _probeInFlight;
            if (!sameBurst) _burstEnds = Max(now + BurstSpan, _pausedUntil);
            _last429 = now;
            var before = (_perMinute, _concurrent);

            if (_limitsStarts && signal.RequestsPerMinute is { } perMinute)
            {
                _perMinuteCeiling = perMinute;
                _perMinute = Math.Min(_perMinute ?? perMinute, perMinute);
                // Refused again while keeping to its limit: the key's minute is shared; keep what the API counted of ours.
                // At its own limit and refused all the same: what it keeps is too much, a quarter goes.
                if (repeated && counted > 0) _perMinute = counted >= _perMinute ? Math.Max(1, counted * 3 / 4) : counted;
            }
            if (repeated) _probeFrom = null;
            if (signal.MaxConcurrentRequests is { } concurrent)
            {
                _concurrentCeiling = concurrent;
                _concurrent = Math.Min(_concurrent, concurrent);
                if (repeated) _concurrent = Math.Clamp(othersInFlight, 1, _concurrent);
            }
            if (signal.RequestsPerMinute is null && signal.MaxConcurrentRequests is null && repeated)
            {
                // Refused again and told nothing: halve what is known.
                if (_perMinute is { } m) _perMinute = Math.Max(1, m / 2);
                if (_concurrentCeiling is not null) _concurrent = Math.Max(1, _concurrent / 2);
            }
            lowered = before != (_perMinute, _concurrent);
            _successMatters = BelowCeiling || _probeFrom is not null;
            wake = TakeWaiters(); // they re-check against the new limits
        }
        Wake(wake);
        if (lowered || _logger.IsEnabled(LogLevel.Debug))
            _logger.Log(lowered ? LogLevel.Information : LogLevel.Debug,
                "Rate limited by the API: pausing until {Until:O}; at most {PerMinute}/min and {Concurrent} in flight", _pausedUntil, Text(Current.RequestsPerMinute), Text(Current.MaxConcurrentRequests is Unlimited ? null : Current.MaxConcurrentRequests));
    }

    /// <summary>A success: after <see cref="GrowAfter"/> without a 429, limits lowered below the named ones return to them.</summary>
    public void OnSuccess()
    {
        if (!_successMatters) return;
        List<TaskCompletionSource>? wake;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_probeFrom is not null && now - _probingSince >= GrowAfter) _probeFrom = null; // a minute of probes went through
            _successMatters = BelowCeiling || _probeFrom is not null;
            if (!BelowCeiling || now - _last429 < GrowAfter) return;
            if (_perMinute < _perMinuteCeiling)
            {
                _probeFrom = _perMinute;
                _probingSince = now;
            }
            _perMinute = _perMinuteCeiling;
            if (_concurrentCeiling is { } cc) _concurrent = Math.Max(_concurrent, cc);
            _successMatters = _probeFrom is not null;
            wake = TakeWaiters();
        }
        Wake(wake);
        _logger.LogInformation("No 429 for {Quiet}: back at the API's limits, {PerMinute}/min and {Concurrent} in flight", GrowAfter,
            Text(Current.RequestsPerMinute), Text(Current.MaxConcurrentRequests is Unlimited ? null : Current.MaxConcurrentRequests));
    }

    private bool BelowCeiling => _perMinute != _perMinuteCeiling || (_concurrentCeiling is { } cc && _concurrent < cc);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Text(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";

    private sealed class Slot(AdaptiveRateLimiter owner, bool probe) : RateLimitLease
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
            if (disposing) Interlocked.Exchange(ref _owner, null)?.Release(probe);
        }
    }
}
