using System.Globalization;
using System.Threading.RateLimiting;
using Specwright.Core.Options;
using Specwright.Core.RateLimiting;
using StackExchange.Redis;

namespace Specwright.Redis;

/// <summary>
/// The adaptive limit for a fleet: what one process learns from a 429 (the limits it names, its <c>Retry-After</c>) is written
/// to Redis, and every process on the key then takes its permits from one Redis-shared limiter of those limits, so the fleet
/// as a whole runs at the key's limit without any configuration. Until a 429 names limits, calls are not limited.
/// </summary>
public sealed class RedisAdaptiveRateLimiter : RateLimiter, IRateLimitFeedback
{
    private readonly TimeSpan _refresh;
    private readonly IConnectionMultiplexer _redis;
    private readonly string _partition;
    private readonly TimeProvider _time;
    private readonly TimeSpan _minute;
    private readonly TimeSpan _margin;
    private readonly Lock _gate = new();
    private (int? PerMinute, int? Concurrent) _limits;
    private long _pausedUntilMs;
    private RateLimiter? _shared;
    private RedisRollingWindowRateLimiter? _window;
    private TimeSpan? _lastRetryAfter;
    private long _readAt = long.MinValue / 2; // "never": far enough back that now minus it cannot overflow

    /// <param name="redis">The fleet's Redis.</param>
    /// <param name="partition">The key's partition (<see cref="RedisRateLimits.PartitionFor"/>).</param>
    /// <param name="time">The clock of pauses (the client's).</param>
    /// <param name="minute">The API's minute in real time (a minute, unless against a sandbox on a fast clock).</param>
    /// <param name="windowMargin">Added to the window, as <see cref="ClientRateLimit.WindowMargin"/>, in the API's time.</param>
    public RedisAdaptiveRateLimiter(IConnectionMultiplexer redis, string partition, TimeProvider? time = null, TimeSpan? minute = null, TimeSpan? windowMargin = null)
    {
        _redis = redis ?? throw new ArgumentNullException(nameof(redis));
        ArgumentException.ThrowIfNullOrWhiteSpace(partition);
        _partition = partition;
        _time = time ?? TimeProvider.System;
        _minute = minute ?? TimeSpan.FromMinutes(1);
        _refresh = _minute / 240; // 250 ms in a real minute
        _margin = windowMargin ?? TimeSpan.FromSeconds(1);
    }

    private RedisKey Learned => _partition + ":learned";

    /// <summary>The limits the fleet learned so far (null: none yet).</summary>
    public (int? RequestsPerMinute, int? MaxConcurrentRequests) Current
    {
        get
        {
            lock (_gate) return _limits;
        }
    }

    public override TimeSpan? IdleDuration => null;
    public override RateLimiterStatistics? GetStatistics() => _shared?.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        throw new NotSupportedException("The Redis adaptive limiter is asked asynchronously (each permit is a Redis call).");

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var shared = await ReadAsync().ConfigureAwait(false);
        var pause = TimeSpan.FromMilliseconds(Interlocked.Read(ref _pausedUntilMs) - _time.GetUtcNow().ToUnixTimeMilliseconds());
        if (pause > TimeSpan.Zero) await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        return shared is null ? Unlimited.Instance : await shared.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The fleet's learned limits and pause, read at most every 250 ms (of a real minute); the shared limiter is remade when the limits change.</summary>
    private async ValueTask<RateLimiter?> ReadAsync()
    {
        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _readAt) < _refresh.TotalMilliseconds) return _shared;
        Interlocked.Exchange(ref _readAt, now);
        var fields = await _redis.GetDatabase().HashGetAsync(Learned, ["per_minute", "concurrent", "paused_until_ms"]).ConfigureAwait(false);
        int? Int(RedisValue v) => v.HasValue && int.TryParse(v.ToString(), CultureInfo.InvariantCulture, out var i) ? i : null;
        var limits = (Int(fields[0]), Int(fields[1]));
        if (fields[2].HasValue && long.TryParse(fields[2].ToString(), CultureInfo.InvariantCulture, out var until))
            InterlockedMax(ref _pausedUntilMs, until);
        lock (_gate)
        {
            if (limits == _limits) return _shared;
            _limits = limits;
            var old = _shared;
            var realWindow = (TimeSpan.FromMinutes(1) + _margin) * (_minute / TimeSpan.FromMinutes(1));
            var parts = new List<RateLimiter>();
            if (limits.Item2 is { } concurrent)
                parts.Add(RedisRateLimits.Create(_redis, _partition + ":adaptive", new ClientRateLimit { MaxConcurrentRequests = concurrent }));
            _window = limits.Item1 is { } perMinute ? new RedisRollingWindowRateLimiter(_redis, _partition + ":adaptive:minute", perMinute, realWindow) : null;
            if (_window is not null) parts.Add(_window);
            _shared = parts.Count switch { 0 => null, 1 => parts[0], _ => CreateChained([.. parts]) };
            old?.Dispose();
        }
        // The API's window is full now (that is what the 429 said): start ours full too, freeing from its Retry-After on.
        if (_window is { } w && _lastRetryAfter is { } first) await w.SeedFullAsync(first * (_minute / TimeSpan.FromMinutes(1)), _margin * (_minute / TimeSpan.FromMinutes(1))).ConfigureAwait(false);
        lock (_gate)
        {
            return _shared;
        }
    }

    /// <summary>Writes what the 429 said for the whole fleet: its named limits, and the pause until its Retry-After.</summary>
    public void OnRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var entries = new List<HashEntry>();
        if (signal.RequestsPerMinute is { } m) entries.Add(new HashEntry("per_minute", m));
        if (signal.MaxConcurrentRequests is { } c) entries.Add(new HashEntry("concurrent", c));
        if (signal.RetryAfter is { } wait)
        {
            if (signal.RequestsPerMinute is not null) _lastRetryAfter = wait;
            var until = (_time.GetUtcNow() + wait).ToUnixTimeMilliseconds();
            InterlockedMax(ref _pausedUntilMs, until);
            entries.Add(new HashEntry("paused_until_ms", until));
        }
        if (entries.Count == 0) return;
        var db = _redis.GetDatabase();
        _ = db.HashSetAsync(Learned, [.. entries], CommandFlags.FireAndForget);
        _ = db.KeyExpireAsync(Learned, TimeSpan.FromDays(1), CommandFlags.FireAndForget);
        Interlocked.Exchange(ref _readAt, long.MinValue / 2); // read it back at the next call
    }

    public void OnSuccess()
    {
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) lock (_gate) _shared?.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Unlimited : RateLimitLease
    {
        public static readonly Unlimited Instance = new();
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
